/**
 * "Connect a browser" (issue 13): choose the browsers, connect (main writes the native host's
 * manifests, as `warifu browser install`), then what to do next (load the extension from the folder
 * main names), the codes filled since the app started ("Code filled on monex.co.jp at 09:31", kept
 * in main's memory only), and one button that removes the browsers' access.
 */
import { BROWSER_CHOICES, type BrowserChoice, type BrowserFill, type BrowserStatus } from '../../shared/ipc/channels'
import { api, errorCode } from '../api'
import { h } from '../components/dom'
import { errorText, language, t } from '../i18n'

/** Proper names: the same in every language. */
const BROWSER_NAMES: Record<BrowserChoice, string> = {
  chrome: 'Google Chrome',
  chromium: 'Chromium',
  edge: 'Microsoft Edge',
  brave: 'Brave',
  firefox: 'Firefox',
}

/** "09:31" today, "11/25 09:31" on another day, in the UI's language. */
export function fillTime(at: number, now = Date.now()): string {
  const when = new Date(at)
  const sameDay = when.toDateString() === new Date(now).toDateString()
  return new Intl.DateTimeFormat(language(), {
    ...(sameDay ? {} : { month: 'numeric', day: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(when)
}

/** One line of recent activity: where and when, then whose code. */
function renderFill(fill: BrowserFill, now = Date.now()): HTMLElement {
  return h(
    'li',
    { class: 'browser-fill', 'data-site': fill.site },
    h('span', { class: 'browser-fill-what' }, t('browser.filled', { site: fill.site, time: fillTime(fill.at, now) })),
    h('small', { class: 'browser-fill-name' }, fill.name),
  )
}

function listOf(browsers: readonly BrowserChoice[]): string {
  return browsers.map((b) => BROWSER_NAMES[b]).join(t('check.accountSep'))
}

/** Opens the dialog; resolves when it closes. */
export function browserDialog(): Promise<void> {
  return new Promise((resolve) => {
    const chosen = new Set<BrowserChoice>()
    const boxes = BROWSER_CHOICES.map((browser) => {
      const box = h('input', { type: 'checkbox', name: 'browser', value: browser, id: `browser-${browser}` })
      box.addEventListener('change', () => {
        if (box.checked) chosen.add(browser)
        else chosen.delete(browser)
        connect.disabled = chosen.size === 0
      })
      return box
    })
    const picker = h(
      'fieldset',
      { class: 'browser-choices' },
      h('legend', { class: 'field-label' }, t('browser.choose')),
      ...boxes.map((box, i) =>
        h('label', { class: 'check', for: box.id }, box, h('span', {}, BROWSER_NAMES[BROWSER_CHOICES[i]!])),
      ),
    )
    const state = h('p', { class: 'note', 'data-testid': 'browser-state' })
    // Said once per action, for screen readers too ("Connected Chrome.", an error).
    const said = h('p', { class: 'browser-said', role: 'status', 'aria-live': 'polite' })
    const connect = h(
      'button',
      { type: 'button', class: 'button primary', 'data-action': 'browser-connect' },
      t('browser.connect'),
    )
    // Open right after Connect; folded on a later visit, when the recent fills matter more.
    const next = h('details', { class: 'browser-next', hidden: true })
    const recent = h('ul', { class: 'browser-fills', 'data-testid': 'browser-fills' })
    const recentEmpty = h('p', { class: 'hint' }, t('browser.recentEmpty'))
    const remove = h(
      'button',
      { type: 'button', class: 'button danger', 'data-action': 'browser-remove', hidden: true },
      t('browser.remove'),
    )

    const drawRecent = (fills: BrowserFill[]) => {
      const now = Date.now()
      recent.replaceChildren(...fills.map((fill) => renderFill(fill, now)))
      recent.hidden = fills.length === 0
      recentEmpty.hidden = fills.length > 0
    }

    const draw = (s: BrowserStatus) => {
      const connected = s.allowed && s.connected.length > 0
      state.textContent = !s.allowed
        ? t('browser.removed')
        : connected
          ? t('browser.connected', { browsers: listOf(s.connected) })
          : t('browser.notConnected')
      state.classList.toggle('warn', !s.allowed)
      next.hidden = !connected
      next.replaceChildren(h('summary', {}, t('browser.next')), ...(connected ? nextSteps(s) : []))
      remove.hidden = s.connected.length === 0
      drawRecent(s.recent)
    }

    /** One action; its outcome is said in the status line, and the controls come back after. */
    const run = async (action: () => Promise<BrowserStatus>, done: (s: BrowserStatus) => string) => {
      connect.disabled = true
      remove.disabled = true
      let message: string
      try {
        const s = await action()
        draw(s)
        message = done(s)
        // Shown by draw() exactly when a browser is connected.
        if (!next.hidden) next.open = true
      } catch (error) {
        message = errorText(errorCode(error))
      }
      connect.disabled = chosen.size === 0
      remove.disabled = false
      said.textContent = message
      // Remove hides itself once nothing is connected: the focus goes to Connect, not to the page.
      if (remove.hidden && (document.activeElement === remove || !dialog.contains(document.activeElement))) {
        connect.focus()
      }
    }

    connect.addEventListener('click', () => {
      const browsers = BROWSER_CHOICES.filter((b) => chosen.has(b))
      void run(
        () => api()['browser:connect'](browsers),
        () => t('browser.connectedNow'),
      )
    })
    remove.addEventListener('click', () => {
      void run(
        () => api()['browser:remove-access'](),
        () => t('browser.removedNow'),
      )
    })

    const form = h(
      'form',
      { method: 'dialog' },
      h('h2', { id: 'browser-title' }, t('browser.title')),
      h('p', { class: 'hint' }, t('browser.body')),
      state,
      picker,
      h('div', { class: 'browser-connect-row' }, connect),
      said,
      next,
      h(
        'section',
        { class: 'browser-recent', 'aria-labelledby': 'browser-recent-title' },
        h('h3', { id: 'browser-recent-title' }, t('browser.recent')),
        recent,
        recentEmpty,
      ),
      h(
        'div',
        { class: 'dialog-actions' },
        remove,
        h('button', { type: 'submit', class: 'button', 'data-action': 'browser-close' }, t('browser.close')),
      ),
    )
    const dialog = h('dialog', { class: 'dialog browser-dialog', 'aria-labelledby': 'browser-title' }, form)

    // A fill reported while the dialog is open shows at once.
    const off = api().on('browser:activity', () => {
      const status = api()['browser:status']()
      status.then(
        (s) => drawRecent(s.recent),
        () => undefined,
      )
    })
    dialog.addEventListener('close', () => {
      off()
      dialog.remove()
      resolve()
    })
    document.body.append(dialog)
    dialog.showModal()
    connect.disabled = true
    const first = api()['browser:status']()
    void first
      .then((s) => {
        // Ticked: what is connected already, or Chrome the first time.
        for (const browser of s.connected.length > 0 ? s.connected : (['chrome'] as const)) chosen.add(browser)
        boxes.forEach((box, i) => (box.checked = chosen.has(BROWSER_CHOICES[i]!)))
        connect.disabled = chosen.size === 0
        draw(s)
      })
      .catch((error: unknown) => {
        state.textContent = errorText(errorCode(error))
      })
    boxes[0]?.focus()
  })
}

/** What to do after connecting: load the extension from the folder main names, per browser family. */
function nextSteps(s: BrowserStatus): HTMLElement[] {
  const families = new Set(s.connected.map((b) => (b === 'firefox' ? 'firefox' : 'chromium')))
  const steps: HTMLElement[] = []
  for (const family of ['chromium', 'firefox'] as const) {
    if (!families.has(family)) continue
    const folder = s.extensionFolders[family]
    if (folder === null) {
      steps.push(h('p', { class: 'hint' }, t('browser.noExtension')))
      continue
    }
    steps.push(
      h('p', {}, t(family === 'chromium' ? 'browser.next.chromium' : 'browser.next.firefox')),
      h(
        'div',
        { class: 'browser-folder' },
        h('code', { 'data-family': family }, folder),
        h(
          'button',
          {
            type: 'button',
            class: 'button small',
            'data-action': `browser-open-${family}`,
            onclick: () => {
              const opened = api()['browser:open-extension-folder'](family)
              opened.catch(() => undefined)
            },
          },
          t('browser.openFolder'),
        ),
      ),
    )
  }
  steps.push(h('p', { class: 'hint' }, t('browser.next.store')))
  return steps
}
