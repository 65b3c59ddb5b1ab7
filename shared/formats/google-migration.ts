/**
 * Google Authenticator's "Transfer accounts" QR codes:
 * `otpauth-migration://offline?data=<percent-encoded standard base64 of a MigrationPayload>`.
 *
 *   MigrationPayload { repeated OtpParameters otp_parameters = 1; int32 version = 2;
 *                      int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5; }
 *   OtpParameters { bytes secret = 1; string name = 2; string issuer = 3; Algorithm algorithm = 4;
 *                   DigitCount digits = 5; OtpType type = 6; int64 counter = 7; }
 *   Algorithm 1=SHA1 2=SHA256 3=SHA512 4=MD5; DigitCount 1=six 2=eight; OtpType 1=HOTP 2=TOTP.
 * There is no period field: every TOTP account is 30 s.
 */
import {
  BackupCorruptError,
  InvalidAccountError,
  InvalidOtpParameterError,
  InvalidSecretError,
  UnsupportedBackupError,
} from '../errors'
import { MAX_NAME_LENGTH, type Algorithm, type OtpParams } from '../otp/account'
import { base32FromBytes, secretFromBase32 } from '../otp/secret'
import { base64Decode, base64Encode, utf8Decode, utf8Encode } from './encoding'
import { collectEntries, otpParamsFrom, UnsupportedEntryTypeError } from './entry'
import { ProtoWriter, readMessage, type ProtoField } from './protobuf'
import type { ParsedImport, RejectedEntry } from './types'

/** The URI prefix of a Google Authenticator export code. */
export const MIGRATION_PREFIX = 'otpauth-migration://offline?'
/** Google Authenticator puts at most 10 accounts in one code. */
export const MAX_ACCOUNTS_PER_CODE = 10
/** Longest migration URI we read (a full 10-account code is ~1 KB). */
export const MAX_MIGRATION_URI_LENGTH = 16_384
/**
 * Most codes one batch may declare. GA splits an export into codes of 10 accounts, so 64 codes
 * is 640 accounts in one transfer; a bigger `batch_size` only serves to make us allocate.
 */
export const MAX_MIGRATION_BATCH_SIZE = 64
/** Most accounts one code may carry (GA writes 10). */
export const MAX_MIGRATION_ACCOUNTS_PER_CODE = 64
/** Most export codes one import reads (GA needs 100 for 1,000 accounts). */
export const MAX_MIGRATION_CODES = 256
/** Longest raw secret we take (GA's are 10 to 64 bytes; 128 bytes is 1,024 bits). */
export const MAX_MIGRATION_SECRET_BYTES = 128
// UTF-8 takes at most 4 bytes a character: a name longer than this cannot pass cleanName.
const MAX_NAME_BYTES = MAX_NAME_LENGTH * 4

/** One decoded export code. */
export interface MigrationBatch {
  batchId: number
  /** 0-based position of this code in its batch. */
  batchIndex: number
  /** How many codes the batch has (1 when the app wrote a single code). */
  batchSize: number
  accounts: ParsedImport
}

const ALGORITHM_BY_ENUM: Record<number, Algorithm> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' }
const ENUM_BY_ALGORITHM: Record<Algorithm, number> = { SHA1: 1, SHA256: 2, SHA512: 3 }

/** True when `text` starts like a Google Authenticator export code. */
export function isMigrationUri(text: string): boolean {
  return text.trim().toLowerCase().startsWith('otpauth-migration://')
}

function toInt(f: ProtoField | undefined): number {
  return f && f.wire === 0 ? Number(BigInt.asIntN(32, f.value)) : 0
}

function text(f: ProtoField | undefined): string {
  if (!f || f.wire !== 2) return ''
  // Checked before decoding, so a huge name costs no string of its size.
  if (f.bytes.length > MAX_NAME_BYTES) throw new InvalidAccountError('The account name is far too long.')
  return utf8Decode(f.bytes, 'Google Authenticator account name')
}

function namesText(f: ProtoField | undefined): string {
  try {
    return text(f)
  } catch {
    return ''
  }
}

