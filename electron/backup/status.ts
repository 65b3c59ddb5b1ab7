/** The backup reminder: has anything been added since the last verified backup? */
import type { BackupStatus } from '../../shared/backup/preview'
import type { Vault } from '../vault/vault'

/** Whether accounts were added since the last verified backup (the vault's `lastBackupAt`). */
export function backupStatus(vault: Vault): BackupStatus {
  const last = vault.lastBackupAt
  const lastMs = last === undefined ? -Infinity : Date.parse(last)
  const addedSinceBackup = vault.list().filter((a) => Date.parse(a.createdAt) > lastMs).length
  return { ...(last === undefined ? {} : { lastBackupAt: last }), addedSinceBackup, needsBackup: addedSinceBackup > 0 }
}
