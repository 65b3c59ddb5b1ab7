/**
 * The metadata file: every account's parameters except its secret. The writer
 * names each field it writes, so a secret can never slip into the file.
 */
import { readFile } from 'node:fs/promises'
import { AppError, VaultCorruptError, VaultWriteRefusedError } from '../../shared/errors'
import { ALGORITHMS, cleanName, MAX_HOTP_COUNTER, type Algorithm } from '../../shared/otp/account'
import type { AccountSummary } from '../../shared/types'
import { isStoredTags, isStoredUsedAt } from './organise'
import { isStoredSites } from './sites'
import { isHexId } from './ids'

/** An account as stored: its summary plus the state of an interrupted change. */
export type AccountRecord = AccountSummary & {
  /** Set while a two-step change (metadata + keychain) is under way; see vault.ts. */
  pending?: 'add' | 'remove'
  /** With `pending: 'add'`: the import (Vault.addMany) this record belongs to; it is finished or undone whole. */
  batch?: string
  /** ISO time the user removed it: the account is in "Recently deleted", its secret still in the keychain. */
  deletedAt?: string
  /** The user dismissed the one-time site suggestion for this account (its issuer is a known service). */
  siteSuggestionDismissed?: true
}

/** The whole metadata file. Account order is the list order the user sees. */
export interface MetadataFile {
  format: 'warifu-vault'
  version: 1
  /**
   * This vault's id (16 hex digits): the prefix of its keychain entries' names, so two homes sharing one
   * keychain service never see each other's secrets. Absent in files written before vault ids (and
   * until the first write of a new vault): see vault-keychain.ts.
   */
  vaultId?: string
  /** ISO time of the last backup that was verified (used by the backup reminder). */
  lastBackupAt?: string
  accounts: AccountRecord[]
}

export function emptyMetadata(): MetadataFile {
  return { format: 'warifu-vault', version: 1, accounts: [] }
}

function corrupt(detail: string): VaultCorruptError {
  return new VaultCorruptError(`The account file is damaged (${detail}); it was left untouched.`)
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isInt = (v: unknown): v is number => Number.isSafeInteger(v)

function readRecord(raw: unknown, index: number): AccountRecord {
  const where = `account ${index + 1}`
  if (!isObject(raw)) throw corrupt(`${where} is not an object`)
  const { id, type, issuer, label, algorithm, digits, createdAt, pending, batch, deletedAt, sites } = raw
  if (typeof id !== 'string' || !isHexId(id)) throw corrupt(`${where} has a bad id`)
  if (typeof issuer !== 'string' || typeof label !== 'string') throw corrupt(`${where} has a bad name`)
  const names = readNames(issuer, label, where)
  if (!ALGORITHMS.includes(algorithm as Algorithm)) throw corrupt(`${where} has a bad algorithm`)
  if (!isInt(digits) || digits < 6 || digits > 10) throw corrupt(`${where} has bad digits`)
  if (typeof createdAt !== 'string') throw corrupt(`${where} has a bad date`)
  if (pending !== undefined && pending !== 'add' && pending !== 'remove') throw corrupt(`${where} has a bad state`)
  // Absent in files written before accounts had sites: those open with none.
  if (sites !== undefined && !isStoredSites(sites)) throw corrupt(`${where} has a bad site`)
  const dismissed = raw.siteSuggestionDismissed
  if (dismissed !== undefined && dismissed !== true) throw corrupt(`${where} has a bad suggestion state`)
  // pinned, tags and lastUsedAt are absent in files written before the list could be organised.
  const { pinned, tags, lastUsedAt } = raw
  if (pinned !== undefined && pinned !== true) throw corrupt(`${where} has a bad pin`)
  if (tags !== undefined && !isStoredTags(tags)) throw corrupt(`${where} has a bad tag`)
  if (lastUsedAt !== undefined && !isStoredUsedAt(lastUsedAt)) throw corrupt(`${where} has a bad last-used date`)
  const organised: Pick<AccountRecord, 'pinned' | 'tags' | 'lastUsedAt'> = {
    ...(pinned ? { pinned: true as const } : {}),
    ...(tags !== undefined ? { tags } : {}),
    ...(lastUsedAt !== undefined ? { lastUsedAt } : {}),
  }
  const base = {
    id,
    ...names,
    algorithm: algorithm as Algorithm,
    digits,
    createdAt,
    sites: sites ?? [],
    ...organised,
  }
  if (batch !== undefined && (pending !== 'add' || typeof batch !== 'string' || !isHexId(batch)))
    throw corrupt(`${where} has a bad import batch`)
  if (deletedAt !== undefined && (typeof deletedAt !== 'string' || Number.isNaN(Date.parse(deletedAt))))
    throw corrupt(`${where} has a bad deletion date`)
  const state: Pick<AccountRecord, 'pending' | 'batch' | 'deletedAt' | 'siteSuggestionDismissed'> = {
    ...(pending ? { pending } : {}),
    ...(batch !== undefined ? { batch } : {}),
    ...(deletedAt !== undefined ? { deletedAt } : {}),
    ...(dismissed ? { siteSuggestionDismissed: true as const } : {}),
  }
  if (type === 'totp') {
    if (!isInt(raw.period) || raw.period < 1 || raw.period > 3600) throw corrupt(`${where} has a bad period`)
    return { ...base, type, period: raw.period, ...state }
  }
  if (type === 'hotp') {
    if (!isInt(raw.counter) || raw.counter < 0 || raw.counter > MAX_HOTP_COUNTER)
      throw corrupt(`${where} has a bad counter`)
    return { ...base, type, counter: raw.counter, ...state }
  }
  throw corrupt(`${where} has a bad type`)
}

/**
 * Names as the vault keeps them. A file written before names were cleaned may hold
 * a bidi override or a control character: cleaned on read rather than refused, so
 * such a vault still opens (the next write stores the clean names).
 */
function readNames(issuer: string, label: string, where: string): { issuer: string; label: string } {
  try {
    return { issuer: cleanName(issuer, 'issuer'), label: cleanName(label, 'label') }
  } catch {
    throw corrupt(`${where} has a bad name`)
  }
}

/** Reads and checks the metadata file; a missing file is an empty vault. */
export async function readMetadata(path: string): Promise<MetadataFile> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyMetadata()
    throw error
  }
  return parseMetadata(text)
}

