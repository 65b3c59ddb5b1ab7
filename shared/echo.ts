/**
 * Pure: whether text a user typed (a search word, an account id, a file name) may be shown
 * back in a message. A pasted otpauth link, a setup key or anything long might be a secret,
 * and messages never hold secrets, so such text is replaced by a neutral stand-in.
 */

/** Longest search word or id that is echoed as is. */
export const MAX_ECHO_LENGTH = 40
/** Longest file path that is echoed as is (paths are long, but not this long). */
export const MAX_ECHO_PATH_LENGTH = 260

/** True when `text` may hold a secret (or is unsafe to print) and so must never be echoed. */
export function mayHoldSecret(text: string, maxLength = MAX_ECHO_LENGTH): boolean {
  if (text.length > maxLength) return true
  // Control and bidi characters could rewrite the terminal line; nothing to show there either.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(text)) return true
  if (/otpauth|secret|%[0-9a-f]{2}/i.test(text)) return true
  // A setup key: base32, often typed in groups ("JBSW Y3DP EHPK 3PXP"); 16 characters is 80 bits.
  if (/^[a-z2-7=\s-]+$/i.test(text) && text.replace(/[\s=-]/g, '').length >= 16) return true
  return /[a-z2-7]{16,}/i.test(text)
}

/** `"text"` when it may be shown, otherwise `fallback` (a phrase such as "that search"). */
export function quoteForEcho(text: string, fallback: string, maxLength = MAX_ECHO_LENGTH): string {
  return mayHoldSecret(text, maxLength) ? fallback : `"${text}"`
}

/** A file path as given, or `fallback` when it may hold a secret (a URI passed where a file was expected). */
export function pathForEcho(path: string, fallback = 'that file'): string {
  return mayHoldSecret(path, MAX_ECHO_PATH_LENGTH) ? fallback : path
}
