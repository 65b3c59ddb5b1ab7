/**
 * Aegis vault version 1 with a password slot (Aegis docs/vault.md): a random 32-byte
 * master key encrypts the content JSON with AES-256-GCM; the master key is wrapped
 * with AES-256-GCM under scrypt(password, 32-byte salt, N=2^15, r=8, p=1).
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { BackupCorruptError, WrongBackupPasswordError } from '../../shared/errors'
import type { OtpParams } from '../../shared/otp/account'
import {
  AEGIS_FILE_VERSION,
  AEGIS_PASSWORD_SLOT,
  aegisContent,
  type Organised,
  aegisEntries,
  type AegisFile,
} from '../../shared/formats/aegis'
import { parseJsonSafely } from '../../shared/formats/safe-json'
import type { ParsedImport } from '../../shared/formats/types'
import { utf8Decode } from '../../shared/formats/encoding'
import { AEGIS_SCRYPT_COST, openGcm, scryptKey, sealGcm, type ScryptCost } from './crypto'

/**
 * An encrypted Aegis vault file for these accounts. `cost` is for tests only: every
 * real export uses Aegis's own N=32768, r=8, p=1.
 */
export async function writeAegisEncrypted(
  accounts: readonly OtpParams[],
  password: string,
  cost: ScryptCost = AEGIS_SCRYPT_COST,
  /** Parallel to `accounts`: each one's sites, written in Warifu's extra field of the entry. */
  sites: readonly (readonly string[] | undefined)[] = [],
  /** Parallel to `accounts`: pinned ones are written as Aegis favourites, tags in Warifu's extra field. */
  organised: readonly (Organised | undefined)[] = [],
): Promise<string> {
  const masterKey = randomBytes(32)
  const salt = randomBytes(32)
  const derived = await scryptKey(password, salt, cost)
  const wrapped = sealGcm(derived, masterKey)
  const content = aegisContent(
    accounts,
    accounts.map(() => randomUUID()),
    sites,
    organised,
  )
  const sealed = sealGcm(masterKey, Buffer.from(JSON.stringify(content), 'utf8'))
  const file = {
    version: AEGIS_FILE_VERSION,
    header: {
      slots: [
        {
          type: AEGIS_PASSWORD_SLOT,
          uuid: randomUUID(),
          key: wrapped.ciphertext.toString('hex'),
          key_params: { nonce: wrapped.nonce.toString('hex'), tag: wrapped.tag.toString('hex') },
          n: cost.n,
          r: cost.r,
          p: cost.p,
          salt: salt.toString('hex'),
        },
      ],
      params: { nonce: sealed.nonce.toString('hex'), tag: sealed.tag.toString('hex') },
    },
    db: sealed.ciphertext.toString('base64'),
  }
  masterKey.fill(0)
  derived.fill(0)
  return JSON.stringify(file, null, 4) + '\n'
}

/** Opens an encrypted Aegis file with the password: tries each password slot, then decrypts the content; `signal` stops it. */
export async function readAegisEncrypted(
  file: Extract<AegisFile, { kind: 'encrypted' }>,
  password: string,
  signal?: AbortSignal,
): Promise<ParsedImport> {
  let masterKey: Buffer | undefined
  for (const slot of file.slots) {
    const derived = await scryptKey(password, slot.salt, slot, signal)
    masterKey = openGcm(derived, slot.nonce, slot.key, slot.tag)
    derived.fill(0)
    if (masterKey) break
  }
  // A changed slot is indistinguishable from a wrong password: GCM only says "not this key".
  if (!masterKey)
    throw new WrongBackupPasswordError('The password does not open this Aegis backup (or its key slot was changed).')
  const plain = openGcm(masterKey, file.nonce, file.db, file.tag)
  masterKey.fill(0)
  if (!plain)
    throw new BackupCorruptError('The Aegis backup opened with this password, but its data was changed or truncated.')
  return aegisEntries(parseJsonSafely(utf8Decode(plain, 'Aegis content'), 'Aegis content'))
}
