/**
 * Finds the page's one-time-code field: one input, or a row of one-digit boxes. Looks in the
 * top document and in same-origin frames only (a cross-origin frame's contentDocument is null,
 * and a code is never put into another origin's page). Pure DOM, no extension API, so it runs
 * in tests as in the browser.
 */

/** A single input, or N boxes taking one digit each (in order). */
export type CodeField =
  | { kind: 'single'; input: HTMLInputElement; frame: 'top' | 'same-origin-frame' }
  | { kind: 'segmented'; inputs: HTMLInputElement[]; frame: 'top' | 'same-origin-frame' }

// Words that name a one-time code, in English and Japanese (Bitwarden's and browserpass's lists,
// plus the Japanese banks' and brokers' wording). Matched in name, id, label, placeholder, aria,
// after words() splits "mfaToken", "otp_code" and "otp1" into "mfa token", "otp code", "otp 1".
const CODE_WORDS = [
  /\bone ?time\b|\b[th]?otp\b|\btotp\b|\bpasscode\b|\btoken\b/,
  /\b2 ?fa\b|\btwo ?factor\b|\b(?:2|two) ?step\b|\bmfa\b|\bmulti ?factor\b/,
  /\b(?:verification|verify|auth|authentication|authenticator|access|login|sign ?in|confirmation) code\b/,
  /ワンタイム|認証コード|確認コード|認証番号|確認番号|二段階認証|2段階認証|２段階認証|トークン/,
]
// A bare "code" is a weaker hint: only when nothing says it is another kind of code.
const BARE_CODE = /\bcode\b|コード/
const OTHER_CODES =
  /promo|coupon|voucher|discount|gift|referr|invit|postal|\bzip\b|\bpost ?code|country|\barea\b|captcha|\bcvc\b|\bcvv\b|\bcsc\b|security code|\bcard\b|郵便|クーポン|招待|セキュリティコード|画像|暗証/

/** Lower-case words of an attribute or label: camelCase, snake_case, kebab-case and digits split. */
function words(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)|(\d)([A-Za-z])/g, (_m, a?: string, b?: string, c?: string, d?: string) =>
      a !== undefined ? `${a} ${b}` : `${c} ${d}`,
    )
    .replace(/[_\-.:[\]]+/g, ' ')
    .toLowerCase()
}

// Autocomplete tokens that say the field is something else (a password, a card's CVC, a name...).
const OTHER_AUTOCOMPLETE = /current-password|new-password|username|email|cc-|tel|postal-code|name|address/i

const TEXT_TYPES = new Set(['', 'text', 'tel', 'number', 'password', 'search'])

/** True for an input a person could type into now: a text-like type, shown, enabled, writable. */
export function isUsableInput(input: HTMLInputElement): boolean {
  if (!TEXT_TYPES.has(input.type.toLowerCase()) && input.getAttribute('type') !== null) return false
  if (input.disabled || input.readOnly) return false
  return isVisible(input)
}

function isVisible(el: HTMLElement): boolean {
  const rects = el.getClientRects()
  if (rects.length === 0) return false
  const box = el.getBoundingClientRect()
  if (box.width < 2 || box.height < 2) return false
  const view = el.ownerDocument.defaultView
  if (view === null) return false
  for (let node: Element | null = el; node !== null; node = node.parentElement) {
    const style = view.getComputedStyle(node)
    if (style.visibility === 'hidden' || style.visibility === 'collapse' || Number(style.opacity) === 0) return false
  }
  return true
}

/** The texts that describe an input: its name, id, labels, placeholder, aria-label(ledby), title. */
function describe(input: HTMLInputElement): string[] {
  const texts = [input.name, input.id, input.placeholder, input.title, input.getAttribute('aria-label') ?? '']
  for (const label of Array.from(input.labels ?? [])) texts.push(label.textContent ?? '')
  const labelledBy = input.getAttribute('aria-labelledby')
  if (labelledBy !== null) {
    for (const id of labelledBy.split(/\s+/)) texts.push(input.ownerDocument.getElementById(id)?.textContent ?? '')
  }
  return texts.map((t) => words(t.trim())).filter((t) => t.length > 0)
}

/** How sure we are that `input` is a one-time-code field (0: it is not). */
export function codeScore(input: HTMLInputElement): number {
  const autocomplete = (input.getAttribute('autocomplete') ?? '').toLowerCase()
  if (autocomplete.split(/\s+/).includes('one-time-code')) return 100
  const texts = describe(input)
  if (texts.some((t) => OTHER_CODES.test(t))) return 0
  if (OTHER_AUTOCOMPLETE.test(autocomplete)) return 0
  const numeric =
    input.inputMode === 'numeric' || input.type === 'tel' || input.type === 'number' || /\d/.test(input.pattern)
  if (texts.some((t) => CODE_WORDS.some((word) => word.test(t)))) return numeric ? 80 : 60
  // A password-type field is filled only when its words say "one-time": it may be the real password.
  if (input.type === 'password') return 0
  if (texts.some((t) => BARE_CODE.test(t))) return numeric ? 50 : 30
  return 0
}

