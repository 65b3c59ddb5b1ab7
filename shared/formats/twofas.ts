/**
 * 2FAS Authenticator backups (`.2fas`, schema versions 1 to 4). Plain files list
 * `services`; encrypted ones hold `servicesEncrypted` and `reference`, each
 * `base64(ciphertext+tag):base64(salt):base64(iv)` (decrypted in electron/backup/).
 */
import { BackupCorruptError, UnsupportedBackupError } from '../errors'
import { base64Decode } from './encoding'
import { collectEntries, otpParamsFrom } from './entry'
import { entryList, isObject, parseJsonSafely, versionForMessage } from './safe-json'
import type { ParsedImport } from './types'

/** One AES-GCM sealed field of an encrypted 2FAS file. */
export interface TwoFasSealed {
  /** Ciphertext with the 16-byte GCM tag appended. */
  sealed: Uint8Array
  salt: Uint8Array
  iv: Uint8Array
}

/** A 2FAS file as read, before any decryption. */
export type TwoFasFile =
  | { kind: 'plain'; services: unknown[] }
  | { kind: 'encrypted'; services: TwoFasSealed; reference: TwoFasSealed | undefined }

/** True when parsed JSON looks like a 2FAS backup. */
export function looksLikeTwoFas(json: unknown): boolean {
  return isObject(json) && 'schemaVersion' in json && ('services' in json || 'servicesEncrypted' in json)
}

function readSealed(v: unknown, what: string): TwoFasSealed {
  if (typeof v !== 'string') throw new BackupCorruptError(`The 2FAS file's ${what} is missing.`)
  const parts = v.split(':')
  if (parts.length !== 3) throw new BackupCorruptError(`The 2FAS file's ${what} is damaged.`)
  const [sealed, salt, iv] = parts.map((p) => base64Decode(p, `2FAS ${what}`)) as [Uint8Array, Uint8Array, Uint8Array]
  // 2FAS writes a 256-byte salt; a huge one would only make PBKDF2 hash it in full.
  if (sealed.length < 16 || salt.length < 16 || salt.length > 1024 || iv.length !== 12) {
    throw new BackupCorruptError(`The 2FAS file's ${what} is damaged.`)
  }
  return { sealed, salt, iv }
}

/** Reads the outer structure of a 2FAS backup (text or parsed JSON). */
export function readTwoFasFile(input: unknown): TwoFasFile {
  const json = typeof input === 'string' ? parseJsonSafely(input, '2FAS file') : input
  if (!looksLikeTwoFas(json) || !isObject(json)) throw new BackupCorruptError('This is not a 2FAS backup.')
  const version = json.schemaVersion
  if (!Number.isSafeInteger(version) || (version as number) < 1 || (version as number) > 4) {
    throw new UnsupportedBackupError(
      `This 2FAS backup is schema version ${versionForMessage(version)}; Warifu reads 1 to 4.`,
    )
  }
  if (typeof json.servicesEncrypted === 'string') {
    return {
      kind: 'encrypted',
      services: readSealed(json.servicesEncrypted, 'encrypted accounts'),
      reference: json.reference === undefined ? undefined : readSealed(json.reference, 'password check'),
    }
  }
  return { kind: 'plain', services: entryList(json.services, '2FAS file') }
}

/** Non-empty text, or undefined. */
function given(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined
}

/**
 * The issuer of a 2FAS service: its `name` (what the user saw and may have renamed in 2FAS), then
 * `otp.issuer`, as Aegis's importer takes them. 2FAS Android 5.2.0 writes {"name": "Example 1",
 * "otp": {"issuer": "Ledgy"}}: the name is the one the user knows.
 */
function twoFasIssuer(raw: Record<string, unknown>, otp: Record<string, unknown>): unknown {
  return given(raw.name) ?? otp.issuer
}

/** The accounts in a list of 2FAS services (a plain file's `services`, or the decrypted `servicesEncrypted`). */
export function twoFasEntries(services: unknown): ParsedImport {
  return collectEntries(
    entryList(services, '2FAS file'),
    (raw) => {
      if (!isObject(raw)) throw new BackupCorruptError('A 2FAS entry is not an object.')
      const otp = isObject(raw.otp) ? raw.otp : {}
      return otpParamsFrom({
        type: typeof otp.tokenType === 'string' ? otp.tokenType : 'TOTP',
        issuer: twoFasIssuer(raw, otp),
        label: otp.account ?? otp.label,
        secret: raw.secret,
        algorithm: otp.algorithm,
        digits: otp.digits,
        period: otp.period,
        counter: otp.counter,
      })
    },
    (raw) => {
      const otp = isObject(raw) && isObject(raw.otp) ? raw.otp : {}
      return { issuer: isObject(raw) ? twoFasIssuer(raw, otp) : '', label: otp.account ?? otp.label }
    },
  )
}
