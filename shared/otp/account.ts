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

/**
 * The largest HOTP counter we accept. Google Authenticator (its transfer payload's
 * int64) and Aegis (a Java long written as a JSON number) both store 64 bits, but
 * past 2^53-1 a JSON number no longer reads back exactly in JavaScript, and a
 * counter that is off by one gives wrong codes. So the bound is 2^53-1, and a
 * counter there has used its last code (see nextCounter).
 */
export const MAX_HOTP_COUNTER = Number.MAX_SAFE_INTEGER

/** Reads an HOTP counter: a whole number from 0 to MAX_HOTP_COUNTER. */
export function parseCounter(raw: string | number): number {
  const n = parseDecimal(raw)
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_HOTP_COUNTER) {
    throw new InvalidOtpParameterError('INVALID_COUNTER', 'The counter must be a whole number from 0 to 2^53-1.')
  }
  return n
}

/** The counter after one more code; refuses to go past MAX_HOTP_COUNTER (it would not read back). */
export function nextCounter(counter: number): number {
  if (!Number.isSafeInteger(counter) || counter < 0 || counter >= MAX_HOTP_COUNTER) {
    throw new InvalidOtpParameterError(
      'INVALID_COUNTER',
      'This account\u2019s counter has reached its limit; it can make no more codes.',
    )
  }
  return counter + 1
}

// C0 and C1 controls (a line break or escape sequence in a name can forge a line of the CLI's output).
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]+/g
// Bidi embeddings, overrides, isolates and marks: a right-to-left override can make
// "moc.xenom" show as "monex.com", so one name could pass for another.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/**
 * An issuer or label as we keep it: controls become spaces, bidi controls are
 * removed, runs of white space fold to one, and the ends are trimmed. Refuses
 * absurd lengths. Stripping rather than refusing means an import never loses
 * an account over a stray character.
 */
export function cleanName(raw: string, what: 'issuer' | 'label'): string {
  const text = raw
    .replace(BIDI_CONTROLS, '')
    .replace(CONTROLS, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim()
  if (text.length > MAX_NAME_LENGTH) {
    throw new InvalidAccountError(`The ${what} is longer than ${MAX_NAME_LENGTH} characters.`)
  }
  return text
}
