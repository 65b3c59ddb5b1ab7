/**
 * What a scan found: for one code, its details and current code (a setup page asks for it to confirm);
 * for several, a list to pick from. The scanned URI stays in this view's closure and goes only to main
 * (accounts:preview-uri / add-from-uri); it is never written into the DOM.
 *
 * Saved on scan, as Google Authenticator does, with Undo for a moment: someone who types the shown code
 * into the setup page has turned on 2FA there, so the code is only ever shown for an account that is
 * saved (or already was). Asking before leaving would not cover every way out (the shortcut, another
 * paste, closing to the tray); saving first does. A QR without a name is not saved until one is typed,
 * and its code stays hidden until then.
 */
import type { AccountPreview } from '../../shared/ipc/channels'
import type { AccountSummary } from '../../shared/types'
import { api, errorCode } from '../api'
import { h } from '../components/dom'
import { toast } from '../components/toast'
import { displayName, groupCode } from '../format'
import { errorText, t } from '../i18n'
import { copyToast, renderPickerBlock, SitePicker } from './sites'

/** A scanned otpauth URI and main's reading of it. */
export interface ScannedAccount {
  uri: string
  preview: AccountPreview
}

export interface ScanResultActions {
  /** Done: back to the list with this account. */
  saved(account: AccountSummary): void
  cancel(): void
  /** Undo took the account back out: back to the Add screen. */
  undone(account: AccountSummary): void
  /** A duplicate's main action: the list, on the account already saved. */
  showSaved(id: string): void
  /** The account was saved on scan: the app's list must hold it however the user leaves. */
  added(account: AccountSummary): void
}

/** How long Undo shows; main allows it for 30 s after its own save (UNDO_ADD_MS), a little longer. */
export const UNDO_VISIBLE_MS = 25_000

