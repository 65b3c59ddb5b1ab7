/**
 * Encrypted 2FAS backups: key = PBKDF2-HMAC-SHA256(password, salt, 10,000 iterations, 32 bytes);
 * each sealed field is AES-256-GCM with the 16-byte tag at the end of the ciphertext.
 */
import { BackupCorruptError, WrongBackupPasswordError } from '../../shared/errors'
import { utf8Decode } from '../../shared/formats/encoding'
import { parseJsonSafely } from '../../shared/formats/safe-json'
import { twoFasEntries, type TwoFasFile, type TwoFasSealed } from '../../shared/formats/twofas'
import type { ParsedImport } from '../../shared/formats/types'
import { openGcm, pbkdf2Key } from './crypto'

/** 2FAS's PBKDF2 iteration count. */
export const TWOFAS_PBKDF2_ITERATIONS = 10_000

async function open(field: TwoFasSealed, password: string, signal?: AbortSignal): Promise<Buffer | undefined> {
  const key = await pbkdf2Key(password, field.salt, TWOFAS_PBKDF2_ITERATIONS, signal)
  const cut = field.sealed.length - 16
  const plain = openGcm(key, field.iv, field.sealed.subarray(0, cut), field.sealed.subarray(cut))
  key.fill(0)
  return plain
}

/** Opens an encrypted 2FAS backup with the password; `signal` stops the key derivation. */
export async function readTwoFasEncrypted(
  file: Extract<TwoFasFile, { kind: 'encrypted' }>,
  password: string,
  signal?: AbortSignal,
): Promise<ParsedImport> {
  // The reference is a known text sealed with the same password: it tells a wrong password from damage.
  if (file.reference && !(await open(file.reference, password, signal))) {
    throw new WrongBackupPasswordError('The password does not open this 2FAS backup.')
  }
  const plain = await open(file.services, password, signal)
  if (!plain) {
    throw file.reference
      ? new BackupCorruptError('The 2FAS backup opened with this password, but its data was changed or truncated.')
      : new WrongBackupPasswordError('The password does not open this 2FAS backup (or it was changed).')
  }
  return twoFasEntries(parseJsonSafely(utf8Decode(plain, '2FAS content'), '2FAS content'))
}
