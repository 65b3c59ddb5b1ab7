/** Pure: the form service names (otpauth issuers) are compared in, for the known-services table and the service icons. */
import { fold } from '../text/fold'

// Company forms at the end of a name: "MONEX, Inc.", "SBI SECURITIES Co., Ltd.", "X Corp.".
// Only whole words after a space or punctuation, so "kabu.com" or "Monexinc" stay as they are.
const LEGAL_SUFFIX = /(^|[\s,.])(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|plc|kk|k\.k|gmbh)\.?$/
const TRAILING_PUNCT = /[\s,.、。]+$/u
// Japanese company forms anywhere in the name (NFKC has already turned ㈱ into (株)).
const JA_LEGAL_FORM = /株式会社|有限会社|\(株\)|\(有\)/g

/**
 * The form issuers are compared in: the search fold (NFKC width, lower case, hiragana to katakana),
 * 證→証, company forms dropped, then everything but letters and digits removed.
 * "ＳＢＩ証券株式会社", "sbi 証券" and "SBI証券" all become "sbi証券".
 */
export function normalizeServiceName(text: string): string {
  let s = fold(text).replace(/證/g, '証').replace(JA_LEGAL_FORM, ' ').trim()
  for (;;) {
    const next = s.replace(TRAILING_PUNCT, '').replace(LEGAL_SUFFIX, '$1')
    if (next === s) break
    s = next
  }
  return s.replace(/[^\p{L}\p{N}]/gu, '')
}
