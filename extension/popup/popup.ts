/**
 * The toolbar popup: says what Warifu would do on this tab and lets the user do it. Opening it
 * grants activeTab for the tab, so the popup runs the same flows as the shortcut itself. It
 * never shows or copies a code: the only way a code leaves the host is into the real site's field.
 */
import { chromeDeps } from '../background/chrome-deps'
import {
  fillFromPopup,
  insecureWarningTexts,
  lookalikeHeadline,
  popupState,
  type BackgroundDeps,
  type FillOutcome,
  type PopupState,
} from '../background/controller'
import { el, warningBody } from '../content/overlay'
import { FILL_COMMAND } from '../manifest'

const deps: BackgroundDeps = chromeDeps()
const t = deps.t

function show(...nodes: HTMLElement[]): void {
  const state = document.getElementById('state')
  state?.replaceChildren(...nodes)
  // Keyboard users land on the first thing they can press.
  state?.querySelector('button')?.focus()
}

function fillButton(label: string, account: string | undefined, className?: string): HTMLButtonElement {
  const button = el(document, 'button', label, className)
  button.type = 'button'
  button.addEventListener('click', () => {
    button.disabled = true
    fillFromPopup(deps, account).then(afterFill, failed)
  })
  return button
}

function afterFill(outcome: FillOutcome): void {
  const result = outcome.result
  if (result !== undefined && 'filled' in result && result.filled) {
    show(el(document, 'p', t('popupFilled')))
    window.setTimeout(() => window.close(), 600)
    return
  }
  if (result !== undefined && 'filled' in result) {
    const why =
      result.reason === 'cross-origin-frame'
        ? t('noFieldFramed', { host: result.frameHost })
        : t(result.reason === 'navigated' ? 'navigated' : 'noField')
    show(el(document, 'p', why))
    return
  }
  // The page changed its answer between opening and clicking (a warning now, or a note).
  render(stateOf(outcome))
}

function stateOf(outcome: FillOutcome): PopupState {
  const a = outcome.action
  if (a.kind === 'note') return { kind: 'note', reason: a.reason, text: t(a.reason, a.params) }
  if (a.kind === 'warn') return { kind: 'warn', site: a.site, host: a.host, reasons: [] }
  if (a.kind === 'insecure') return { kind: 'insecure', site: a.site }
  if (a.kind === 'choose') return { kind: 'choose', site: a.site, accounts: a.accounts }
  return { kind: 'fill', name: a.name, site: a.site }
}

function failed(error: unknown): void {
  show(el(document, 'p', t('hostError', { code: error instanceof Error ? error.name : 'ERROR' })))
}

/** The red box: a title, advice and reasons, with the domain names kept on one line each. */
function warningBox(texts: { title: string; advice: string; reasons: string[]; names: string[] }): HTMLElement {
  const box = el(document, 'div', undefined, 'warn')
  box.setAttribute('role', 'alert')
  box.append(...warningBody(document, texts))
  return box
}

function render(state: PopupState): void {
  switch (state.kind) {
    case 'fill': {
      const real = el(document, 'p', t('popupReal', { site: state.site }))
      show(real, fillButton(t('popupFillAccount', { name: state.name }), undefined))
      return
    }
    case 'choose': {
      const buttons = state.accounts.map((a) => fillButton(a.name, a.ref, 'choice'))
      show(el(document, 'p', t('popupChoose', { site: state.site })), ...buttons)
      return
    }
    case 'warn':
      show(warningBox({ ...lookalikeHeadline(t, state), reasons: state.reasons }))
      return
    case 'insecure':
      show(warningBox(insecureWarningTexts(t, state)))
      return
    case 'note':
      show(el(document, 'p', state.text, state.reason === 'noAccount' ? 'muted' : undefined))
      return
  }
}

async function showShortcut(): Promise<void> {
  const footer = document.getElementById('shortcut')
  if (footer === null) return
  const commands = await chrome.commands.getAll()
  const keys = commands.find((c) => c.name === FILL_COMMAND)?.shortcut ?? ''
  footer.textContent = keys === '' ? t('popupNoShortcut') : t('popupShortcut', { keys })
}

// The language of the texts chrome.i18n picked (a UI language without a table gets en).
document.documentElement.lang = t('lang')
show(el(document, 'p', t('popupChecking'), 'muted'))
popupState(deps).then(render, failed)
showShortcut().catch(() => undefined)
