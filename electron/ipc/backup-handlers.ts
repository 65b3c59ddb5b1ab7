/**
 * The Export and Import screens' handlers. Main opens the file dialogs itself and keeps the
 * picked paths, the previews and their secrets; the renderer gets names, counts and reasons,
 * and (for the phone transfer only, on request) the QR codes to draw.
 */
import { basename } from 'node:path'
import type { ExportFormat } from '../backup/export'
import { exportBackup, phoneTransferCodes } from '../backup/export'
import { commitImport, previewImport } from '../backup/import'
import { backupStatus } from '../backup/status'
import { ImportSessions } from '../app/import-sessions'
import type { Confirm } from '../app/native-confirm'
import type { Vault } from '../vault/vault'
import type { Handlers } from './handlers'
import { confirmOrRefuse } from './trash-handlers'

type BackupChannel = Extract<keyof Handlers, `backup:${string}` | `import:${string}`>

export interface BackupDialogs {
  /** Main's save dialog for an export of `format`; the chosen path, or null when cancelled. */
  pickSavePath(format: ExportFormat): Promise<string | null>
  /** Main's open dialog for backup files and QR images (several at once); null when cancelled. */
  pickImportFiles(): Promise<string[] | null>
}

export function createBackupHandlers(
  dialogs: BackupDialogs,
  confirm: Confirm,
  vault: () => Promise<Vault>,
  write: <T>(change: (v: Vault) => Promise<T>) => Promise<T>,
): Pick<Handlers, BackupChannel> {
  const imports = new ImportSessions()
  return {
    'backup:status': async () => backupStatus(await vault()),

    'backup:export': async (request) => {
      const outPath = await dialogs.pickSavePath(request.format)
      if (outPath === null) return null
      const result = await write((v) =>
        request.format === 'aegis'
          ? exportBackup(v, { format: 'aegis', outPath, password: request.password })
          : exportBackup(v, { format: request.format, outPath, confirmPlain: request.confirmPlain }),
      )
      return { file: basename(result.files[0]!), exported: result.exported, isBackup: result.isBackup }
    },

    'backup:phone-codes': async () => {
      const v = await vault()
      const { codes, exported, leftOut } = await phoneTransferCodes(v)
      const left = new Set(leftOut.map((l) => l.account.id))
      // The codes carry the secrets: main's own dialog, naming the accounts, says yes first.
      if (exported > 0)
        await confirmOrRefuse(
          confirm,
          'phone-codes',
          v.list().filter((a) => !left.has(a.id)),
        )
      return {
        codes,
        exported,
        leftOut: leftOut.map(({ account, limit, reason }) => ({
          issuer: account.issuer,
          label: account.label,
          limit,
          reason,
        })),
      }
    },

    'import:add-files': async (session) => {
      // An import that has ended is refused before the dialog, not after the user picked files.
      if (session !== null) imports.sources(session)
      const paths = await dialogs.pickImportFiles()
      return paths === null || paths.length === 0 ? null : imports.addFiles(session, paths)
    },

    'import:add-texts': (session, texts, name) => Promise.resolve(imports.addTexts(session, texts, name)),

    'import:preview': async (session, password) => {
      const sources = imports.sources(session)
      // A newer try or "Start over" aborts this one: its password hashing stops, nothing stacks.
      const signal = imports.startPreview(session)
      let preview
      try {
        preview = await previewImport(await vault(), sources, {
          ...(password === null ? {} : { password }),
          signal,
        })
      } finally {
        imports.endPreview(session, signal)
      }
      imports.setPreview(session, preview)
      return preview
    },

    'import:commit': async (previewId) => {
      const { id, preview } = imports.byPreview(previewId)
      try {
        const added = await write((v) => commitImport(v, preview))
        imports.discard(id)
        return { added }
      } finally {
        // A preview commits once: after a failure the screen reads the sources again.
        imports.clearPreview(id)
      }
    },

    'import:discard': (session) => Promise.resolve(imports.discard(session)),
  }
}
