/**
 * Adding an account: from a QR code (paste, drop, open an image, scan the screen; the page-wide paste
 * and drop handlers live in app.ts) or by typing the setup key, checked by main as you type.
 */
import type { AccountPreview, ManualEntry } from '../../shared/ipc/channels'
import type { AccountSummary } from '../../shared/types'
import { api, errorCode } from '../api'
import { h } from '../components/dom'
import { groupCode } from '../format'
import { errorText, pasteKeys, t } from '../i18n'
import { SitePicker } from './sites'

export interface AddActions {
  openImage(): void
  scanScreen(): void
  saved(account: AccountSummary): void
  cancel(): void
}

/** The screenshot shortcut of the OS the page runs on (navigator.platform: Win32, MacIntel, Linux ...). */
export function screenshotHintKey(
  platform = navigator.platform,
): 'add.screenshotHint.windows' | 'add.screenshotHint.mac' | 'add.screenshotHint.linux' {
  if (/^Win/i.test(platform)) return 'add.screenshotHint.windows'
  if (/Mac|iPhone|iPad/.test(platform)) return 'add.screenshotHint.mac'
  return 'add.screenshotHint.linux'
}

/** How long typing must pause before the key is checked. */
const CHECK_DELAY_MS = 150

function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  return h(
    'label',
    { class: 'field' },
    h('span', { class: 'field-label' }, label),
    control,
    hint && h('small', {}, hint),
  )
}

function select(name: string, options: [string, string][], value: string): HTMLSelectElement {
  return h('select', { name }, ...options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)))
}

export function renderAddView(actions: AddActions): HTMLElement {
  const status = h('p', { class: 'scan-status', role: 'status', 'aria-live': 'polite' })
  const qr = h(
    'section',
    { class: 'card add-qr' },
    h('h2', {}, t('add.fromQr')),
    // A visible target for the page-wide paste and drop, with how to take a screenshot on this OS.
    h(
      'div',
      { class: 'drop-zone', 'data-zone': 'drop' },
      h('strong', {}, t('add.dropZone', { keys: pasteKeys() })),
      h('span', { class: 'screenshot-hint' }, t(screenshotHintKey())),
    ),
    h(
      'div',
      { class: 'button-row' },
      h(
        'button',
        { type: 'button', class: 'button', 'data-action': 'open-image', onclick: () => actions.openImage() },
        t('add.openImage'),
      ),
      h(
        'button',
        { type: 'button', class: 'button', 'data-action': 'scan-screen', onclick: () => actions.scanScreen() },
        t('add.scanScreen'),
      ),
    ),
    // The capture includes Warifu's own window: over the QR code, it hides what is to be scanned.
    h('p', { class: 'scan-screen-hint' }, t('add.scanScreenHint')),
    status,
  )
  return h(
    'div',
    { class: 'add-view' },
    h('h1', { class: 'view-title' }, t('add.title')),
    qr,
    renderManualForm(actions),
  )
}