function readOtpParameters(bytes: Uint8Array): OtpParams {
  const fields = readMessage(bytes)
  const get = (n: number) => fields.find((f) => f.field === n)
  const secretField = get(1)
  if (secretField && secretField.wire === 2 && secretField.bytes.length > MAX_MIGRATION_SECRET_BYTES) {
    throw new InvalidSecretError(`The secret is longer than ${MAX_MIGRATION_SECRET_BYTES * 8} bits.`)
  }
  const issuer = text(get(3))
  let name = text(get(2))
  // GA writes the label as "Issuer:account" when the issuer was in the label.
  if (issuer !== '' && name.startsWith(`${issuer}:`)) name = name.slice(issuer.length + 1)
  const algorithmEnum = toInt(get(4))
  const algorithm = ALGORITHM_BY_ENUM[algorithmEnum]
  if (!algorithm) {
    throw algorithmEnum === 4
      ? new InvalidOtpParameterError('INVALID_ALGORITHM', 'MD5 codes are not supported.')
      : new InvalidOtpParameterError('INVALID_ALGORITHM', 'The algorithm is unknown.')
  }
  const digitsEnum = toInt(get(5))
  const digits = digitsEnum === 2 ? 8 : digitsEnum <= 1 ? 6 : NaN
  const typeEnum = toInt(get(6))
  if (typeEnum > 2) throw new UnsupportedEntryTypeError('This type of')
  const counterField = get(7)
  const counter = counterField && counterField.wire === 0 ? counterField.value : 0n
  return otpParamsFrom({
    type: typeEnum === 1 ? 'hotp' : 'totp',
    issuer,
    label: name,
    secret: secretField && secretField.wire === 2 ? base32FromBytes(secretField.bytes) : '',
    algorithm,
    digits,
    period: 30,
    counter: counter > BigInt(Number.MAX_SAFE_INTEGER) ? NaN : Number(counter),
  })
}

function namesOf(bytes: Uint8Array): { issuer: string; label: string } {
  const fields = readMessage(bytes)
  return {
    issuer: namesText(fields.find((f) => f.field === 3)),
    label: namesText(fields.find((f) => f.field === 2)),
  }
}

/** Decodes one `otpauth-migration://offline?data=...` URI into its accounts and batch position. */
export function parseMigrationUri(uri: string): MigrationBatch {
  const trimmed = uri.trim()
  if (trimmed.length > MAX_MIGRATION_URI_LENGTH) throw new BackupCorruptError('The export code is too long.')
  if (!trimmed.toLowerCase().startsWith(MIGRATION_PREFIX)) {
    throw new UnsupportedBackupError('This is not a Google Authenticator export code (otpauth-migration://offline).')
  }
  const query = trimmed.slice(MIGRATION_PREFIX.length).split('#')[0]!
  const pair = query.split('&').find((p) => p.startsWith('data='))
  if (pair === undefined) throw new BackupCorruptError('The export code has no data.')
  let data: string
  try {
    // '+' stays '+': it is a base64 character here, not a space.
    data = decodeURIComponent(pair.slice(5)).replace(/ /g, '+')
  } catch {
    throw new BackupCorruptError('The export code has a broken %-escape.')
  }
  // Some encoders drop the padding.
  const payload = readMessage(base64Decode(data, 'export code data', false))
  const entries = payload.filter((f) => f.field === 1 && f.wire === 2).map((f) => (f as { bytes: Uint8Array }).bytes)
  if (entries.length > MAX_MIGRATION_ACCOUNTS_PER_CODE) {
    throw new BackupCorruptError('The export code holds more accounts than Google Authenticator puts in one.')
  }
  const get = (n: number) => payload.find((f) => f.field === n)
  // Bounded here: collectMigrationBatches lists the missing codes, one item per declared code.
  const batchSize = Math.max(1, toInt(get(3)))
  if (batchSize > MAX_MIGRATION_BATCH_SIZE) throw new BackupCorruptError('The export code has a bad batch size.')
  const batchIndex = toInt(get(4))
  if (batchIndex < 0 || batchIndex >= batchSize) throw new BackupCorruptError('The export code has a bad batch number.')
  return {
    batchId: toInt(get(5)),
    batchIndex,
    batchSize,
    accounts: collectEntries(entries, readOtpParameters, namesOf),
  }
}

/** Why Google Authenticator cannot take this account, or undefined when it can. */
/** What keeps an account out of Google Authenticator's transfer codes, if anything. */
export type MigrationLimit = 'algorithm' | 'digits' | 'period'

export function migrationLimit(a: {
  algorithm: string
  digits: number
  type: 'totp' | 'hotp'
  period?: number
}): MigrationLimit | undefined {
  if (a.algorithm !== 'SHA1') return 'algorithm'
  if (a.digits !== 6 && a.digits !== 8) return 'digits'
  if (a.type === 'totp' && a.period !== 30) return 'period'
  return undefined
}

