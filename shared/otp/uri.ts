/**
 * otpauth:// URIs (Google Authenticator's Key Uri Format), read the way real
 * issuers and other apps write them and written so that any app reads them back.
 */
import { AppError, InvalidOtpUriError } from '../errors'
import { cleanName, parseAlgorithm, parseCounter, parseDigits, parsePeriod, type OtpParams } from './account'
import { normalizeSecret } from './secret'

/** Longer texts are not otpauth URIs; refusing them bounds the work. */
export const MAX_URI_LENGTH = 8192

const URI_SHAPE = /^otpauth:\/\/([a-z]+)\/([^?#]*)(?:\?([^#]*))?(?:#.*)?$/is

/** `+` means a space (form encoding, as in `issuer=Air+Canada`), then percent-decoding. */
function decodeComponent(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '))
  } catch {
    throw new InvalidOtpUriError('The link has a broken %-escape.')
  }
}

function readParams(query: string): Map<string, string> {
  const params = new Map<string, string>()
  for (const pair of query.split('&')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    const key = decodeComponent(eq === -1 ? pair : pair.slice(0, eq))
      .trim()
      .toLowerCase()
    const value = eq === -1 ? '' : decodeComponent(pair.slice(eq + 1))
    // The first occurrence wins, as in Google Authenticator.
    if (!params.has(key)) params.set(key, value)
  }
  return params
}

/**
 * Parses an otpauth://totp/ or otpauth://hotp/ URI. Unknown parameters are
 * ignored; every rejection is a typed AppError whose message holds neither the
 * URI nor the secret.
 */
export function parseOtpUri(input: string): OtpParams {
  if (typeof input !== 'string') throw new InvalidOtpUriError('An otpauth link must be text.')
  const text = input.trim()
  if (text.length > MAX_URI_LENGTH) {
    throw new InvalidOtpUriError('The text is too long to be an otpauth link.')
  }
  const match = URI_SHAPE.exec(text)
  if (!match) {
    throw new InvalidOtpUriError('This is not an otpauth link.')
  }
  const [, rawType = '', rawLabel = '', query = ''] = match
  const type = rawType.toLowerCase()
  if (type !== 'totp' && type !== 'hotp') {
    throw new InvalidOtpUriError('Only time-based (totp) and counter-based (hotp) links are supported.')
  }

  const params = readParams(query)
  const issuerParam = params.get('issuer')?.trim()
  const label = decodeComponent(rawLabel)
  // "Issuer:account". When the issuer parameter is there and the label starts with
  // it, that prefix is cut whole, so an issuer holding ':' still splits right.
  const colon = issuerParam && label.startsWith(`${issuerParam}:`) ? issuerParam.length : label.indexOf(':')
  const labelIssuer = colon === -1 ? '' : label.slice(0, colon)
  const account = colon === -1 ? label : label.slice(colon + 1)

  const rawSecret = params.get('secret')
  if (rawSecret === undefined) {
    throw new InvalidOtpUriError('The link has no secret.')
  }
  const secret = normalizeSecret(rawSecret)
  // The issuer parameter wins over the label prefix (Key Uri Format).
  const issuer = cleanName(issuerParam ? issuerParam : labelIssuer, 'issuer')
  const common = {
    secret,
    issuer,
    label: cleanName(account, 'label'),
    algorithm: parseAlgorithm(params.get('algorithm') ?? 'SHA1'),
    digits: parseDigits(params.get('digits') ?? '6'),
  }
  if (type === 'totp') {
    return { type, ...common, period: parsePeriod(params.get('period') ?? '30') }
  }
  const counter = params.get('counter')
  if (counter === undefined) {
    throw new InvalidOtpUriError('A counter-based (hotp) link must have a counter.')
  }
  return { type, ...common, counter: parseCounter(counter) }
}

/** Parses like parseOtpUri but returns the typed error instead of throwing it. */
export function tryParseOtpUri(input: string): { ok: true; value: OtpParams } | { ok: false; error: AppError } {
  try {
    return { ok: true, value: parseOtpUri(input) }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error }
    throw error
  }
}

/** Writes an account as an otpauth URI that parseOtpUri (and other apps) read back to the same account. */
export function formatOtpUri(account: OtpParams): string {
  const enc = encodeURIComponent
  // An issuer prefix keeps a ':' inside the label from being read as the separator.
  const label =
    account.issuer !== '' || account.label.includes(':')
      ? `${enc(account.issuer)}:${enc(account.label)}`
      : enc(account.label)
  const params = [`secret=${account.secret}`]
  if (account.issuer !== '') params.push(`issuer=${enc(account.issuer)}`)
  params.push(`algorithm=${account.algorithm}`, `digits=${account.digits}`)
  params.push(account.type === 'totp' ? `period=${account.period}` : `counter=${account.counter}`)
  return `otpauth://${account.type}/${label}?${params.join('&')}`
}
