/** How codes and names are written on screen. */
import { language } from './i18n'

/** Groups a code for reading aloud: 6 -> 3+3, 8 -> 4+4, 7 -> 3+4, otherwise as is. */
export function groupCode(code: string): string {
  if (code.length < 6) return code
  const half = Math.floor(code.length / 2)
  return `${code.slice(0, half)} ${code.slice(half)}`
}

/** The name an account is spoken of by: "Issuer (label)" (「発行者（ラベル）」 in Japanese), or whichever is set. */
export function displayName(a: { issuer: string; label: string }): string {
  // Japanese sets its parentheses full-width: 「マネックス証券（hanako）」.
  if (a.issuer && a.label) return language() === 'ja' ? `${a.issuer}（${a.label}）` : `${a.issuer} (${a.label})`
  return a.issuer || a.label
}

/** A setup key in groups of four for reading. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ')
}
