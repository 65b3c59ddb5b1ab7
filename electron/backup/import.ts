/**
 * Imports: read every source (files, pasted text, QR images), show a preview of what
 * will be added, what duplicates an existing account and what cannot be imported,
 * then commit all or nothing.
 */
import { randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import {
  AppError,
  BackupPasswordRequiredError,
  BackupTooLargeError,
  FileUnreadableError,
  UnsupportedBackupError,
  UsageError,
} from '../../shared/errors'
import { identifySource } from '../../shared/formats/detect'
import {
  collectMigrationBatches,
  MAX_MIGRATION_CODES,
  type MigrationBatch,
} from '../../shared/formats/google-migration'
import { MAX_BACKUP_BYTES, MAX_ENTRIES } from '../../shared/formats/safe-json'
import { utf8Decode } from '../../shared/formats/encoding'
import type { ImportPreview, PreviewAccount } from '../../shared/backup/preview'
import type { OtpParams } from '../../shared/otp/account'
import { suggestSites } from '../../shared/sites/known-services'
import type { AccountSummary } from '../../shared/types'
import type { Vault } from '../vault/vault'
import { tagsFromBackup } from '../vault/organise'
import { sitesFromBackup } from '../vault/sites'
import { readRegularFile } from '../files/read-regular-file'
import { pathForEcho } from '../../shared/echo'
import { readAegisEncrypted } from './aegis-encrypted'
import { readTwoFasEncrypted } from './twofas-encrypted'

/** Where accounts come from: a file (backup, text, or PNG/JPEG of QR codes) or pasted text. */
export type ImportSource = { kind: 'file'; path: string } | { kind: 'text'; text: string; name?: string }

/** The most sources one import reads (files, texts; a Google Authenticator export is rarely more than a few codes). */
export const MAX_IMPORT_SOURCES = 64

/**
 * What an import is doing, for a progress line (the CLI shows it at a terminal when it takes a while).
 * `name` is the source's display name, never a secret.
 */
export type ImportProgress =
  | { stage: 'reading'; name: string; index: number; total: number }
  | { stage: 'decoding'; name: string; width: number; height: number }
  | { stage: 'unlocking'; name: string }

/** A password for an encrypted source: one for all, or asked per source (by its display name). */
export type PasswordSupplier = string | ((sourceName: string) => Promise<string | undefined>)

// The secrets of a preview never leave the main process: they live here, not in the object.
const pendingParams = new WeakMap<
  ImportPreview,
  {
    params: OtpParams[]
    sites: string[][]
    organised: { pinned: boolean; tags: string[] }[]
    allowDuplicates: boolean
  }
>()

/** The sites an imported account gets: a Warifu export's own (each parsed), else the table's suggestion. */
function importedSites(p: OtpParams, raw: unknown): Pick<PreviewAccount, 'sites' | 'sitesLeftOut'> {
  if (raw === undefined) return { sites: suggestSites(p.issuer, p.label) }
  const { sites, leftOut } = sitesFromBackup(raw)
  return leftOut > 0 ? { sites, sitesLeftOut: leftOut } : { sites }
}

function withoutSecret(p: OtpParams, source: string, sites: ReturnType<typeof importedSites>): PreviewAccount {
  const { secret: _secret, ...rest } = p
  return { ...rest, source, ...sites }
}

/** A file's name for messages and the preview; a name that may hold a secret (a pasted link) is not shown. */
function shownName(path: string): string {
  const name = basename(path)
  // An empty argument has no name to show.
  return name === '' ? 'a file' : pathForEcho(name, 'a file')
}

/** A file's bytes with the same refusals as every file the user names (missing, folder, FIFO, over 32 MiB). */
function readCapped(path: string): Promise<Uint8Array> {
  return readRegularFile(path, {
    maxBytes: MAX_BACKUP_BYTES,
    unreadable: (message, cause) => new FileUnreadableError(`${shownName(path)}: ${message}`, { cause }),
    tooLarge: () => new BackupTooLargeError(`${shownName(path)} is larger than any real backup.`),
  })
}

function isImage(bytes: Uint8Array): boolean {
  const png = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
  return png || jpeg
}

/** A source's name for progress, before it is read (the same name the preview gives it). */
function sourceName(source: ImportSource): string {
  return source.kind === 'text' ? (source.name ?? 'pasted text') : shownName(source.path)
}

async function textOf(
  source: ImportSource,
  onProgress: ((event: ImportProgress) => void) | undefined,
): Promise<{ name: string; text: string; image: boolean }> {
  const name = sourceName(source)
  if (source.kind === 'text') return { name, text: source.text, image: false }
  const bytes = await readCapped(source.path)
  if (isImage(bytes)) {
    // QR images go through the scan pipeline (loaded only when needed), with the bytes already
    // read: the file is not opened twice, so it cannot be swapped in between.
    const { scanImageBytes } = await import('../scan/scan-file')
    const texts = await scanImageBytes(bytes, {
      onDecode: (size) => onProgress?.({ stage: 'decoding', name, ...size }),
    })
    return { name, text: texts.join('\n'), image: true }
  }
  if (bytes.includes(0)) throw new UnsupportedBackupError(`${name} is not a backup Warifu reads.`)
  try {
    return { name, text: utf8Decode(bytes, 'file'), image: false }
  } catch (error) {
    // Which file, when several are read at once.
    if (error instanceof AppError) error.message = `${name}: ${error.message}`
    throw error
  }
}

async function passwordFor(supplier: PasswordSupplier | undefined, name: string): Promise<string> {
  const password = typeof supplier === 'function' ? await supplier(name) : supplier
  if (password === undefined || password === '') {
    throw new BackupPasswordRequiredError(`${name} is encrypted; a password is needed.`)
  }
  return password
}

/**
 * Reads every source and works out what an import would add. Any unreadable source
 * (wrong password, damaged file, ...) fails the whole preview with its typed error.
 */
export async function previewImport(
  vault: Vault,
  sources: readonly ImportSource[],
  options: {
    password?: PasswordSupplier
    signal?: AbortSignal
    /** Accounts saved already are added again instead of skipped (`warifu add --allow-duplicate`). */
    allowDuplicates?: boolean
    onProgress?: (event: ImportProgress) => void
  } = {},
): Promise<ImportPreview> {
  if (sources.length > MAX_IMPORT_SOURCES) {
    throw new UsageError(`One import reads at most ${MAX_IMPORT_SOURCES} files or codes.`)
  }
  const { signal, onProgress } = options
  const found: {
    params: OtpParams
    source: string
    sites?: unknown
    organised?: { pinned: boolean; tags: string[] }
  }[] = []
  const rejected: ImportPreview['rejected'] = []
  const batches: MigrationBatch[] = []
  const seenSources: ImportPreview['sources'] = []
  for (const [index, source] of sources.entries()) {
    onProgress?.({ stage: 'reading', name: sourceName(source), index, total: sources.length })
    const { name, text, image } = await textOf(source, onProgress)
    // Said plainly: the format detection below would call an empty pipe "not a backup".
    if (text.trim() === '') throw new UnsupportedBackupError(`${name} is empty: there is nothing to import.`)
    let identified
    try {
      identified = identifySource(text)
    } catch (error) {
      // Name the file in the message; the original says what is wrong with it.
      if (error instanceof AppError) error.message = `${name}: ${error.message}`
      throw error
    }
    seenSources.push({ name, format: image ? 'image' : identified.format })
    let result
    if (identified.format === 'aegis-encrypted') {
      const password = await passwordFor(options.password, name)
      onProgress?.({ stage: 'unlocking', name })
      result = await readAegisEncrypted(identified.file, password, signal)
    } else if (identified.format === '2fas-encrypted') {
      const password = await passwordFor(options.password, name)
      onProgress?.({ stage: 'unlocking', name })
      result = await readTwoFasEncrypted(identified.file, password, signal)
    } else {
      result = identified.result
      if (identified.format === 'google-migration') batches.push(...identified.batches)
    }
    if (batches.length > MAX_MIGRATION_CODES) {
      throw new BackupTooLargeError(
        `One import reads at most ${MAX_MIGRATION_CODES} Google Authenticator export codes.`,
      )
    }
    for (const params of result.accounts) {
      const organised = {
        pinned: result.favorites?.has(params) === true,
        tags: tagsFromBackup(result.tags?.get(params)),
      }
      found.push({ params, source: name, sites: result.sites?.get(params), organised })
    }
    for (const r of result.rejected) rejected.push({ ...r, source: name })
    // Each source is bounded; so is their sum (64 sources of 10,000 entries would be 640,000).
    if (found.length + rejected.length > MAX_ENTRIES) {
      throw new BackupTooLargeError(`One import reads at most ${MAX_ENTRIES} accounts.`)
    }
  }
  // Google Authenticator codes are merged across sources: a batch may be spread over several images.
  const collected = collectMigrationBatches(batches)
  for (const params of collected.accounts.accounts) found.push({ params, source: 'Google Authenticator export' })
  for (const r of collected.accounts.rejected) rejected.push({ ...r, source: 'Google Authenticator export' })
  if (found.length + rejected.length > MAX_ENTRIES) {
    throw new BackupTooLargeError(`One import reads at most ${MAX_ENTRIES} accounts.`)
  }

  const toAdd: OtpParams[] = []
  const toAddSites: string[][] = []
  const toAddOrganised: { pinned: boolean; tags: string[] }[] = []
  const preview: ImportPreview = {
    id: randomUUID(),
    sources: seenSources,
    toAdd: [],
    duplicates: [],
    rejected,
    incompleteBatches: collected.incomplete,
  }
  const key = (p: OtpParams) => JSON.stringify([p.secret, p.issuer, p.label])
  const inThisImport = new Set<string>()
  for (const { params, source, sites: rawSites, organised } of found) {
    const existing: AccountSummary[] = vault.duplicatesOf(params)
    const sites = importedSites(params, rawSites)
    if (existing.length > 0 && !options.allowDuplicates) {
      preview.duplicates.push({ ...withoutSecret(params, source, sites), existingId: existing[0]!.id })
    } else if (inThisImport.has(key(params))) {
      preview.duplicates.push(withoutSecret(params, source, sites))
    } else {
      inThisImport.add(key(params))
      toAdd.push(params)
      toAddSites.push(sites.sites)
      toAddOrganised.push(organised ?? { pinned: false, tags: [] })
      preview.toAdd.push(withoutSecret(params, source, sites))
    }
  }
  pendingParams.set(preview, {
    params: toAdd,
    sites: toAddSites,
    organised: toAddOrganised,
    allowDuplicates: options.allowDuplicates === true,
  })
  return preview
}

/**
 * Adds the preview's accounts to the vault all or nothing (Vault.addMany). Accounts that
 * became duplicates since the preview are skipped. Returns the accounts added.
 */
export async function commitImport(vault: Vault, preview: ImportPreview): Promise<AccountSummary[]> {
  const pending = pendingParams.get(preview)
  if (!pending)
    throw new UnsupportedBackupError('This import preview is unknown or was already used; read the files again.')
  pendingParams.delete(preview)
  const keep = pending.params.map((p) => pending.allowDuplicates || vault.duplicatesOf(p).length === 0)
  const added = await vault.addMany(
    pending.params.filter((_, i) => keep[i]),
    pending.sites.filter((_, i) => keep[i]),
  )
  // Favourites come back pinned and tags restored, in one more write (a crash before it loses only those).
  const organised = pending.organised.filter((_, i) => keep[i])
  const updates = added.map((a, i) => ({ id: a.id, ...organised[i]! })).filter((u) => u.pinned || u.tags.length > 0)
  if (updates.length === 0) return added
  await vault.organiseMany(updates)
  return added.map((a) => vault.get(a.id))
}
