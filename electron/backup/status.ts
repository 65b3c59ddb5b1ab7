/** The backup reminder: has anything been added since the last verified backup? */
import type { Vault } from '../vault/vault'

export interface BackupStatus {
  /** ISO time of the last verified backup, if any. */
  lastBackupAt?: string
  /** Accounts added after it (all of them when there was none). */
  addedSinceBackup: number
  /** True when the app should quietly suggest a backup. */
  needsBackup: boolean
}

/** Whether accounts were added since the last verified backup (the vault's `lastBackupAt`). */
export function backupStatus(vault: Vault): BackupStatus {
  const last = vault.lastBackupAt
  const lastMs = last === undefined ? -Infinity : Date.parse(last)
  const addedSinceBackup = vault.list().filter((a) => Date.parse(a.createdAt) > lastMs).length
  return { ...(last === undefined ? {} : { lastBackupAt: last }), addedSinceBackup, needsBackup: addedSinceBackup > 0 }
}
