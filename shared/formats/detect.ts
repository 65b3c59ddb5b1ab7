/** Recognizing what a file or pasted text is, and reading everything that needs no password. */
import { UnsupportedBackupError } from '../errors'
import { looksLikeAegis, readAegisFile, aegisEntries, type AegisFile } from './aegis'
import { isMigrationUri, MAX_MIGRATION_CODES, parseMigrationUri, type MigrationBatch } from './google-migration'
import { nonEmptyLines, parseOtpauthList } from './otpauth-list'
import { parseJsonSafely, MAX_BACKUP_BYTES, MAX_ENTRIES } from './safe-json'
import { looksLikeTwoFas, readTwoFasFile, twoFasEntries, type TwoFasFile } from './twofas'
import { BackupTooLargeError } from '../errors'
import type { ParsedImport } from './types'

/** A source after reading: either its accounts, or the encrypted structure still to be opened with a password. */
export type IdentifiedSource =
  | { format: 'aegis-plain' | '2fas-plain' | 'otpauth-list'; result: ParsedImport }
  | { format: 'google-migration'; batches: MigrationBatch[]; result: ParsedImport }
  | { format: 'aegis-encrypted'; file: Extract<AegisFile, { kind: 'encrypted' }> }
  | { format: '2fas-encrypted'; file: Extract<TwoFasFile, { kind: 'encrypted' }> }

/**
 * Reads a backup's text: Aegis or 2FAS JSON, or lines of otpauth:// and
 * otpauth-migration:// URIs (Ente Auth, plain lists, scanned GA codes). Throws
 * UnsupportedBackupError for anything else.
 */
export function identifySource(text: string): IdentifiedSource {
  if (text.length > MAX_BACKUP_BYTES) throw new BackupTooLargeError('The file is larger than any real backup.')
  const body = text.replace(/^\uFEFF/, '').trim()
  if (body.startsWith('{') || body.startsWith('[')) {
    const json = parseJsonSafely(body, 'file')
    if (looksLikeAegis(json)) {
      const file = readAegisFile(json)
      return file.kind === 'plain'
        ? { format: 'aegis-plain', result: aegisEntries(file.content) }
        : { format: 'aegis-encrypted', file }
    }
    if (looksLikeTwoFas(json)) {
      const file = readTwoFasFile(json)
      return file.kind === 'plain'
        ? { format: '2fas-plain', result: twoFasEntries(file.services) }
        : { format: '2fas-encrypted', file }
    }
    throw new UnsupportedBackupError(
      'This JSON file is not a backup Warifu reads (Aegis, 2FAS); export from that app as plain otpauth links instead.',
    )
  }
  const lines = nonEmptyLines(body, MAX_ENTRIES + MAX_MIGRATION_CODES)
  const migration = lines.filter(isMigrationUri)
  const others = lines.filter((l) => !isMigrationUri(l))
  if (migration.length > MAX_MIGRATION_CODES) {
    throw new BackupTooLargeError(`The text holds more than ${MAX_MIGRATION_CODES} Google Authenticator export codes.`)
  }
  if (migration.length > 0) {
    return {
      format: 'google-migration',
      batches: migration.map(parseMigrationUri),
      result: parseOtpauthList(others.join('\n')),
    }
  }
  if (others.some((l) => /^otpauth:\/\//i.test(l)))
    return { format: 'otpauth-list', result: parseOtpauthList(others.join('\n')) }
  throw new UnsupportedBackupError('This file holds no otpauth links and is not a backup Warifu reads.')
}
