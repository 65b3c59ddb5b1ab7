/**
 * One vault's entries in the keychain. Every entry's account name is "<vault id>/<account id>", the
 * vault id being a random one kept in the vault's metadata file, so two vaults sharing a keychain
 * service (two WARIFU_HOMEs, one WARIFU_KEYCHAIN_SERVICE) never see each other's secrets, and never
 * report them as their own orphans.
 *
 * Entries written before vault ids are named by the bare account id ("legacy"). A vault moves its
 * own to its names when it opens (legacy-migration.ts); a legacy entry that no account of this
 * vault names may belong to another vault not opened since, so it is never reported on open, only
 * offered by `warifu adopt` (adopting moves it to this vault's names).
 */
import type { SecretStore } from '../secrets/secret-store'
import { isHexId } from './ids'

/** The keychain account name of an account's secret in a vault. */
export function entryName(vaultId: string, accountId: string): string {
  return `${vaultId}/${accountId}`
}

/** The legacy entries of a keychain listing (bare account ids), by account id. */
export function legacyEntries(all: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...all].filter(([name]) => isHexId(name)))
}

/**
 * A vault's view of the keychain, by account id. Until the vault's first write a new vault has no id
 * in its file: it holds a candidate, which the first write records (or replaces with the id another
 * process recorded first: nothing was written to the keychain under the candidate before then).
 */
export class VaultKeychain {
  /** Accounts whose secret this open read from its legacy entry. */
  private readonly readInPlace = new Set<string>()

  constructor(
    /** The whole service's store (migration and listing need every entry). */
    readonly raw: SecretStore,
    private id: string,
    /** False while `id` is only a candidate not yet in the metadata file. */
    private recorded: boolean,
  ) {}

  get vaultId(): string {
    return this.id
  }

  get isRecorded(): boolean {
    return this.recorded
  }

  /** Follows the id in the metadata file (read by this process or written by another). */
  useRecorded(vaultId: string): void {
    this.id = vaultId
    this.recorded = true
  }

  get(accountId: string): Promise<string | null> {
    return this.raw.get(entryName(this.id, accountId))
  }

  set(accountId: string, secret: string): Promise<void> {
    return this.raw.set(entryName(this.id, accountId), secret)
  }

  /**
   * Deletes the account's entry, and its legacy one when that is where this open read it (a busy
   * writer kept the move for a later open). A legacy entry is otherwise never deleted here: a copy
   * of this vault, or one not opened since vault ids, may still count on it.
   */
  async delete(accountId: string): Promise<boolean> {
    const own = await this.raw.delete(entryName(this.id, accountId))
    const legacy = this.readInPlace.has(accountId) && (await this.raw.delete(accountId))
    this.readInPlace.delete(accountId)
    return own || legacy
  }

  /**
   * The secrets of `accountIds` (a metadata file's accounts) and this vault's other entries, by
   * account id, from a full listing of the service: each under this vault's name, or else under the
   * legacy one (not moved yet: see readInPlace).
   */
  secretsOf(all: ReadonlyMap<string, string>, accountIds: readonly string[]): Map<string, string> {
    const prefix = `${this.id}/`
    const mine = new Map<string, string>()
    for (const [name, secret] of all) {
      if (name.startsWith(prefix) && isHexId(name.slice(prefix.length))) mine.set(name.slice(prefix.length), secret)
    }
    this.readInPlace.clear()
    for (const id of accountIds) {
      const legacy = all.get(id)
      if (mine.has(id) || legacy === undefined) continue
      mine.set(id, legacy)
      this.readInPlace.add(id)
    }
    return mine
  }
}
