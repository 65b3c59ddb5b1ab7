/**
 * Exports: the encrypted Aegis backup, plain exports for moving (only when confirmed),
 * and Google Authenticator transfer QR codes. Every export is read back and compared
 * entry by entry before it replaces the target (export-file.ts: no temp file outlives it).
 */
import { randomInt, randomUUID } from 'node:crypto'
import { readFile, realpath } from 'node:fs/promises'
import { basename, dirname, join, resolve, sep } from 'node:path'
import {
  BackupPasswordRequiredError,
  BackupVerifyError,
  ExportTargetRefusedError,
  PlainExportNotConfirmedError,
  UsageError,
} from '../../shared/errors'
import { aegisPlainFile, readAegisFile, aegisEntries } from '../../shared/formats/aegis'
import {
  collectMigrationBatches,
  formatMigrationUris,
  parseMigrationUri,
  type MigrationLimit,
} from '../../shared/formats/google-migration'
import { parseOtpauthList } from '../../shared/formats/otpauth-list'
import type { ParsedImport } from '../../shared/formats/types'
import type { QrMatrix } from '../../shared/backup/preview'
import type { OtpParams } from '../../shared/otp/account'
import { formatOtpUri } from '../../shared/otp/uri'
import type { AccountSummary } from '../../shared/types'
import type { Vault } from '../vault/vault'
import { allParams, firstDifference } from './accounts'
import { readAegisEncrypted, writeAegisEncrypted } from './aegis-encrypted'
import type { ScryptCost } from './crypto'
import { writeVerifiedExport } from './export-file'

/** `aegis`: encrypted backup; `aegis-plain`, `otpauth`: plain text for moving; `ga-qr`: PNG QR codes for a phone. */
export type ExportFormat = 'aegis' | 'aegis-plain' | 'otpauth' | 'ga-qr'
export const EXPORT_FORMATS: readonly ExportFormat[] = ['aegis', 'aegis-plain', 'otpauth', 'ga-qr']

export interface ExportOptions {
  format: ExportFormat
  /** The file to write; for `ga-qr` the base name of the numbered PNGs (`codes.png` -> `codes-1.png`, ...). */
  outPath: string
  /** Required for `aegis`. Never logged, never in an error. */
  password?: string
  /** Must be true for `aegis-plain` and `otpauth`: the user saw the warning that secrets are written in clear. */
  confirmPlain?: boolean
  /** Test only: a lower scrypt cost. Real exports always use N=32768, r=8, p=1. */
  testOnlyScryptCost?: ScryptCost
}

export interface ExportResult {
  format: ExportFormat
  /** Files written, in order. */
  files: string[]
  /** Accounts in the export. */
  exported: number
  /** Accounts the format cannot hold (ga-qr only), each with the reason. */
  leftOut: { account: AccountSummary; limit: MigrationLimit; reason: string }[]
  /** True when this export counts as a verified backup (recorded as the vault's lastBackupAt). */
  isBackup: boolean
}

function verifyFailed(index: number): BackupVerifyError {
  return new BackupVerifyError(
    index === -1
      ? 'The export could not be read back; nothing was saved.'
      : `Reading the export back gave a different account at position ${index + 1}; nothing was saved.`,
  )
}

async function verify(expected: readonly OtpParams[], read: () => Promise<OtpParams[]>): Promise<void> {
  let actual: OtpParams[]
  try {
    actual = await read()
  } catch (error) {
    throw new BackupVerifyError('The export could not be read back; nothing was saved.', { cause: error })
  }
  const diff = firstDifference(expected, actual)
  if (diff !== -1) throw verifyFailed(diff)
}

/** An Aegis export read back: its accounts, and each one's sites from Warifu's extra field checked too. */
function withSitesChecked(parsed: ParsedImport, expectedSites: readonly (readonly string[])[]): OtpParams[] {
  if (parsed.rejected.length > 0) return []
  const diff = parsed.accounts.findIndex((a, i) => {
    const read = parsed.sites?.get(a) ?? []
    const want = expectedSites[i] ?? []
    return !Array.isArray(read) || read.length !== want.length || want.some((s, j) => read[j] !== s)
  })
  if (diff !== -1) throw verifyFailed(diff)
  return parsed.accounts
}

/** Numbered file names for ga-qr: `dir/codes.png` -> `dir/codes-1.png`, `dir/codes-2.png`, ... */
export function numberedPaths(outPath: string, count: number): string[] {
  const base = outPath.replace(/\.png$/i, '')
  return Array.from({ length: count }, (_, i) => `${base}-${i + 1}.png`)
}

/**
 * The Google Authenticator transfer texts (otpauth-migration, at most 10 accounts each) of every
 * account it can hold, and each account it cannot with the reason.
 */
export function phoneTransfer(vault: Vault): { uris: string[]; kept: OtpParams[]; leftOut: ExportResult['leftOut'] } {
  const accounts = allParams(vault)
  const summaries = vault.list()
  const { uris, leftOut: out } = formatMigrationUris(accounts, randomInt(1, 2 ** 31 - 1))
  const leftOut = out.map((item) => ({
    account: summaries[accounts.indexOf(item.account)]!,
    limit: item.limit,
    reason: item.reason,
  }))
  const kept = accounts.filter((a) => !out.some((o) => o.account === a))
  return { uris, kept, leftOut }
}

