/** Turning one loosely typed backup entry into OtpParams, or into a reason it cannot be imported. */
import { AppError, InvalidAccountError, InvalidSecretError } from '../errors'
import { cleanName, parseAlgorithm, parseCounter, parseDigits, parsePeriod, type OtpParams } from '../otp/account'
import { normalizeSecret } from '../otp/secret'
import type { ParsedImport, RejectedEntry } from './types'

/** An entry of a kind Warifu cannot generate codes for (Steam, Yandex, mOTP, ...). */
export class UnsupportedEntryTypeError extends Error {
  constructor(readonly typeName: string) {
    super(`${typeName} codes are not standard TOTP/HOTP; Warifu cannot generate them.`)
  }
}

/** The fields of an entry as a backup holds them, before validation. */
export interface LooseEntry {
  /** 'totp' or 'hotp' in any case; anything else is unsupported. */
  type: unknown
  issuer: unknown
  label: unknown
  secret: unknown
  algorithm?: unknown
  digits?: unknown
  period?: unknown
  counter?: unknown
}

const KNOWN_OTHER_TYPES: Record<string, string> = {
  steam: 'Steam',
  yandex: 'Yandex',
  motp: 'mOTP',
}

function text(v: unknown, what: 'issuer' | 'label'): string {
  if (v === undefined || v === null) return ''
  if (typeof v !== 'string') throw new InvalidAccountError(`The ${what} is not text.`)
  return cleanName(v, what)
}

function numberish(v: unknown): string | number {
  if (typeof v === 'number' || typeof v === 'string') return v
  return NaN
}

/** Validates an entry with the same rules as a scanned otpauth URI; throws a typed error on the first problem. */
export function otpParamsFrom(e: LooseEntry): OtpParams {
  const type = typeof e.type === 'string' ? e.type.trim().toLowerCase() : ''
  if (type !== 'totp' && type !== 'hotp') {
    throw new UnsupportedEntryTypeError(KNOWN_OTHER_TYPES[type] ?? (type ? 'This type of' : 'Untyped'))
  }
  if (typeof e.secret !== 'string') throw new InvalidSecretError('The secret is missing.')
  const common = {
    secret: normalizeSecret(e.secret),
    issuer: text(e.issuer, 'issuer'),
    label: text(e.label, 'label'),
    algorithm: parseAlgorithm(typeof e.algorithm === 'string' ? e.algorithm : e.algorithm == null ? 'SHA1' : '?'),
    digits: parseDigits(e.digits == null ? 6 : numberish(e.digits)),
  }
  return type === 'totp'
    ? { type, ...common, period: parsePeriod(e.period == null ? 30 : numberish(e.period)) }
    : { type, ...common, counter: parseCounter(e.counter == null ? 0 : numberish(e.counter)) }
}

/** Display text for a rejected entry's name: no control characters, bounded length. */
export function displayName(v: unknown): string {
  if (typeof v !== 'string') return ''
  return (
    v
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
      .trim()
      .slice(0, 80)
  )
}

/** Why an entry failed, from what was thrown; anything unexpected is rethrown (a bug, not bad data). */
export function rejection(error: unknown, issuer: unknown, label: unknown): RejectedEntry {
  const names = { issuer: displayName(issuer), label: displayName(label) }
  if (error instanceof UnsupportedEntryTypeError) return { ...names, reason: error.message, code: 'UNSUPPORTED_TYPE' }
  if (error instanceof AppError) return { ...names, reason: error.message, code: error.code }
  throw error
}

/** Runs `convert` over every entry, collecting accounts and reasons; one bad entry never stops the rest. */
export function collectEntries<T>(
  raw: readonly T[],
  convert: (entry: T) => OtpParams,
  names: (entry: T) => { issuer: unknown; label: unknown },
): ParsedImport {
  const result: ParsedImport = { accounts: [], rejected: [] }
  for (const entry of raw) {
    try {
      result.accounts.push(convert(entry))
    } catch (error) {
      let n: { issuer: unknown; label: unknown }
      try {
        n = names(entry)
      } catch {
        n = { issuer: '', label: '' }
      }
      result.rejected.push(rejection(error, n.issuer, n.label))
    }
  }
  return result
}