/** Rows of one-character boxes: consecutive usable inputs with maxlength=1 under one parent (or grandparent). */
function segmentedRows(doc: Document): HTMLInputElement[][] {
  const rows: HTMLInputElement[][] = []
  let row: HTMLInputElement[] = []
  const flush = () => {
    if (row.length > 0) rows.push(row)
    row = []
  }
  for (const input of Array.from(doc.querySelectorAll('input'))) {
    if (input.maxLength !== 1 || !mayHoldCode(input)) {
      flush()
      continue
    }
    const previous = row[row.length - 1]
    if (previous !== undefined && !nearby(previous, input)) flush()
    row.push(input)
  }
  flush()
  return rows
}

function isOtherKind(input: HTMLInputElement): boolean {
  return describe(input).some((t) => OTHER_CODES.test(t))
}

/** A usable input, no password, whose words name no other kind of code: a box of a row, or the focused one. */
function mayHoldCode(input: HTMLInputElement): boolean {
  return isUsableInput(input) && input.type !== 'password' && !isOtherKind(input)
}

/** Boxes of one widget share a parent, or each sits in its own wrapper under one grandparent. */
function nearby(a: HTMLInputElement, b: HTMLInputElement): boolean {
  if (a.parentElement === b.parentElement) return true
  const ga = a.parentElement?.parentElement
  return ga !== undefined && ga !== null && ga === b.parentElement?.parentElement
}

/** The best code field in one document (not its frames), for a code of `length` digits. */
export function findInDocument(doc: Document, length: number): CodeField | null {
  // A row of exactly one box per digit is the clearest sign there is.
  const row = segmentedRows(doc).find((r) => r.length === length)
  if (row !== undefined) return { kind: 'segmented', inputs: row, frame: 'top' }
  let best: { input: HTMLInputElement; score: number } | null = null
  for (const input of Array.from(doc.querySelectorAll('input'))) {
    if (!isUsableInput(input)) continue
    // A box too short for the code is not its field (maxLength is -1 when unset).
    if (input.maxLength >= 0 && input.maxLength < length) continue
    const score = codeScore(input)
    if (score > 0 && (best === null || score > best.score)) best = { input, score }
  }
  return best === null ? null : { kind: 'single', input: best.input, frame: 'top' }
}

/** Same-origin frames of `doc`, depth first (cross-origin ones are skipped: their contentDocument is null). */
function sameOriginFrames(doc: Document, depth = 0): Document[] {
  if (depth > 4) return []
  const found: Document[] = []
  for (const frame of Array.from(doc.querySelectorAll('iframe, frame'))) {
    let inner: Document | null
    try {
      inner = (frame as HTMLIFrameElement).contentDocument
    } catch {
      inner = null
    }
    // contentDocument is also readable for about:blank/srcdoc frames a page made; their origin is
    // the page's own, so they count as same-origin, which is what they are.
    if (inner === null || !isVisible(frame as HTMLElement)) continue
    if (inner.location.origin !== doc.location.origin) continue
    found.push(inner, ...sameOriginFrames(inner, depth + 1))
  }
  return found
}

/**
 * The hosts of the visible frames Warifu may not fill (another origin's, at any depth it can see):
 * when no field is found, the field is most likely in one of them, and the note names it.
 */
export function crossOriginFrameHosts(doc: Document): string[] {
  const hosts = new Set<string>()
  for (const d of [doc, ...sameOriginFrames(doc)]) {
    for (const frame of Array.from(d.querySelectorAll<HTMLIFrameElement>('iframe, frame'))) {
      if (!isVisible(frame)) continue
      let url: URL
      try {
        url = new URL(frame.src, d.baseURI)
      } catch {
        continue
      }
      if ((url.protocol === 'https:' || url.protocol === 'http:') && url.origin !== doc.location.origin)
        hosts.add(url.host)
    }
  }
  return [...hosts]
}

/**
 * The one-time-code field for a `length`-digit code: in the top document first, then in its
 * same-origin frames; else the focused input if it is a usable text field (the user pointed at it).
 */
export function findCodeField(doc: Document, length: number): CodeField | null {
  const top = findInDocument(doc, length)
  if (top !== null) return top
  for (const inner of sameOriginFrames(doc)) {
    const found = findInDocument(inner, length)
    if (found !== null) return { ...found, frame: 'same-origin-frame' }
  }
  const focused = doc.activeElement
  if (focused !== null && focused.tagName === 'INPUT' && mayHoldCode(focused as HTMLInputElement)) {
    return { kind: 'single', input: focused as HTMLInputElement, frame: 'top' }
  }
  return null
}