/** QR codes to show on screen for a phone to scan, checked by reading their texts back. */
export async function phoneTransferCodes(
  vault: Vault,
): Promise<{ codes: QrMatrix[]; exported: number; leftOut: ExportResult['leftOut'] }> {
  const { uris, kept, leftOut } = phoneTransfer(vault)
  await verify(kept, () => {
    const collected = collectMigrationBatches(uris.map(parseMigrationUri))
    if (collected.incomplete.length > 0 || collected.accounts.rejected.length > 0) return Promise.resolve([])
    return Promise.resolve(collected.accounts.accounts)
  })
  const { default: QRCode } = await import('qrcode')
  const codes = uris.map((uri) => {
    const { modules } = QRCode.create(uri, { errorCorrectionLevel: 'M' })
    return { size: modules.size, modules: Uint8Array.from(modules.data) }
  })
  return { codes, exported: kept.length, leftOut }
}

/** The real path of `p`, following links in the part of it that exists. */
async function realish(p: string): Promise<string> {
  const full = resolve(p)
  try {
    return await realpath(full)
  } catch {
    const parent = dirname(full)
    return parent === full ? full : join(await realish(parent), basename(full))
  }
}

/** Refuses a target inside the data directory: an export there could replace the account list itself. */
async function refuseDataDir(vault: Vault, outPath: string): Promise<void> {
  const dir = await realish(vault.dataDir)
  const target = await realish(outPath)
  if (target === dir || target.startsWith(dir + sep)) {
    throw new ExportTargetRefusedError('Save exports outside Warifu\u2019s data folder.')
  }
}

/** Writes an export of every account in the vault, verifies it, and records a verified backup. */
export async function exportBackup(vault: Vault, options: ExportOptions): Promise<ExportResult> {
  const { format, outPath } = options
  await refuseDataDir(vault, outPath)
  if (!EXPORT_FORMATS.includes(format))
    throw new UsageError('The export format must be aegis, aegis-plain, otpauth or ga-qr.')
  if ((format === 'aegis-plain' || format === 'otpauth') && options.confirmPlain !== true) {
    throw new PlainExportNotConfirmedError('A plain export writes every secret in clear text; confirm it explicitly.')
  }
  const accounts = allParams(vault)
  // Aegis exports carry each account's sites in Warifu's extra field (shared/formats/aegis.ts).
  const sites = vault.list().map((a) => a.sites)
  // And pinned accounts as Aegis favourites (the same idea in Aegis, Ente and 2FAS), tags in the extra field.
  const organised = vault.list().map((a) => ({ pinned: a.pinned === true, tags: a.tags ?? [] }))
  let files: string[] = [outPath]
  let exported = accounts.length
  const leftOut: ExportResult['leftOut'] = []

  if (format === 'aegis') {
    const password = options.password
    if (password === undefined || password === '') {
      throw new BackupPasswordRequiredError('An encrypted backup needs a password.')
    }
    const data = await writeAegisEncrypted(accounts, password, options.testOnlyScryptCost, sites, organised)
    await writeVerifiedExport([{ path: outPath, data }], ([written]) =>
      verify(accounts, async () => {
        const file = readAegisFile(await readFile(written!, 'utf8'))
        if (file.kind !== 'encrypted') throw new Error('not encrypted')
        return withSitesChecked(await readAegisEncrypted(file, password), sites)
      }),
    )
  } else if (format === 'aegis-plain') {
    const data = aegisPlainFile(
      accounts,
      accounts.map(() => randomUUID()),
      sites,
      organised,
    )
    await writeVerifiedExport([{ path: outPath, data }], ([written]) =>
      verify(accounts, async () => {
        const file = readAegisFile(await readFile(written!, 'utf8'))
        if (file.kind !== 'plain') throw new Error('not plain')
        return withSitesChecked(aegisEntries(file.content), sites)
      }),
    )
  } else if (format === 'otpauth') {
    const data = accounts.map((a) => formatOtpUri(a) + '\n').join('')
    await writeVerifiedExport([{ path: outPath, data }], ([written]) =>
      verify(accounts, async () => parseOtpauthList(await readFile(written!, 'utf8')).accounts),
    )
  } else {
    const transfer = phoneTransfer(vault)
    const { uris, kept } = transfer
    leftOut.push(...transfer.leftOut)
    exported = kept.length
    files = numberedPaths(outPath, uris.length)
    // Loaded only here: the CLI's start-up stays fast for every other command.
    const { default: QRCode } = await import('qrcode')
    const pngs = []
    for (const [i, uri] of uris.entries()) {
      const png = await QRCode.toBuffer(uri, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 6 })
      pngs.push({ path: files[i]!, data: png })
    }
    await writeVerifiedExport(pngs, (written) =>
      verify(kept, async () => {
        const { scanImageFile } = await import('../scan/scan-file')
        const batches = []
        for (const file of written) {
          const texts = await scanImageFile(file)
          batches.push(...texts.filter((t) => t.startsWith('otpauth-migration:')).map(parseMigrationUri))
        }
        const collected = collectMigrationBatches(batches)
        if (collected.incomplete.length > 0 || collected.accounts.rejected.length > 0) return []
        return collected.accounts.accounts
      }),
    )
  }
  // A transfer to a phone is not a backup kept on this side; the others hold every account.
  const isBackup = format !== 'ga-qr'
  if (isBackup) await vault.markBackedUp()
  return { format, files, exported, leftOut, isBackup }
}
