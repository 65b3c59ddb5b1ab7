/** Accounts as exports carry them, and the entry-by-entry comparison used to verify an export. */
import type { OtpParams } from '../../shared/otp/account'
import type { Vault } from '../vault/vault'

/** Every account of the vault with its secret, in list order. Main process only. */
export function allParams(vault: Vault): OtpParams[] {
  return vault.list().map((a) => vault.params(a.id))
}

/** True when both describe the same account (every field that makes the codes, plus the names). */
export function sameAccount(a: OtpParams, b: OtpParams): boolean {
  if (a.type !== b.type || a.secret !== b.secret || a.issuer !== b.issuer || a.label !== b.label) return false
  if (a.algorithm !== b.algorithm || a.digits !== b.digits) return false
  return a.type === 'totp' ? a.period === (b as typeof a).period : a.counter === (b as typeof a).counter
}

/** Index of the first entry that differs, or -1 when the lists match entry by entry. */
export function firstDifference(expected: readonly OtpParams[], actual: readonly OtpParams[]): number {
  const n = Math.max(expected.length, actual.length)
  for (let i = 0; i < n; i++) {
    const e = expected[i]
    const a = actual[i]
    if (!e || !a || !sameAccount(e, a)) return i
  }
  return -1
}

/** A secret-free one-line name for messages. */
export function accountName(a: { issuer: string; label: string }): string {
  return [a.issuer, a.label].filter(Boolean).join(' / ') || '(no name)'
}
