/**
 * Text with one otpauth URI a line: a plain URI list, Ente Auth's plain export
 * (its extra `codeDisplay` parameter is ignored), Warifu's `otpauth` export.
 */
import { AppError, InvalidOtpUriError } from '../errors'
import { parseOtpUri } from '../otp/uri'
import { displayName, rejection } from './entry'
import { MAX_BACKUP_BYTES, MAX_ENTRIES } from './safe-json'
import { BackupTooLargeError } from '../errors'
import type { ParsedImport } from './types'

/** True when some non-empty line of `text` is an otpauth URI. */
export function looksLikeOtpauthList(text: string): boolean {
  return /^\s*otpauth:\/\//im.test(text)
}

const OTHER_TYPES: Record<string, string> = { steam: 'Steam', yandex: 'Yandex', motp: 'mOTP' }

/** Names from a URI's label for the rejection list; the secret is never looked at. */
function namesOf(uri: string): { issuer: string; label: string } {
  const label = /^otpauth:\/\/[a-z]+\/([^?#]*)/i.exec(uri)?.[1] ?? ''
  let decoded = label
  try {
    decoded = decodeURIComponent(label)
  } catch {
    // keep it raw
  }
  const colon = decoded.indexOf(':')
  return colon === -1
    ? { issuer: '', label: displayName(decoded) }
    : { issuer: displayName(decoded.slice(0, colon)), label: displayName(decoded.slice(colon + 1)) }
}

/**
 * The non-empty lines of `text`, trimmed. More than `max` are refused as they are counted: a
 * 32 MiB file of one-character lines would otherwise become a list of 16 million strings.
 */
export function nonEmptyLines(text: string, max: number): string[] {
  const lines: string[] = []
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    const line = text.slice(start, end).trim()
    if (line !== '') {
      if (lines.length >= max) throw new BackupTooLargeError(`The text holds more than ${max} lines.`)
      lines.push(line)
    }
    start = end + 1
  }
  return lines
}

/**
 * Parses every otpauth line; other non-empty lines are rejected with a reason. Blank lines and `#`
 * comment lines (hand-kept lists, some exporters' headers) are skipped quietly.
 */
export function parseOtpauthList(text: string): ParsedImport {
  if (text.length > MAX_BACKUP_BYTES) throw new BackupTooLargeError('The text is larger than any real export.')
  const result: ParsedImport = { accounts: [], rejected: [] }
  const lines = nonEmptyLines(text, MAX_ENTRIES)
  for (const line of lines) {
    if (line.startsWith('#')) continue
    const names = namesOf(line)
    const type = /^otpauth:\/\/([a-z]+)\//i.exec(line)?.[1]?.toLowerCase() ?? ''
    const other = OTHER_TYPES[type]
    if (other) {
      result.rejected.push({
        ...names,
        reason: `${other} codes are not standard TOTP/HOTP; Warifu cannot generate them.`,
        code: 'UNSUPPORTED_TYPE',
      })
      continue
    }
    try {
      result.accounts.push(parseOtpUri(line))
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      result.rejected.push(
        rejection(
          error instanceof InvalidOtpUriError && !line.startsWith('otpauth')
            ? new InvalidOtpUriError('This line is not an otpauth link.')
            : error,
          names.issuer,
          names.label,
        ),
      )
    }
  }
  return result
}

/** An otpauth URI list (one a line) that parseOtpauthList reads back to the same accounts. */
export { formatOtpUri } from '../otp/uri'
