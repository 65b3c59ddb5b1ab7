/**
 * The backup service for the main process and the CLI. Secrets and passwords stay on
 * this side: results hold account names and settings, never a secret.
 *
 *   exportBackup(vault, { format: 'aegis', password, outPath })       encrypted Aegis backup, verified, marks lastBackupAt
 *   exportBackup(vault, { format: 'aegis-plain' | 'otpauth', outPath, confirmPlain: true })   plain, for moving
 *   exportBackup(vault, { format: 'ga-qr', outPath })                 numbered PNG QR codes for Google Authenticator
 *   previewImport(vault, sources, { password })                        what would be added / duplicates / rejected
 *   commitImport(vault, preview)                                       all-or-nothing add of the preview
 *   backupStatus(vault)                                                the backup reminder
 *
 * Errors are AppErrors with stable codes: BACKUP_WRONG_PASSWORD, BACKUP_PASSWORD_REQUIRED
 * (ask for a password and call again), BACKUP_CORRUPT, BACKUP_UNSUPPORTED, BACKUP_TOO_LARGE,
 * BACKUP_VERIFY_FAILED, PLAIN_EXPORT_NOT_CONFIRMED, and the image errors of QR scanning.
 */
export { exportBackup, EXPORT_FORMATS, numberedPaths } from './export'
export type { ExportFormat, ExportOptions, ExportResult } from './export'
export { previewImport, commitImport } from './import'
export type { ImportProgress, ImportSource, PasswordSupplier } from './import'
export type { BackupStatus, ImportPreview, PreviewAccount } from '../../shared/backup/preview'
export { backupStatus } from './status'
