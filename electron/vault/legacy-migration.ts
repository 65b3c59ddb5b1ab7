/**
 * Moves a vault's keychain entries to its own names, under the writers' lock, in steps that lose
 * nothing if the process dies between any two of them:
 *   1. the vault id is recorded in the metadata file (one atomic write), then for each account
 *   2. its secret is written under "<vault id>/<account id>",
 *   3. read back, and only if it reads back the same is the legacy entry deleted.
 * A crash after 1 or 2 leaves the legacy entry in place, found and finished by the next open.
 *
 * The source is the account's legacy entry (named by the bare account id, written before vault
 * ids) or, when there is none, another vault's entry for the same account id: account ids are
 * random 64-bit, so that vault is a copy of this one (a data folder copied before the upgrade,
 * whose twin moved the shared legacy entries first). Another vault's entry is copied, never deleted.
 */
import type { SecretStore } from '../secrets/secret-store'
import { writeFileAtomic } from './atomic-file'
import { crashPoint } from './crash-points'
import { readMetadata, serializeMetadata, type MetadataFile } from './metadata'
import { newHexId } from './ids'
import { entryName } from './vault-keychain'

/** The secret to move to this vault's name for `accountId`, if its own entry is missing. */
function sourceOf(
  all: ReadonlyMap<string, string>,
  accountId: string,
): { secret: string; legacy: boolean } | undefined {
  const legacy = all.get(accountId)
  if (legacy !== undefined) return { secret: legacy, legacy: true }
  for (const [name, secret] of all) if (name.endsWith(`/${accountId}`)) return { secret, legacy: false }
  return undefined
}

/**
 * What is left to move for one account, decided the same way before the lock (needsMigration) and
 * under it (migrateLocked): the secret and whether its source is the legacy entry (deleted once this
 * vault's copy reads back the same), and whether this vault's own entry is still to be written.
 * Undefined when nothing is left: moved, with no legacy copy of the same secret, or nothing to move.
 */
function moveLeft(
  all: ReadonlyMap<string, string>,
  vaultId: string | undefined,
  accountId: string,
): { secret: string; legacy: boolean; copy: boolean } | undefined {
  const own = vaultId === undefined ? undefined : all.get(entryName(vaultId, accountId))
  if (own === undefined) {
    const source = sourceOf(all, accountId)
    return source === undefined ? undefined : { ...source, copy: true }
  }
  // Already under this vault's name: only a leftover legacy copy of the same secret is left.
  return all.get(accountId) === own ? { secret: own, legacy: true, copy: false } : undefined
}

/** True when an account of this file has its secret only elsewhere, or a leftover legacy copy of it. */
export function needsMigration(file: MetadataFile, all: ReadonlyMap<string, string>): boolean {
  return file.accounts.some((r) => moveLeft(all, file.vaultId, r.id) !== undefined)
}

/** Under the writers' lock: records a vault id if the file has none and moves every account's entry to its name. */
export async function migrateLocked(metadataPath: string, store: SecretStore): Promise<void> {
  const file = await readMetadata(metadataPath)
  if (file.vaultId === undefined) {
    file.vaultId = newHexId()
    await writeFileAtomic(metadataPath, serializeMetadata(file))
    crashPoint('migrate:after-vault-id')
  }
  const all = await store.list()
  for (const record of file.accounts) {
    const move = moveLeft(all, file.vaultId, record.id)
    if (move === undefined) continue
    const name = entryName(file.vaultId, record.id)
    if (move.copy) {
      await store.set(name, move.secret)
      crashPoint('migrate:after-copy')
    }
    // Deleted only once this vault's entry reads back the same: a crash before leaves both, never neither.
    if (move.legacy && (await store.get(name)) === move.secret) await store.delete(record.id)
  }
}