/** The hand-typed setup key form, validated by main (accounts:preview-manual) a moment after each change. */
function renderManualForm(actions: AddActions): HTMLElement {
  const secret = h('input', {
    name: 'secret',
    autocomplete: 'off',
    spellcheck: 'false',
    autocapitalize: 'characters',
    class: 'mono',
    required: true,
  })
  const issuer = h('input', { name: 'issuer', autocomplete: 'off' })
  const label = h('input', { name: 'label', autocomplete: 'off' })
  const type = select(
    'type',
    [
      ['totp', t('add.type.totp')],
      ['hotp', t('add.type.hotp')],
    ],
    'totp',
  )
  const algorithm = select(
    'algorithm',
    [
      ['SHA1', 'SHA-1'],
      ['SHA256', 'SHA-256'],
      ['SHA512', 'SHA-512'],
    ],
    'SHA1',
  )
  const digits = select(
    'digits',
    [
      ['6', '6'],
      ['7', '7'],
      ['8', '8'],
    ],
    '6',
  )
  const period = h('input', { name: 'period', type: 'number', min: 1, max: 3600, value: 30 })
  const counter = h('input', { name: 'counter', type: 'number', min: 0, value: 0 })
  const periodField = field(t('add.period'), period)
  const counterField = field(t('add.counter'), counter)
  counterField.hidden = true
  const message = h('p', { class: 'validation', role: 'status', 'aria-live': 'polite' })
  // A bad key is said under its own field (not below the advanced section, off-screen in a small window).
  const secretError = h('p', { id: 'secret-error', class: 'field-error', 'aria-live': 'polite', hidden: true })
  /** "Too short" waits until the user leaves the field: not while they are still typing the key. */
  let secretLeft = false
  const save = h('button', { type: 'submit', class: 'button primary', disabled: true }, t('add.save'))
  // Proposed sites follow the issuer as main reads it (a known broker's name proposes its domain).
  const picker = new SitePicker()

  const entry = (): ManualEntry => ({
    secret: secret.value,
    issuer: issuer.value,
    label: label.value,
    type: type.value === 'hotp' ? 'hotp' : 'totp',
    algorithm: algorithm.value as ManualEntry['algorithm'],
    digits: Number(digits.value),
    period: Math.trunc(Number(period.value)) || 0,
    counter: Math.max(0, Math.trunc(Number(counter.value)) || 0),
  })

  let timer: ReturnType<typeof setTimeout> | undefined
  let generation = 0
  const show = (kind: 'ok' | 'error' | 'pending' | '', text: string) => {
    message.textContent = text
    message.dataset.kind = kind
  }
  const keyError = (text: string) => {
    secretError.textContent = text
    secretError.hidden = text === ''
    if (text === '') secret.removeAttribute('aria-invalid')
    else secret.setAttribute('aria-invalid', 'true')
  }
  const check = async () => {
    const mine = ++generation
    if (secret.value.trim() === '') {
      show('', '')
      keyError('')
      save.disabled = true
      return
    }
    try {
      const preview: AccountPreview = await api()['accounts:preview-manual'](entry())
      if (mine !== generation) return
      keyError('')
      show('ok', t('add.valid', { code: groupCode(preview.code) }))
      picker.setProposed(preview.suggestedSites)
      save.disabled = false
    } catch (error) {
      if (mine !== generation) return
      const code = errorCode(error)
      save.disabled = true
      if (code === 'INVALID_SECRET' || code === 'SECRET_TOO_SHORT') {
        show('', '')
        keyError(code === 'SECRET_TOO_SHORT' && !secretLeft ? '' : errorText(code))
        return
      }
      keyError('')
      show('error', errorText(code))
    }
  }
  const onChange = () => {
    counterField.hidden = type.value !== 'hotp'
    periodField.hidden = type.value === 'hotp'
    // Save stays as it was while the check runs (main validates again on save anyway).
    if (secret.value.trim() !== '') show('pending', t('add.checking'))
    clearTimeout(timer)
    timer = setTimeout(() => void check(), CHECK_DELAY_MS)
  }

  const form = h(
    'form',
    { class: 'card manual', novalidate: true },
    h('h2', {}, t('add.manualTitle')),
    field(t('add.secret'), secret, t('add.secretHint')),
    secretError,
    h('div', { class: 'field-row' }, field(t('add.issuer'), issuer), field(t('add.label'), label)),
    h('div', { class: 'site-block' }, picker.el),
    h(
      'details',
      {},
      h('summary', {}, t('add.advanced')),
      h(
        'div',
        { class: 'field-row' },
        field(t('add.type'), type),
        field(t('add.algorithm'), algorithm),
        field(t('add.digits'), digits),
        periodField,
        counterField,
      ),
    ),
    message,
    h(
      'div',
      { class: 'button-row end' },
      h('button', { type: 'button', class: 'button', onclick: () => actions.cancel() }, t('add.cancel')),
      save,
    ),
  )
  // 'input' only: a 'change' fired by the blur of a click on Save must not disable Save under the pointer.
  form.addEventListener('input', onChange)
  secret.setAttribute('aria-describedby', 'secret-error')
  secret.addEventListener('blur', () => {
    if (secretLeft || secret.value.trim() === '') return
    secretLeft = true
    void check()
  })
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    if (save.disabled) return
    save.disabled = true
    void (async () => {
      try {
        const account = await api()['accounts:add-manual'](entry(), picker.sites())
        secret.value = ''
        actions.saved(account)
      } catch (error) {
        const code = errorCode(error)
        if (code === 'INVALID_SITE') picker.showError(errorText(code))
        else show('error', errorText(code))
        save.disabled = false
      }
    })()
  })
  return form
}

/** Sets the status line of the QR card (scanning..., nothing found). */
export function setScanStatus(root: HTMLElement, text: string, kind: 'info' | 'error' = 'info'): void {
  const status = root.querySelector<HTMLElement>('.scan-status')
  if (!status) return
  status.textContent = text
  status.dataset.kind = kind
}
