/**
 * A rough strength hint for backup passwords: an encrypted backup can be attacked offline, so the
 * hint errs on the side of "weak". It estimates the guessing work of a password built from the
 * character classes it uses, and marks the patterns people reach for first (one repeated
 * character, runs like "12345678", the most common passwords) as weak whatever their length.
 */

/** The hint shown under the password field. */
export type PasswordStrength = 'empty' | 'too-short' | 'weak' | 'fair' | 'strong'

/** The fewest characters an export password may have. */
export const MIN_PASSWORD_LENGTH = 8

// The handful every cracking list starts with; longer lists belong in a cracker, not an authenticator.
const COMMON = new Set([
  'password',
  'password1',
  'passw0rd',
  'iloveyou',
  'qwertyui',
  'qwertyuiop',
  'asdfghjk',
  'letmein1',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'welcome1',
  'admin123',
  'abc12345',
  'warifu12',
])

/** True when each character is the previous one plus or minus one ("abcdefgh", "87654321"). */
function isRun(chars: number[]): boolean {
  const step = chars[1]! - chars[0]!
  if (Math.abs(step) !== 1) return false
  return chars.every((c, i) => i === 0 || c - chars[i - 1]! === step)
}

/** Bits of guessing work if the password were random over the classes it uses. */
export function estimatedBits(password: string): number {
  const chars = [...password]
  let pool = 0
  if (/[a-z]/.test(password)) pool += 26
  if (/[A-Z]/.test(password)) pool += 26
  if (/[0-9]/.test(password)) pool += 10
  if (/[\x20-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/.test(password)) pool += 33
  // Kana, kanji and the rest: a large alphabet, counted modestly (people pick common words).
  if (/[\u0080-\u{10ffff}]/u.test(password)) pool += 100
  return chars.length * Math.log2(Math.max(pool, 2))
}

/** The hint for `password`. */
export function passwordStrength(password: string): PasswordStrength {
  if (password === '') return 'empty'
  const chars = [...password]
  if (chars.length < MIN_PASSWORD_LENGTH) return 'too-short'
  const codes = chars.map((c) => c.codePointAt(0)!)
  const distinct = new Set(codes).size
  if (distinct <= 2 || isRun(codes) || COMMON.has(password.toLowerCase())) return 'weak'
  const bits = estimatedBits(password)
  if (bits < 50) return 'weak'
  if (bits < 80) return 'fair'
  return 'strong'
}
