/** Backup data that crosses to the renderer: import previews and the reminder. Never a secret. */
import type { ImportFormat, RejectedEntry } from '../formats/types'
import type { HotpParams, TotpParams } from '../otp/account'

/** An account of an import preview, without its secret. */
export type PreviewAccount = (Omit<TotpParams, 'secret'> | Omit<HotpParams, 'secret'>) & {
  source: string
  /**
   * The sites it will be saved with: those a Warifu export carried, else the ones suggested for a
   * known issuer (the preview proposes them; the import saves them).
   */
  sites: string[]
  /** How many sites the export carried that are not sites (dropped, the account imported without them). */
  sitesLeftOut?: number
}

/** What an import would do. Holds no secret: main keeps the accounts to add, keyed by this object. */
export interface ImportPreview {
  id: string
  sources: { name: string; format: ImportFormat | 'image' }[]
  /** Accounts that will be added, in order. */
  toAdd: PreviewAccount[]
  /** Accounts already in the vault (same secret, issuer and label) or earlier in this import: skipped. */
  duplicates: (PreviewAccount & { existingId?: string })[]
  /** Entries that cannot be imported, each with its reason. */
  rejected: (RejectedEntry & { source: string })[]
  /** Google Authenticator batches with codes not yet scanned (0-based indices; show them 1-based). */
  incompleteBatches: { batchId: number; batchSize: number; missing: number[] }[]
}

/** The backup reminder: has anything been added since the last verified backup? */
export interface BackupStatus {
  /** ISO time of the last verified backup, if any. */
  lastBackupAt?: string
  /** Accounts added after it (all of them when there was none). */
  addedSinceBackup: number
  /** True when the app should quietly suggest a backup. */
  needsBackup: boolean
}

/** A QR code as its modules: `size` x `size`, row by row, 1 for dark. Drawn by the renderer on a canvas. */
export interface QrMatrix {
  size: number
  modules: Uint8Array
}