/** Checks the metadata file's text: the one validation both the reader and the writer run. */
export function parseMetadata(text: string): MetadataFile {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw corrupt('not valid JSON')
  }
  if (!isObject(raw) || raw.format !== 'warifu-vault') throw corrupt('not a Warifu account file')
  if (raw.version !== 1) throw corrupt(`version ${String(raw.version)} is not supported by this Warifu`)
  if (!Array.isArray(raw.accounts)) throw corrupt('no account list')
  const accounts = raw.accounts.map(readRecord)
  if (new Set(accounts.map((a) => a.id)).size !== accounts.length) throw corrupt('an id appears twice')
  const file: MetadataFile = { format: 'warifu-vault', version: 1, accounts }
  if (raw.vaultId !== undefined) {
    if (typeof raw.vaultId !== 'string' || !isHexId(raw.vaultId)) throw corrupt('the vault id is bad')
    file.vaultId = raw.vaultId
  }
  if (typeof raw.lastBackupAt === 'string') file.lastBackupAt = raw.lastBackupAt
  return file
}

/** Field by field, so nothing but these fields (never a secret) reaches the disk. */
function writeRecord(r: AccountRecord): Record<string, unknown> {
  return {
    id: r.id,
    type: r.type,
    issuer: r.issuer,
    label: r.label,
    algorithm: r.algorithm,
    digits: r.digits,
    ...(r.type === 'totp' ? { period: r.period } : { counter: r.counter }),
    createdAt: r.createdAt,
    // Left out when empty, so a vault without sites reads (and diffs) as it did before sites existed.
    ...(r.sites.length > 0 ? { sites: [...r.sites] } : {}),
    ...(r.siteSuggestionDismissed ? { siteSuggestionDismissed: true } : {}),
    // Each left out when unset, as sites are: an unorganised vault reads as it did before.
    ...(r.pinned ? { pinned: true } : {}),
    ...(r.tags && r.tags.length > 0 ? { tags: [...r.tags] } : {}),
    ...(r.lastUsedAt ? { lastUsedAt: r.lastUsedAt } : {}),
    ...(r.pending ? { pending: r.pending } : {}),
    ...(r.pending === 'add' && r.batch ? { batch: r.batch } : {}),
    ...(r.deletedAt ? { deletedAt: r.deletedAt } : {}),
  }
}

/**
 * The file's JSON text, checked before it can reach the disk: it must pass the
 * reader's validation and read back as exactly itself (a counter past 2^53-1, a
 * name the reader would clean, a bad date: any of them would otherwise be found
 * only at the next open, as a vault that no longer opens).
 */
export function serializeMetadata(file: MetadataFile): string {
  const text = formatMetadata(file)
  let again: string
  try {
    again = formatMetadata(parseMetadata(text))
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    throw refused(error.message)
  }
  if (again !== text) throw refused('it would not read back the same')
  return text
}

function refused(detail: string): VaultWriteRefusedError {
  return new VaultWriteRefusedError(`This change was not saved: the account list would be unreadable (${detail}).`)
}

function formatMetadata(file: MetadataFile): string {
  const out = {
    format: file.format,
    version: file.version,
    ...(file.vaultId ? { vaultId: file.vaultId } : {}),
    ...(file.lastBackupAt ? { lastBackupAt: file.lastBackupAt } : {}),
    accounts: file.accounts.map(writeRecord),
  }
  return JSON.stringify(out, null, 2) + '\n'
}

/** The account without vault-internal state, as callers see it. */
export function toSummary(r: AccountRecord): AccountSummary {
  const { pending: _pending, batch: _batch, deletedAt: _deletedAt, siteSuggestionDismissed: _dismissed, ...summary } = r
  const copy: AccountSummary = { ...summary, sites: [...summary.sites] }
  if (summary.tags) copy.tags = [...summary.tags]
  return copy
}
