/** Pure: the form service names (otpauth issuers) are compared in, for the known-services table and the service icons. */

// Company forms at the end of a name: "MONEX, Inc.", "SBI SECURITIES Co., Ltd.", "X Corp.".
// Only whole words after a space or punctuation, so "kabu.com" or "Monexinc" stay as they are.
const LEGAL_SUFFIX = /(^|[\s,.])(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|plc|kk|k\.k|gmbh)\.?$/
const TRAILING_PUNCT = /[\s,.、。]+$/u
// Japanese company forms anywhere in the name (NFKC has already turned ㈱ into (株)).
const JA_LEGAL_FORM = /株式会社|有限会社|\(株\)|\(有\)/g

/**
 * The form issuers are compared in: NFKC (full/half width), lower case, 證→証, hiragana folded to
 * katakana, company forms dropped, then everything but letters and digits removed.
 * "ＳＢＩ証券株式会社", "sbi 証券" and "SBI証券" all become "sbi証券".
 */
export function normalizeServiceName(text: string): string {
  let s = text.normalize('NFKC').toLowerCase().replace(/證/g, '証').replace(JA_LEGAL_FORM, ' ').trim()
  for (;;) {
    const next = s.replace(TRAILING_PUNCT, '').replace(LEGAL_SUFFIX, '$1')
    if (next === s) break
    s = next
  }
  // Hiragana to katakana: じぶん and ジブン are the same word to a reader.
  s = s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
  return s.replace(/[^\p{L}\p{N}]/gu, '')
}
