/**
 * Moves a vault's legacy keychain entries (named by the bare account id, written before vault ids)
 * to its own names, under the writers' lock, in steps that lose nothing if the process dies
 * between any two of them:
 *   1. the vault id is recorded in the metadata file (one atomic write), then for each account
 *   2. its secret is written under "<vault id>/<account id>",
 *   3. read back, and only if it reads back the same is the legacy entry deleted.
 * A crash after 1 or 2 leaves the legacy entry in place, found and finished by the next open.
 */
import type { SecretStore } from '../secrets/secret-store'
import { writeFileAtomic } from './atomic-file'
import { crashPoint } from './crash-points'
import { readMetadata, serializeMetadata, type MetadataFile } from './metadata'
import { entryName, newVaultId } from './vault-keychain'

/** True when an account of this file still has its secret under the legacy name (and not a different one under its own). */
export function needsMigration(file: MetadataFile, all: ReadonlyMap<string, string>): boolean {
  return file.accounts.some((r) => {
    const legacy = all.get(r.id)
    if (legacy === undefined) return false
    const own = file.vaultId === undefined ? undefined : all.get(entryName(file.vaultId, r.id))
    return own === undefined || own === legacy
  })
}

/** Under the writers' lock: records a vault id if the file has none and moves every legacy entry of its accounts. */
export async function migrateLocked(metadataPath: string, store: SecretStore): Promise<void> {
  const file = await readMetadata(metadataPath)
  if (file.vaultId === undefined) {
    file.vaultId = newVaultId()
    await writeFileAtomic(metadataPath, serializeMetadata(file))
    crashPoint('migrate:after-vault-id')
  }
  const all = await store.list()
  for (const record of file.accounts) {
    const legacy = all.get(record.id)
    if (legacy === undefined) continue
    const name = entryName(file.vaultId, record.id)
    const own = all.get(name)
    if (own === undefined) {
      await store.set(name, legacy)
      crashPoint('migrate:after-copy')
    } else if (own !== legacy) {
      // Not ours to settle: the vault's own entry wins and the legacy one is left as it is.
      continue
    }
    if ((await store.get(name)) === legacy) await store.delete(record.id)
  }
}
