/** The OTP parameters of one account, and their validation. */
import { InvalidAccountError, InvalidOtpParameterError } from '../errors'

/** HMAC algorithms that RFC 6238 names and authenticator apps use. */
export type Algorithm = 'SHA1' | 'SHA256' | 'SHA512'
export const ALGORITHMS: readonly Algorithm[] = ['SHA1', 'SHA256', 'SHA512']

export const MIN_DIGITS = 6
export const MAX_DIGITS = 10
export const MIN_PERIOD = 1
export const MAX_PERIOD = 3600
/** Longest issuer or label we keep; longer ones are a mistake or an attack. */
export const MAX_NAME_LENGTH = 256

/** Parameters shared by both kinds of account. */
interface OtpBase {
  /** Normalized base32: upper case, no spaces, hyphens or padding. */
  secret: string
  issuer: string
  label: string
  algorithm: Algorithm
  digits: number
}

/** A time-based account (RFC 6238). */
export interface TotpParams extends OtpBase {
  type: 'totp'
  period: number
}

/** A counter-based account (RFC 4226). */
export interface HotpParams extends OtpBase {
  type: 'hotp'
  counter: number
}

/** Everything needed to generate codes for one account, secret included. */
export type OtpParams = TotpParams | HotpParams

/** Reads an algorithm name in any case, with or without a hyphen (`sha-256`). */
export function parseAlgorithm(raw: string): Algorithm {
  const name = raw.trim().toUpperCase().replace('-', '')
  const found = ALGORITHMS.find((a) => a === name)
  if (!found) {
    throw new InvalidOtpParameterError('INVALID_ALGORITHM', 'The algorithm must be SHA1, SHA256 or SHA512.')
  }
  return found
}

function parseDecimal(raw: string | number): number {
  if (typeof raw === 'number') return raw
  const text = raw.trim()
  return /^\d{1,16}$/.test(text) ? Number(text) : NaN
}

/** Reads a digit count between 6 and 10. */
export function parseDigits(raw: string | number): number {
  const n = parseDecimal(raw)
  if (!Number.isInteger(n) || n < MIN_DIGITS || n > MAX_DIGITS) {
    throw new InvalidOtpParameterError('INVALID_DIGITS', `Codes must have ${MIN_DIGITS} to ${MAX_DIGITS} digits.`)
  }
  return n
}

/** Reads a period in seconds between 1 and 3600. */
export function parsePeriod(raw: string | number): number {
  const n = parseDecimal(raw)
  if (!Number.isInteger(n) || n < MIN_PERIOD || n > MAX_PERIOD) {
    throw new InvalidOtpParameterError('INVALID_PERIOD', `The period must be ${MIN_PERIOD} to ${MAX_PERIOD} seconds.`)
  }
  return n
}

/** Reads an HOTP counter: a whole number from 0 to 2^53-1. */
export function parseCounter(raw: string | number): number {
  const n = parseDecimal(raw)
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new InvalidOtpParameterError('INVALID_COUNTER', 'The counter must be a whole number of 0 or more.')
  }
  return n
}

/** Trims an issuer or label and rejects control characters and absurd lengths. */
export function cleanName(raw: string, what: 'issuer' | 'label'): string {
  const text = raw.trim()
  if (text.length > MAX_NAME_LENGTH) {
    throw new InvalidAccountError(`The ${what} is longer than ${MAX_NAME_LENGTH} characters.`)
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    throw new InvalidAccountError(`The ${what} contains control characters.`)
  }
  return text
}