/** Sorts scanned texts: otpauth URIs to preview, GA exports for the import screen, anything else. */
export function classifyTexts(texts: string[]): { otp: string[]; migration: string[]; other: number } {
  const otp: string[] = []
  const migration: string[] = []
  let other = 0
  for (const text of texts) {
    if (/^otpauth:\/\//i.test(text)) otp.push(text)
    else if (/^otpauth-migration:\/\//i.test(text)) migration.push(text)
    else other++
  }
  return { otp, migration, other }
}

/** Returns the view and a stop function (it refreshes the shown code once a second). */
export function renderScanResult(
  found: ScannedAccount[],
  notes: string[],
  actions: ScanResultActions,
): { el: HTMLElement; stop: () => void } {
  const root = h('div', { class: 'scan-result' })
  let stopRefresh = () => {}
  const noteEls = notes.map((n) => h('p', { class: 'note' }, n))

  const showOne = (item: ScannedAccount, canGoBack: boolean) => {
    stopRefresh()
    const detail = renderDetail(item, actions, canGoBack ? () => void reshowPick() : undefined)
    stopRefresh = detail.stop
    root.replaceChildren(h('h1', { class: 'view-title' }, t('scan.foundTitle')), ...noteEls, detail.el)
  }
  // Back to the list of codes: each read again, so one saved meanwhile shows as a duplicate.
  const reshowPick = async () => {
    const bridge = api()
    for (const item of found) {
      item.preview = await bridge['accounts:preview-uri'](item.uri).catch(() => item.preview)
    }
    showPick()
  }
  const showPick = () => {
    stopRefresh()
    stopRefresh = () => {}
    root.replaceChildren(
      h('h1', { class: 'view-title' }, t('scan.pickTitle', { count: found.length })),
      ...noteEls,
      h(
        'ul',
        { class: 'pick-list' },
        ...found.map((item) =>
          h(
            'li',
            {},
            h(
              'button',
              { type: 'button', class: 'pick', onclick: () => showOne(item, true) },
              h('span', { class: 'issuer' }, item.preview.issuer || item.preview.label),
              h('span', { class: 'label' }, item.preview.issuer ? item.preview.label : ''),
              h('span', { class: 'pick-code mono' }, groupCode(item.preview.code)),
            ),
          ),
        ),
      ),
      h(
        'div',
        { class: 'button-row end' },
        h('button', { type: 'button', class: 'button', onclick: () => actions.cancel() }, t('add.cancel')),
      ),
    )
    root.querySelector<HTMLButtonElement>('.pick')?.focus()
  }

  const first = found[0]
  if (found.length === 1 && first) showOne(first, false)
  else if (found.length > 1) showPick()
  else {
    root.replaceChildren(
      h('h1', { class: 'view-title' }, t('scan.foundTitle')),
      ...noteEls,
      h(
        'div',
        { class: 'button-row end' },
        h('button', { type: 'button', class: 'button', onclick: () => actions.cancel() }, t('nav.back')),
      ),
    )
  }
  return { el: root, stop: () => stopRefresh() }
}

function renderDetail(
  item: ScannedAccount,
  actions: ScanResultActions,
  back: (() => void) | undefined,
): { el: HTMLElement; stop: () => void } {
  const p = item.preview
  const isDuplicate = p.duplicateOf.length > 0
  const hasName = p.issuer !== '' || p.label !== ''
  /** The account once saved here (Undo and Done act on it). */
  let saved: AccountSummary | undefined
  let undoTimer: ReturnType<typeof setTimeout> | undefined

  const codeText = document.createTextNode(groupCode(p.code))
  const secondsText = document.createTextNode(
    p.secondsLeft === undefined ? '' : t('list.secondsLeft', { seconds: p.secondsLeft }),
  )
  const message = h('p', { class: 'validation', role: 'status', 'aria-live': 'polite' })
  const fail = (text: string) => {
    message.textContent = text
    message.dataset.kind = 'error'
  }
  const issuer = h('input', { name: 'issuer', value: p.issuer, autocomplete: 'off', spellcheck: 'false' })
  const label = h('input', { name: 'label', value: p.label, autocomplete: 'off', spellcheck: 'false' })
  const rows: [string, string][] = [
    [t('scan.type'), p.type === 'totp' ? t('add.type.totp') : t('add.type.hotp')],
    [t('scan.algorithm'), p.algorithm.replace('SHA', 'SHA-')],
    [t('scan.digits'), String(p.digits)],
    p.type === 'totp'
      ? [t('scan.period'), t('scan.periodValue', { seconds: p.period ?? 30 })]
      : [t('scan.counter'), String(p.counter ?? 0)],
  ]
  // The site(s) proposed for a known issuer, kept, unticked or added to (saved with Done).
  const picker = new SitePicker(p.suggestedSites)

  // The big code copies like a row of the list (clipboard:copy-code, the site warning in the toast).
  const codeButton = h(
    'button',
    { type: 'button', class: 'code big mono copy-code', 'data-action': 'copy-code', title: t('scan.copyCode') },
    codeText,
  )
  const copyTarget = async (): Promise<AccountSummary | undefined> => {
    if (saved) return saved
    const id = p.duplicateOf[0]
    return id === undefined ? undefined : (await api()['accounts:list']()).find((a) => a.id === id)
  }
  codeButton.addEventListener('click', () => {
    void (async () => {
      try {
        const account = await copyTarget()
        if (!account) return
        const { clearAfterSeconds } = await api()['clipboard:copy-code'](account.id)
        toast(copyToast(account, clearAfterSeconds))
      } catch (error) {
        toast(errorText(errorCode(error)), 'error')
      }
    })()
  })
  const codeBlock = h(
    'div',
    { class: 'preview-code' },
    h('span', { class: 'field-label' }, t('scan.currentCode')),
    codeButton,
    h('span', { class: 'seconds' }, secondsText),
  )
  const savedLine = h('p', { class: 'note saved-note', role: 'status', 'aria-live': 'polite' })
  const undo = h(
    'button',
    { type: 'button', class: 'button subtle', 'data-action': 'undo', hidden: true },
    t('scan.undo'),
  )

  const save = h('button', { type: 'button', class: 'button primary', 'data-action': 'save' }, t('add.save'))
  const showSaved = h(
    'button',
    { type: 'button', class: 'button primary', 'data-action': 'show-saved' },
    t('scan.showSaved'),
  )
  const cancel = h(
    'button',
    { type: 'button', class: 'button', 'data-action': 'cancel', onclick: () => (back ? back() : actions.cancel()) },
    back ? t('nav.back') : t('add.cancel'),
  )
  showSaved.addEventListener('click', () => actions.showSaved(p.duplicateOf[0]!))

  const names = () => ({ issuer: issuer.value, label: label.value })
  /** Shows what a saved account has: its code, Undo for a moment, Done as the main action. */
  const markSaved = (account: AccountSummary) => {
    saved = account
    actions.added(account)
    codeBlock.hidden = false
    savedLine.replaceChildren(t('scan.savedNote'), ' ', undo)
    undo.hidden = false
    undoTimer = setTimeout(() => (undo.hidden = true), UNDO_VISIBLE_MS)
    save.textContent = t('scan.done')
    save.classList.add('primary')
    save.disabled = false
    showSaved.hidden = true
    cancel.hidden = back === undefined
  }
  const add = async (withNames: boolean) => {
    save.disabled = true
    try {
      const bridge = api()
      const account = withNames
        ? await bridge['accounts:add-from-uri'](item.uri, picker.sites(), names())
        : await bridge['accounts:add-from-uri'](item.uri, picker.sites())
      message.textContent = ''
      markSaved(account)
    } catch (error) {
      const code = errorCode(error)
      if (code === 'INVALID_SITE') picker.showError(errorText(code))
      else fail(errorText(code))
      save.disabled = false
    }
  }
  /** Done: the names and sites as they are now (main checks both), then the list. */
  const done = async (account: AccountSummary) => {
    save.disabled = true
    try {
      let result = account
      if (issuer.value !== account.issuer || label.value !== account.label) {
        result = await api()['accounts:rename'](account.id, names())
      }
      const sites = picker.sites()
      if (sites.join(' ') !== result.sites.join(' ')) {
        try {
          result = await api()['accounts:set-sites'](account.id, sites)
        } catch (error) {
          picker.showError(errorText(errorCode(error)))
          save.disabled = false
          return
        }
      }
      clearTimeout(undoTimer)
      actions.saved(result)
    } catch (error) {
      fail(errorText(errorCode(error)))
      save.disabled = false
    }
  }
  save.addEventListener('click', () => {
    if (saved) return void done(saved)
    // The same rule main applies (INVALID_ACCOUNT): something to tell the account apart by.
    if (issuer.value.trim() === '' && label.value.trim() === '') return fail(errorText('INVALID_ACCOUNT'))
    void add(true)
  })
  undo.addEventListener('click', () => {
    const account = saved
    if (!account) return
    undo.disabled = true
    void (async () => {
      try {
        await api()['accounts:undo-add'](account.id)
        clearTimeout(undoTimer)
        actions.undone(account)
      } catch (error) {
        undo.hidden = true
        fail(errorText(errorCode(error)))
      }
    })()
  })

  const nameField = (text: string, input: HTMLInputElement) =>
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, text), input)
  const el = h(
    'section',
    { class: 'card preview' },
    h('h2', { class: 'preview-name' }, hasName ? displayName(p) : t('scan.foundTitle')),
    h('div', { class: 'field-row' }, nameField(t('scan.issuer'), issuer), nameField(t('scan.account'), label)),
    codeBlock,
    savedLine,
    !hasName && !isDuplicate && h('p', { class: 'note name-first' }, t('scan.nameFirst')),
    isDuplicate && h('p', { class: 'note warn' }, t('scan.duplicate')),
    h('dl', { class: 'details' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    renderPickerBlock(picker, p.suggestedSites.length > 0),
    message,
    // Sticky at the bottom of the view, so the actions stay on screen in a 600 px window.
    h('div', { class: 'button-row end action-bar' }, cancel, ...(isDuplicate ? [save, showSaved] : [save])),
  )

  if (isDuplicate) {
    // Already saved: its code may show; saving again is the lesser action.
    save.textContent = t('scan.saveAnyway')
    save.classList.remove('primary')
    queueMicrotask(() => showSaved.focus())
  } else if (hasName) {
    codeBlock.hidden = true
    save.disabled = true
    void add(false).then(() => (saved ? save.focus() : issuer.focus()))
  } else {
    // Nothing to tell it apart by: no save and no code until it has a name.
    codeBlock.hidden = true
    queueMicrotask(() => issuer.focus())
  }

  // A TOTP code changes while the user types it into the setup page: keep it current.
  let timer: ReturnType<typeof setInterval> | undefined
  if (p.type === 'totp') {
    timer = setInterval(() => {
      const call = api()['accounts:preview-uri'](item.uri)
      call
        .then((fresh) => {
          codeText.data = groupCode(fresh.code)
          secondsText.data =
            fresh.secondsLeft === undefined ? '' : t('list.secondsLeft', { seconds: fresh.secondsLeft })
        })
        .catch(() => clearInterval(timer))
    }, 1000)
  }
  return {
    el,
    stop: () => {
      clearInterval(timer)
      clearTimeout(undoTimer)
    },
  }
}