export function migrationLimitation(a: OtpParams): string | undefined {
  const limit = migrationLimit(a)
  if (limit === 'algorithm')
    return `Google Authenticator's transfer codes only carry SHA1 accounts (this one is ${a.algorithm}).`
  if (limit === 'digits') return `Google Authenticator only shows 6 or 8 digits (this account has ${a.digits}).`
  if (limit === 'period' && a.type === 'totp')
    return `Google Authenticator only uses 30-second codes (this account uses ${a.period} s).`
  return undefined
}

/** One account as an OtpParameters message. */
function writeOtpParameters(a: OtpParams): Uint8Array {
  const w = new ProtoWriter()
    .bytes(1, secretFromBase32(a.secret).bytes)
    // "Issuer:label", as GA writes it; the reader cuts the prefix, so a label holding "Issuer:" survives.
    .bytes(2, utf8Encode(a.issuer === '' ? a.label : `${a.issuer}:${a.label}`))
    .bytes(3, utf8Encode(a.issuer))
    .uint(4, ENUM_BY_ALGORITHM[a.algorithm])
    .uint(5, a.digits === 8 ? 2 : 1)
    .uint(6, a.type === 'hotp' ? 1 : 2)
  if (a.type === 'hotp') w.uint(7, a.counter)
  return w.finish()
}

/**
 * Google Authenticator export URIs for `accounts` (at most 10 a code), numbered as one batch.
 * Accounts GA cannot represent are left out and listed with the reason. `batchId` comes from the caller (random).
 */
export function formatMigrationUris(
  accounts: readonly OtpParams[],
  batchId: number,
): { uris: string[]; leftOut: { account: OtpParams; limit: MigrationLimit; reason: string }[] } {
  const leftOut: { account: OtpParams; limit: MigrationLimit; reason: string }[] = []
  const ok: OtpParams[] = []
  for (const a of accounts) {
    const limit = migrationLimit(a)
    if (limit) leftOut.push({ account: a, limit, reason: migrationLimitation(a)! })
    else ok.push(a)
  }
  const chunks: OtpParams[][] = []
  for (let i = 0; i < ok.length; i += MAX_ACCOUNTS_PER_CODE) chunks.push(ok.slice(i, i + MAX_ACCOUNTS_PER_CODE))
  const uris = chunks.map((chunk, index) => {
    const w = new ProtoWriter()
    for (const a of chunk) w.bytes(1, writeOtpParameters(a))
    w.uint(2, 1)
      .uint(3, chunks.length)
      .uint(4, index)
      .uint(5, batchId | 0)
    return `${MIGRATION_PREFIX}data=${encodeURIComponent(base64Encode(w.finish()))}`
  })
  return { uris, leftOut }
}

/** Export codes collected from several scans, grouped by batch, with what is still missing. */
export interface MigrationCollection {
  accounts: ParsedImport
  /** Batches with codes not yet scanned: their id, size and the missing 0-based indices. */
  incomplete: { batchId: number; batchSize: number; missing: number[] }[]
}

/** Merges scanned export codes; the same code scanned twice counts once. */
export function collectMigrationBatches(batches: readonly MigrationBatch[]): MigrationCollection {
  const seen = new Map<string, MigrationBatch>()
  for (const b of batches) seen.set(`${b.batchId}/${b.batchSize}/${b.batchIndex}`, b)
  const accounts: OtpParams[] = []
  const rejected: RejectedEntry[] = []
  const byBatch = new Map<string, { batchId: number; batchSize: number; have: Set<number> }>()
  for (const b of seen.values()) {
    accounts.push(...b.accounts.accounts)
    rejected.push(...b.accounts.rejected)
    const key = `${b.batchId}/${b.batchSize}`
    const group = byBatch.get(key) ?? { batchId: b.batchId, batchSize: b.batchSize, have: new Set<number>() }
    group.have.add(b.batchIndex)
    byBatch.set(key, group)
  }
  const incomplete = [...byBatch.values()]
    .map((g) => ({
      batchId: g.batchId,
      batchSize: g.batchSize,
      // parseMigrationUri bounds batchSize; the cap here keeps this safe for any caller.
      missing: Array.from({ length: Math.min(g.batchSize, MAX_MIGRATION_BATCH_SIZE) }, (_, i) => i).filter(
        (i) => !g.have.has(i),
      ),
    }))
    .filter((g) => g.missing.length > 0)
  return { accounts: { accounts, rejected }, incomplete }
}
