/**
 * The Export tab: an encrypted backup (the default), codes for a phone, or a plain file for moving
 * to another app, which needs the user to tick that they understand the secrets are written in clear.
 * Main opens the save dialog, writes, reads the file back and compares it before it says done.
 */
import type { ExportDone, ExportRequest, PhoneCodes } from '../../shared/ipc/channels'
import { api, errorCode } from '../api'
import { h } from '../components/dom'
import { passwordFields } from '../components/password-fields'
import { errorText, t } from '../i18n'
import type { MessageKey } from '../i18n/en'

type Choice = 'aegis' | 'phone' | 'aegis-plain' | 'otpauth'

export interface ExportActions {
  /** A verified export was written. */
  exported(done: ExportDone): void
  /** The user asked for the phone codes: show them. */
  showPhoneCodes(codes: PhoneCodes): void
}

const CHOICES: { value: Choice; title: MessageKey; body: MessageKey }[] = [
  { value: 'aegis', title: 'export.aegis', body: 'export.aegisBody' },
  { value: 'phone', title: 'export.phone', body: 'export.phoneBody' },
  { value: 'aegis-plain', title: 'export.aegisPlain', body: 'export.aegisPlainBody' },
  { value: 'otpauth', title: 'export.otpauth', body: 'export.otpauthBody' },
]

export function renderExportView(accountCount: number, actions: ExportActions): HTMLElement {
  if (accountCount === 0) {
    return h('section', { class: 'card export' }, h('p', {}, t('export.nothing')))
  }
  const status = h('p', { class: 'scan-status', role: 'status', 'aria-live': 'polite' })
  const detail = h('div', { class: 'export-detail' })
  const radios = CHOICES.map((c) =>
    h(
      'label',
      { class: 'choice' },
      h('input', { type: 'radio', name: 'export-format', value: c.value, checked: c.value === 'aegis' }),
      h('span', {}, h('strong', {}, t(c.title)), h('small', {}, t(c.body))),
    ),
  )
  const chosen = (): Choice =>
    (radios.map((r) => r.querySelector('input')!).find((i) => i.checked)?.value as Choice | undefined) ?? 'aegis'

  const setStatus = (text: string, kind?: 'error' | 'ok') => {
    status.textContent = text
    if (kind) status.dataset.kind = kind
    else delete status.dataset.kind
    // The line sits under the form: a result or an error must not land below the fold unseen.
    // After the frame: the form above it changes in the same turn (fields emptied, the backup line redrawn).
    if (kind) requestAnimationFrame(() => status.scrollIntoView({ block: 'nearest' }))
  }

  /** Runs one export call with the button disabled; errors become the status line. */
  const run = async (button: HTMLButtonElement, work: () => Promise<void>, ready: () => boolean = () => true) => {
    button.disabled = true
    setStatus(t('export.working'))
    try {
      await work()
    } catch (error) {
      setStatus(errorText(errorCode(error)), 'error')
    } finally {
      button.disabled = !ready()
    }
  }

  const toFile = async (request: ExportRequest) => {
    const done = await api()['backup:export'](request)
    if (done === null) {
      setStatus('')
      return
    }
    setStatus(t(done.isBackup ? 'export.doneBackup' : 'export.done', { count: done.exported, file: done.file }), 'ok')
    actions.exported(done)
  }

  const encrypted = () => {
    const save = h(
      'button',
      { type: 'button', class: 'button primary', 'data-action': 'export-save', disabled: true },
      t('export.save'),
    )
    const fields = passwordFields(() => (save.disabled = fields.value() === undefined))
    save.addEventListener('click', () => {
      const password = fields.value()
      if (password === undefined) return
      void run(
        save,
        async () => {
          await toFile({ format: 'aegis', password })
          fields.clear()
        },
        () => fields.value() !== undefined,
      )
    })
    return [h('p', { class: 'hint' }, t('export.passwordHint')), fields.el, h('div', { class: 'button-row' }, save)]
  }

  const phone = () => {
    const show = h(
      'button',
      { type: 'button', class: 'button primary', 'data-action': 'export-phone' },
      t('export.showCodes'),
    )
    show.addEventListener('click', () => {
      void run(show, async () => {
        const codes = await api()['backup:phone-codes']()
        setStatus('')
        actions.showPhoneCodes(codes)
      })
    })
    return [h('p', { class: 'note warn' }, t('export.phoneWarning')), h('div', { class: 'button-row' }, show)]
  }

  const plain = (format: 'aegis-plain' | 'otpauth') => {
    const save = h(
      'button',
      { type: 'button', class: 'button danger', 'data-action': 'export-save', disabled: true },
      t('export.savePlain'),
    )
    const understood = h('input', { type: 'checkbox', name: 'confirm-plain' })
    understood.addEventListener('change', () => (save.disabled = !understood.checked))
    save.addEventListener('click', () => {
      if (!understood.checked) return
      void run(
        save,
        async () => {
          await toFile({ format, confirmPlain: true })
          // Each plain file is its own decision.
          understood.checked = false
        },
        () => understood.checked,
      )
    })
    return [
      h('p', { class: 'note warn', role: 'note' }, t('export.plainWarning')),
      h('label', { class: 'check' }, understood, h('span', {}, t('export.plainConfirm'))),
      h('div', { class: 'button-row' }, save),
    ]
  }

  const showDetail = () => {
    const c = chosen()
    setStatus('')
    detail.replaceChildren(...(c === 'aegis' ? encrypted() : c === 'phone' ? phone() : plain(c)))
  }
  for (const r of radios) r.addEventListener('change', showDetail)
  showDetail()

  return h(
    'section',
    { class: 'card export' },
    h('fieldset', { class: 'choices' }, h('legend', { class: 'field-label' }, t('export.format')), radios),
    detail,
    status,
  )
}
