/**
 * What a scan found: for one code, its details and current code (a setup page asks for it to confirm);
 * for several, a list to pick from. The scanned URI stays in this view's closure and goes only to main
 * (accounts:preview-uri / add-from-uri); it is never written into the DOM.
 */
import type { AccountPreview } from '../../shared/ipc/channels'
import type { AccountSummary } from '../../shared/types'
import { api, errorCode } from '../api'
import { h } from '../components/dom'
import { displayName, groupCode } from '../format'
import { errorText, t } from '../i18n'
import { renderPickerBlock, SitePicker } from './sites'

/** A scanned otpauth URI and main's reading of it. */
export interface ScannedAccount {
  uri: string
  preview: AccountPreview
}

export interface ScanResultActions {
  saved(account: AccountSummary): void
  cancel(): void
}

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
    const detail = renderDetail(item, actions, canGoBack ? () => showPick() : undefined)
    stopRefresh = detail.stop
    root.replaceChildren(h('h1', { class: 'view-title' }, t('scan.foundTitle')), ...noteEls, detail.el)
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
  const codeText = document.createTextNode(groupCode(p.code))
  const secondsText = document.createTextNode(
    p.secondsLeft === undefined ? '' : t('list.secondsLeft', { seconds: p.secondsLeft }),
  )
  const message = h('p', { class: 'validation', role: 'status', 'aria-live': 'polite' })
  const rows: [string, string][] = [
    [t('scan.issuer'), p.issuer || '—'],
    [t('scan.account'), p.label || '—'],
    [t('scan.type'), p.type === 'totp' ? t('add.type.totp') : t('add.type.hotp')],
    [t('scan.algorithm'), p.algorithm.replace('SHA', 'SHA-')],
    [t('scan.digits'), String(p.digits)],
    p.type === 'totp'
      ? [t('scan.period'), t('scan.periodValue', { seconds: p.period ?? 30 })]
      : [t('scan.counter'), String(p.counter ?? 0)],
  ]
  // The site(s) proposed for a known issuer, kept, unticked or added to before saving.
  const picker = new SitePicker(p.suggestedSites)
  const save = h('button', { type: 'button', class: 'button primary', 'data-action': 'save' }, t('add.save'))
  save.addEventListener('click', () => {
    save.disabled = true
    void (async () => {
      try {
        actions.saved(await api()['accounts:add-from-uri'](item.uri, picker.sites()))
      } catch (error) {
        const code = errorCode(error)
        if (code === 'INVALID_SITE') picker.showError(errorText(code))
        else {
          message.textContent = errorText(code)
          message.dataset.kind = 'error'
        }
        save.disabled = false
      }
    })()
  })
  const el = h(
    'section',
    { class: 'card preview' },
    h('h2', { class: 'preview-name' }, displayName(p)),
    h('dl', { class: 'details' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    h(
      'div',
      { class: 'preview-code' },
      h('span', { class: 'field-label' }, t('scan.currentCode')),
      h('span', { class: 'code big mono' }, codeText),
      h('span', { class: 'seconds' }, secondsText),
      h('small', {}, t('scan.codeHint')),
    ),
    renderPickerBlock(picker, p.suggestedSites.length > 0),
    p.duplicateOf.length > 0 && h('p', { class: 'note warn' }, t('scan.duplicate')),
    message,
    h(
      'div',
      { class: 'button-row end' },
      h(
        'button',
        { type: 'button', class: 'button', onclick: () => (back ? back() : actions.cancel()) },
        back ? t('nav.back') : t('add.cancel'),
      ),
      save,
    ),
  )
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
  queueMicrotask(() => save.focus())
  return { el, stop: () => clearInterval(timer) }
}
