/** The save and open dialogs of the Export and Import screens: names and filters (Electron-free, testable). */
import type { ExportFormat } from '../backup/export'

type FileFilter = { name: string; extensions: string[] }

/** A file name that says what the file is and when it was made: `warifu-backup-2026-11-24.json`. */
export function defaultExportName(format: Exclude<ExportFormat, 'ga-qr'>, now: Date): string {
  const day = now.toISOString().slice(0, 10)
  if (format === 'aegis') return `warifu-backup-${day}.json`
  // "plain" in the name: a file with every secret in clear should not pass for a backup.
  if (format === 'aegis-plain') return `warifu-plain-aegis-${day}.json`
  return `warifu-plain-otpauth-${day}.txt`
}

export function exportFilters(format: Exclude<ExportFormat, 'ga-qr'>): FileFilter[] {
  return format === 'otpauth' ? [{ name: 'Text', extensions: ['txt'] }] : [{ name: 'JSON', extensions: ['json'] }]
}

/** What the import dialog offers: every format Warifu reads, QR images, or any file. */
export const IMPORT_FILTERS: FileFilter[] = [
  { name: 'Backups and QR images', extensions: ['json', '2fas', 'txt', 'png', 'jpg', 'jpeg'] },
  { name: 'All files', extensions: ['*'] },
]
