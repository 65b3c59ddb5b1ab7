/**
 * "Is this link really my broker?": a URL, host, e-mail address or whole e-mail/SMS typed or pasted
 * into the search box (or the "Check a link" dialog) is checked by main (sites:check, offline, against
 * every account's sites) and the verdict shows above the list instead of a filter. The text is only
 * ever drawn as text nodes; nothing here opens or fetches it.
 */
import type { SiteCheckResult } from '../../shared/ipc/channels'
import type { LinkFinding, Verdict } from '../../shared/sites/check'
import { api, errorCode } from '../api'
import { h } from '../components/dom'
import { isComposing } from '../components/ime'
import { errorText, t } from '../i18n'
import { en, type MessageKey } from '../i18n/en'

const SCHEME = /\b(?:https?|hxxps?):\/\/|\bwww\./i
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/u
/** A bare host with a letters-only last label, maybe a port and a path: "monex.co.jp", "x.example/login". */
const HOST = /^(?:[\p{L}\p{N}_-]+\.)+[\p{L}-]{2,}\.?(?::\d+)?(?:[/?#]\S*)?$/u

/** Whether search text is a link, host, address or message to check rather than account names to filter. */
export function looksLikeLink(text: string): boolean {
  const s = text.trim()
  if (s === '') return false
  if (/[\r\n]/.test(s) || SCHEME.test(s)) return true
  return !/\s/.test(s) && (EMAIL.test(s) || HOST.test(s))
}

/** The verdicts from the worst: a fake first, then what cannot be checked, then strangers, then yours. */
const ORDER: Verdict[] = ['lookalike', 'unverifiable', 'unknown', 'yours']

function reasonText(code: string): string {
  const key = `reason.${code}`
  return key in en ? t(key as MessageKey) : t('reason.other')
}

function accountsText(accounts: LinkFinding['accounts']): string {
  return (accounts ?? []).map((a) => [a.issuer, a.label].filter(Boolean).join(' / ')).join(t('check.accountSep'))
}

function findingEl(f: LinkFinding): HTMLElement {
  const host = f.host ?? f.text
  const site = f.site ?? ''
  const headline =
    f.verdict === 'yours'
      ? t('check.yours', { site, accounts: accountsText(f.accounts) })
      : f.verdict === 'lookalike'
        ? t('check.lookalike', { host, site })
        : f.verdict === 'unverifiable'
          ? t('check.unverifiable', { host })
          : t('check.unknown', { host })
  // The headline already says a shortener cannot be checked.
  const reasons = f.reasons.filter((r) => !(f.verdict === 'unverifiable' && r === 'shortener'))
  const advice =
    f.verdict === 'lookalike'
      ? t('check.lookalikeAdvice')
      : f.verdict === 'unverifiable'
        ? t('check.unverifiableAdvice')
        : ''
  return h(
    'li',
    { class: `finding verdict-${f.verdict}`, 'data-verdict': f.verdict },
    f.isSender && h('span', { class: 'finding-kind' }, t('check.sender')),
    h('p', { class: 'finding-headline' }, headline),
    reasons.length > 0 &&
      h('ul', { class: 'reasons' }, ...reasons.map((r) => h('li', { 'data-reason': r }, reasonText(r)))),
    advice && h('p', { class: 'finding-advice' }, advice),
  )
}

/** Draws a result: every distinct finding, the worst first. */
export function renderVerdict(result: SiteCheckResult): HTMLElement {
  const seen = new Set<string>()
  const findings = result.findings
    .filter((f) => {
      const key = `${f.verdict}|${f.host ?? f.text}|${f.isSender ? 1 : 0}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
    .sort((a, b) => ORDER.indexOf(a.verdict) - ORDER.indexOf(b.verdict))
  return h(
    'div',
    { class: 'verdict', 'data-verdict': findings.length > 0 ? result.worst : 'none', 'data-testid': 'link-verdict' },
    findings.length === 0
      ? h('p', { class: 'finding-headline' }, t('check.nothing'))
      : h('ul', { class: 'findings' }, ...findings.map(findingEl)),
  )
}

/** Asks main about `text`; answers only the latest of overlapping calls (typing sends one per key). */
class Checker {
  private generation = 0
  constructor(private readonly show: (content: HTMLElement) => void) {}

  async check(text: string): Promise<void> {
    const mine = ++this.generation
    let content: HTMLElement
    try {
      content = renderVerdict(await api()['sites:check'](text))
    } catch (error) {
      content = h('p', { class: 'verdict', 'data-verdict': 'error', role: 'alert' }, errorText(errorCode(error)))
    }
    if (mine === this.generation) this.show(content)
  }

  cancel(): void {
    this.generation++
  }
}

/**
 * The verdict panel above the list, fed by the search box. A pasted multi-line message keeps its
 * lines (the box itself shows one line) so that the sender and every link are read as written.
 */
export class LinkCheckPanel {
  readonly el = h('section', { class: 'link-check', 'aria-live': 'polite', hidden: true })
  private readonly checker = new Checker((content) => {
    this.el.replaceChildren(content)
    // The verdict sits at the top of the list: a list scrolled down would hide it under the header.
    document.scrollingElement?.scrollTo({ top: 0 })
  })
  /** The whole pasted message, while the box still shows its one-line form. */
  private pasted: { shown: string; full: string } | undefined

  /** Whether the search box holds something being checked (Enter must not copy a code then). */
  get active(): boolean {
    return !this.el.hidden
  }

  /** Follows the search box; true when the text is checked (the list is then not filtered). */
  update(query: string): boolean {
    const full = this.pasted && this.pasted.shown === query ? this.pasted.full : query
    if (!looksLikeLink(full)) {
      this.pasted = undefined
      this.checker.cancel()
      this.el.hidden = true
      this.el.replaceChildren()
      return false
    }
    this.el.hidden = false
    void this.checker.check(full.trim())
    return true
  }

  /** A paste into the search box: a message of several lines is kept whole for the check. */
  onPaste(e: ClipboardEvent, box: HTMLInputElement): void {
    const text = e.clipboardData?.getData('text/plain') ?? ''
    if (!/[\r\n]/.test(text.trim())) return
    e.preventDefault()
    const shown = text.replace(/\s+/g, ' ').trim()
    this.pasted = { shown, full: text }
    box.value = shown
    box.dispatchEvent(new Event('input', { bubbles: true }))
  }
}

/** The "Check a link" dialog: a text area for a link or a whole message, and the verdict under it. */
export function linkCheckDialog(): Promise<void> {
  return new Promise((resolve) => {
    const area = h('textarea', {
      name: 'check-text',
      rows: 4,
      spellcheck: 'false',
      autocomplete: 'off',
      'aria-label': t('check.input'),
    })
    const result = h('div', { class: 'link-check', 'aria-live': 'polite' })
    const checker = new Checker((content) => result.replaceChildren(content))
    const run = () => {
      if (area.value.trim() !== '') void checker.check(area.value.trim())
      else result.replaceChildren()
    }
    // Text still being composed (IME) is checked once it is confirmed.
    area.addEventListener('input', (e) => {
      if (!isComposing(e)) run()
    })
    area.addEventListener('compositionend', run)
    const form = h(
      'form',
      { method: 'dialog' },
      h('h2', {}, t('check.title')),
      h('p', { class: 'hint' }, t('check.body')),
      area,
      result,
      h(
        'div',
        { class: 'dialog-actions' },
        h('button', { type: 'submit', class: 'button', 'data-action': 'check-close' }, t('check.close')),
      ),
    )
    const dialog = h('dialog', { class: 'dialog link-check-dialog' }, form)
    dialog.addEventListener('close', () => {
      checker.cancel()
      dialog.remove()
      resolve()
    })
    document.body.append(dialog)
    dialog.showModal()
    area.focus()
  })
}
