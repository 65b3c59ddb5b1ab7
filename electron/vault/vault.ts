/**
 * The vault: account metadata in a JSON file in the app's data directory,
 * secrets in the OS keychain, one entry per account, named by the vault's id and
 * the account's (vault-keychain.ts; older entries are moved on open, legacy-migration.ts).
 *
 * Every change that touches both places is written in three steps so that a
 * crash at any point loses nothing:
 *   add:    metadata with `pending: 'add'`    -> keychain set    -> metadata without pending
 *   purge:  metadata with `pending: 'remove'` -> keychain delete -> metadata without the record
 * A removed account is not deleted: remove() only stamps `deletedAt` (one metadata write, the
 * secret stays in the keychain), so it can be restored from "Recently deleted" for TRASH_DAYS.
 * It is purged after that, when the vault is opened, or when the user deletes it for good.
 * Deleted records are invisible to list, search, codes and exports, but their secrets are
 * theirs (not orphans).
 * On open, a pending record is finished or rolled back from what the keychain
 * holds, and every repair or inconsistency is reported in `problems`. The records
 * of one import (addMany) share a `batch` id and are finished only all together.
 */
import { dirname, join } from 'node:path'
import {
  AccountNotFoundError,
  AmbiguousAccountError,
  InvalidAccountError,
  SecretMissingError,
} from '../../shared/errors'
import { quoteForEcho } from '../../shared/echo'
import { cleanName, nextCounter, type OtpParams } from '../../shared/otp/account'
import { hotpCode, totpCode, type TotpCode } from '../../shared/otp/codes'
import { normalizeSecret } from '../../shared/otp/secret'
import { fold } from '../../shared/text/fold'
import { TRASH_DAYS, type AccountSummary, type DeletedAccount } from '../../shared/types'
import type { SecretStore } from '../secrets/secret-store'
import { ensurePrivateDir, writeFileAtomic } from './atomic-file'
import { crashPoint } from './crash-points'
import { newHexId } from './ids'
import { migrateLocked, needsMigration } from './legacy-migration'
import { tryFileLock, withFileLock } from './lock'
import { METADATA_FILE } from './paths'
import { readMetadata, serializeMetadata, toSummary, type AccountRecord, type MetadataFile } from './metadata'
import { normalizeTags, usedAtMinute } from './organise'
import { normalizeSites } from './sites'
import { legacyEntries, VaultKeychain } from './vault-keychain'

/** Something found, and possibly repaired, when the vault was opened. Never holds a secret. */
export type VaultProblem =
  | { kind: 'add-completed'; account: AccountSummary }
  | { kind: 'add-rolled-back'; issuer: string; label: string }
  | { kind: 'import-rolled-back'; issuer: string; label: string }
  | { kind: 'remove-completed'; issuer: string; label: string }
  | { kind: 'orphan-secret'; id: string }
  | { kind: 'missing-secret'; account: AccountSummary }

export interface VaultOptions {
  /** The app's data directory (see paths.ts). */
  dir: string
  store: SecretStore
  /** The clock, in ms since the epoch; injected so tests control time. */
  now?: () => number
}

/** A one-line, secret-free description of a problem, for logs and the CLI. */
export function describeProblem(p: VaultProblem): string {
  const name = (issuer: string, label: string) => [issuer, label].filter(Boolean).join(' / ') || '(no name)'
  switch (p.kind) {
    case 'add-completed':
      return `An interrupted add of "${name(p.account.issuer, p.account.label)}" was completed.`
    case 'import-rolled-back':
      return `An interrupted import was undone whole, "${name(p.issuer, p.label)}" with it; import the file again.`
    case 'add-rolled-back':
      return `An interrupted add of "${name(p.issuer, p.label)}" never reached the keychain and was undone; add it again.`
    case 'remove-completed':
      return `An interrupted removal of "${name(p.issuer, p.label)}" was completed.`
    case 'orphan-secret':
      return `The keychain holds a secret (entry ${p.id}) that no account uses; it was kept ("warifu adopt" gives it its account back).`
    case 'missing-secret':
      return `The secret of "${name(p.account.issuer, p.account.label)}" (${p.account.id}) is missing from the keychain.`
  }
}

/** An account's parameters without its secret (distributes over TOTP | HOTP). */
export type OtpSettings = OtpParams extends infer P ? (P extends OtpParams ? Omit<P, 'secret'> : never) : never

/** The stored record for new account settings, with names cleaned and sites checked (INVALID_SITE). */
function newRecord(params: OtpSettings, id: string, createdAt: string, sites: readonly string[] = []): AccountRecord {
  const base = {
    id,
    issuer: cleanName(params.issuer, 'issuer'),
    label: cleanName(params.label, 'label'),
    algorithm: params.algorithm,
    digits: params.digits,
    createdAt,
    sites: normalizeSites(sites),
  }
  return params.type === 'totp'
    ? { ...base, type: 'totp', period: params.period }
    : { ...base, type: 'hotp', counter: params.counter }
}

const DAY_MS = 24 * 60 * 60 * 1000
const isLive = (r: AccountRecord) => r.deletedAt === undefined

export class Vault {
  private constructor(
    private readonly metadataPath: string,
    private readonly store: VaultKeychain,
    private readonly now: () => number,
    private file: MetadataFile,
    private readonly secrets: Map<string, string>,
    /** Legacy keychain entries (bare account ids) no account of this vault names: offered to adopt only. */
    private legacy: Map<string, string>,
    readonly problems: VaultProblem[],
  ) {}

  /** Opens the vault: checks the keychain, reads metadata and secrets, repairs interrupted changes. */
  static async open(options: VaultOptions): Promise<Vault> {
    const { dir, store } = options
    const now = options.now ?? Date.now
    // Fails with KEYCHAIN_UNAVAILABLE before anything else is touched.
    await store.probe()
    await ensurePrivateDir(dir)
    const metadataPath = join(dir, METADATA_FILE)
    // A candidate id until the file records one (load() switches to it, or the first write records this one).
    const keychain = new VaultKeychain(store, newHexId(), false)
    const { file, secrets, legacy, problems } = await load(metadataPath, keychain)
    const vault = new Vault(metadataPath, keychain, now, file, secrets, legacy, problems)
    // A purge that fails (keychain refusing a delete, a writer holding the lock) is left to a
    // later open: it must never keep the accounts from opening.
    await vault.purgeExpired().catch(() => undefined)
    return vault
  }

  /**
   * For one account's code (`warifu code <search>`): reads the account file and only the chosen
   * account's secret, where open() lists every entry of the service (200 accounts: 0.2-0.7 s on
   * gnome-keyring, one entry: about 3 ms). `choose` picks the account from the file (find()).
   * Whatever needs the full open falls back to it: a change to finish or undo, no vault id yet, a
   * secret not under this vault's name (a legacy entry to move, or missing: reported there).
   * Nothing else is checked or reported, so the vault answers for that account only.
   */
  static async openForOne(options: VaultOptions, choose: (vault: Vault) => string): Promise<Vault> {
    await options.store.probe()
    const metadataPath = join(options.dir, METADATA_FILE)
    const file = await readMetadata(metadataPath)
    if (file.vaultId === undefined || file.accounts.some((r) => r.pending !== undefined)) return Vault.open(options)
    const keychain = new VaultKeychain(options.store, file.vaultId, true)
    const vault = new Vault(metadataPath, keychain, options.now ?? Date.now, file, new Map(), new Map(), [])
    const id = choose(vault)
    const secret = await keychain.get(id)
    if (secret === null) return Vault.open(options)
    vault.secrets.set(id, secret)
    return vault
  }

  /** Re-reads metadata and keychain (another Warifu process may have changed them); returns what it found. */
  async refresh(): Promise<VaultProblem[]> {
    const { file, secrets, legacy, problems } = await load(this.metadataPath, this.store)
    this.file = file
    this.legacy = legacy
    this.secrets.clear()
    for (const [id, secret] of secrets) this.secrets.set(id, secret)
    this.problems.splice(0, this.problems.length, ...problems)
    return problems
  }

  /**
   * Keychain entries that no account uses (kept, never deleted on their own): this vault's own, then
   * legacy ones from before vault ids that no account names (they may be another vault's, so they are
   * offered here but never reported on open). Another vault's entries are never listed.
   */
  orphanIds(): string[] {
    const known = new Set(this.file.accounts.map((r) => r.id))
    const own = [...this.secrets.keys()].filter((id) => !known.has(id))
    const legacy = [...this.legacy.keys()].filter((id) => !known.has(id) && !this.secrets.has(id))
    return [...own, ...legacy]
  }

  /**
   * Gives an orphaned keychain secret its account back; the caller supplies what the keychain never
   * held (names, algorithm, ...). This vault's own entry stays where it is. A legacy entry is copied
   * to this vault's name, then the account recorded (a crash in between leaves an orphan of this
   * vault to adopt again); the legacy entry is left alone, since a vault not opened since the
   * upgrade may still count on it (that vault moves it, or it stays unlisted here).
   */
  async adoptOrphan(id: string, params: OtpSettings): Promise<AccountSummary> {
    if (!this.orphanIds().includes(id)) throw new AccountNotFoundError('No unused keychain entry has that id.')
    const record = newRecord(params, id, new Date(this.now()).toISOString())
    const legacy = this.secrets.has(id) ? undefined : this.legacy.get(id)
    if (legacy !== undefined) {
      // The vault id is in the file before any entry is written under it.
      if (!this.store.isRecorded) await this.mutate(() => undefined)
      await this.store.set(id, legacy)
      this.secrets.set(id, legacy)
      crashPoint('adopt:after-copy')
    }
    await this.mutate((file) => file.accounts.push(record))
    this.legacy.delete(id)
    this.problems.splice(
      0,
      this.problems.length,
      ...this.problems.filter((p) => !(p.kind === 'orphan-secret' && p.id === id)),
    )
    return toSummary(record)
  }

  /** The accounts not in "Recently deleted". */
  private live(): AccountRecord[] {
    return this.file.accounts.filter(isLive)
  }

  /** All accounts in the user's order, without secrets ("Recently deleted" left out). */
  list(): AccountSummary[] {
    return this.live().map(toSummary)
  }

  /** The account with this id (not one in "Recently deleted"). */
  get(id: string): AccountSummary {
    const record = this.live().find((r) => r.id === id)
    if (!record) throw new AccountNotFoundError('No account has that id.')
    return toSummary(record)
  }

  /** Accounts whose issuer or label contains `query` (case-, width- and hiragana/katakana-insensitive). */
  search(query: string): AccountSummary[] {
    const q = fold(query.trim())
    return this.list().filter((a) => fold(`${a.issuer} ${a.label}`).includes(q))
  }

  /** One account by exact id, unique id prefix, or unique search match. */
  find(query: string): AccountSummary {
    const exact = this.live().find((r) => r.id === query)
    if (exact) return toSummary(exact)
    if (/^[0-9a-f]{4,15}$/.test(query)) {
      const byPrefix = this.list().filter((a) => a.id.startsWith(query))
      if (byPrefix.length === 1) return byPrefix[0]!
    }
    const matches = this.search(query)
    if (matches.length === 1) return matches[0]!
    // The query is echoed only when it cannot be a pasted URI or setup key.
    const shown = quoteForEcho(query, 'that search')
    if (matches.length === 0) throw new AccountNotFoundError(`No account matches ${shown}.`)
    const byIssuer = matches.filter((a) => fold(a.issuer) === fold(query.trim()))
    if (byIssuer.length === 1) return byIssuer[0]!
    const names = matches.map((a) => `${a.id} ${[a.issuer, a.label].filter(Boolean).join(' / ')}`)
    throw new AmbiguousAccountError(`${matches.length} accounts match ${shown}: ${names.join('; ')}.`)
  }

  /** Accounts with the same secret, issuer and label as `params` (a re-scan of a known code). */
  duplicatesOf(params: OtpParams): AccountSummary[] {
    return this.live()
      .filter((r) => this.secrets.get(r.id) === params.secret && r.issuer === params.issuer && r.label === params.label)
      .map(toSummary)
  }

  /**
   * Saves a new account: secret to the keychain, the rest to the metadata file. `sites` are saved
   * in the same write (a bad one fails with INVALID_SITE before anything is touched).
   */
  async add(params: OtpParams, options: { sites?: readonly string[] } = {}): Promise<AccountSummary> {
    const secret = normalizeSecret(params.secret)
    const record = newRecord(params, newHexId(), new Date(this.now()).toISOString(), options.sites)

    await this.mutate((file) => file.accounts.push({ ...record, pending: 'add' }))
    crashPoint('add:after-pending')
    try {
      await this.store.set(record.id, secret)
    } catch (error) {
      // Nothing reached the keychain: take the pending record back out.
      await this.mutate((file) => {
        file.accounts = file.accounts.filter((r) => r.id !== record.id)
      })
      throw error
    }
    this.secrets.set(record.id, secret)
    crashPoint('add:after-keychain')
    await this.mutate((file) => {
      const saved = file.accounts.find((r) => r.id === record.id)
      if (saved) delete saved.pending
    })
    return toSummary(record)
  }

  /**
   * Saves many accounts all or nothing (imports), with the same crash-safe steps as add():
   * every record written `pending: 'add'` in one metadata write, then the keychain entries,
   * then one metadata write clearing pending. If any keychain write fails, the entries
   * already set are deleted and the pending records dropped, and the error is rethrown.
   */
  async addMany(
    list: readonly OtpParams[],
    /** Parallel to `list`: each account's sites (absent or undefined: none). */
    sites: readonly (readonly string[] | undefined)[] = [],
  ): Promise<AccountSummary[]> {
    const createdAt = new Date(this.now()).toISOString()
    // Validate everything before touching anything.
    const items = list.map((params, i) => {
      return { record: newRecord(params, newHexId(), createdAt, sites[i]), secret: normalizeSecret(params.secret) }
    })
    if (items.length === 0) return []
    const ids = new Set(items.map((i) => i.record.id))
    // One batch id: a crash part-way through is finished or undone for the whole import on the next open.
    const batch = newHexId()
    await this.mutate((file) =>
      file.accounts.push(...items.map((i) => ({ ...i.record, pending: 'add' as const, batch }))),
    )
    crashPoint('add:after-pending')
    const set: string[] = []
    try {
      for (const { record, secret } of items) {
        await this.store.set(record.id, secret)
        set.push(record.id)
        if (set.length === 1 && items.length > 1) crashPoint('add-many:between-keychain-writes')
      }
    } catch (error) {
      // Undo: delete what reached the keychain, then drop the pending records.
      for (const id of set) await this.store.delete(id).catch(() => false)
      await this.mutate((file) => {
        file.accounts = file.accounts.filter((r) => !ids.has(r.id))
      })
      throw error
    }
    for (const { record, secret } of items) this.secrets.set(record.id, secret)
    crashPoint('add:after-keychain')
    await this.mutate((file) => {
      for (const saved of file.accounts) {
        if (!ids.has(saved.id)) continue
        delete saved.pending
        delete saved.batch
      }
    })
    return items.map((i) => toSummary(i.record))
  }

  /** Moves an account to "Recently deleted": one metadata write; its secret stays in the keychain. */
  async remove(id: string): Promise<void> {
    this.get(id)
    const at = new Date(this.now()).toISOString()
    await this.mutate((file) => {
      const record = file.accounts.find((r) => r.id === id && isLive(r))
      if (!record) throw new AccountNotFoundError('No account has that id.')
      record.deletedAt = at
    })
  }

  /** The accounts in "Recently deleted", most recently deleted first, with the days each has left. */
  deleted(nowMs = this.now()): DeletedAccount[] {
    return this.file.accounts
      .filter((r) => !isLive(r))
      .map((r) => {
        const purgeAt = Date.parse(r.deletedAt!) + TRASH_DAYS * DAY_MS
        return {
          ...toSummary(r),
          deletedAt: r.deletedAt!,
          daysLeft: Math.max(0, Math.ceil((purgeAt - nowMs) / DAY_MS)),
        }
      })
      .sort((a, b) => b.deletedAt.localeCompare(a.deletedAt))
  }

  /** One account in "Recently deleted" by exact id, unique id prefix, or unique search match. */
  findDeleted(query: string): DeletedAccount {
    const all = this.deleted()
    const exact = all.find((a) => a.id === query)
    if (exact) return exact
    if (/^[0-9a-f]{4,15}$/.test(query)) {
      const byPrefix = all.filter((a) => a.id.startsWith(query))
      if (byPrefix.length === 1) return byPrefix[0]!
    }
    const q = fold(query.trim())
    const matches = all.filter((a) => fold(`${a.issuer} ${a.label}`).includes(q))
    if (matches.length === 1) return matches[0]!
    // The query is not echoed: it could be a pasted URI or setup key.
    if (matches.length === 0) throw new AccountNotFoundError('Nothing in Recently deleted matches that search.')
    const names = matches.map((a) => `${a.id} ${[a.issuer, a.label].filter(Boolean).join(' / ')}`)
    throw new AmbiguousAccountError(`${matches.length} deleted accounts match that search: ${names.join('; ')}.`)
  }

  /** Brings an account back from "Recently deleted", at its old place in the list. */
  async restore(id: string): Promise<AccountSummary> {
    await this.mutate((file) => {
      const record = file.accounts.find((r) => r.id === id && !isLive(r) && !r.pending)
      if (!record) throw new AccountNotFoundError('Nothing in Recently deleted has that id.')
      delete record.deletedAt
    })
    return this.get(id)
  }

  /**
   * Deletes an account in "Recently deleted" for good, secret included, in three crash-safe
   * steps (see the header): a crash after any of them is finished by the next open.
   */
  async purge(id: string): Promise<void> {
    await this.mutate((file) => {
      const record = file.accounts.find((r) => r.id === id && !isLive(r))
      if (!record) throw new AccountNotFoundError('Nothing in Recently deleted has that id.')
      record.pending = 'remove'
    })
    crashPoint('purge:after-pending')
    await this.store.delete(id)
    this.secrets.delete(id)
    crashPoint('purge:after-keychain')
    await this.mutate((file) => {
      file.accounts = file.accounts.filter((r) => r.id !== id)
    })
  }

  /** Purges every account deleted TRASH_DAYS or more ago (at this vault's clock); returns their ids. */
  async purgeExpired(nowMs = this.now()): Promise<string[]> {
    const expired = this.file.accounts
      .filter((r) => !isLive(r) && Date.parse(r.deletedAt!) + TRASH_DAYS * DAY_MS <= nowMs)
      .map((r) => r.id)
    for (const id of expired) await this.purge(id)
    return expired
  }

  /** Renames an account; it must keep an issuer or a name (INVALID_ACCOUNT before any write). */
  async rename(id: string, names: { issuer?: string; label?: string }): Promise<AccountSummary> {
    const current = this.get(id)
    const issuer = names.issuer === undefined ? undefined : cleanName(names.issuer, 'issuer')
    const label = names.label === undefined ? undefined : cleanName(names.label, 'label')
    // An account with neither shows only digits, and nothing to tell it apart when copying or deleting it.
    if ((issuer ?? current.issuer) === '' && (label ?? current.label) === '') {
      throw new InvalidAccountError('Give the account an issuer or a name.')
    }
    await this.mutate((file) => {
      const record = file.accounts.find((r) => r.id === id)
      if (!record) throw new AccountNotFoundError('No account has that id.')
      if (issuer !== undefined) record.issuer = issuer
      if (label !== undefined) record.label = label
    })
    return this.get(id)
  }

  /**
   * Replaces an account's sites (parsed, deduplicated, at most MAX_SITES; INVALID_SITE before any write).
   * A removed account keeps its sites in its record, so a restore brings them back.
   */
  async setSites(id: string, sites: readonly string[]): Promise<AccountSummary> {
    this.get(id)
    const stored = normalizeSites(sites)
    await this.mutate((file) => {
      const record = file.accounts.find((r) => r.id === id && isLive(r))
      if (!record) throw new AccountNotFoundError('No account has that id.')
      record.sites = [...stored]
    })
    return this.get(id)
  }

  /** Live accounts without sites whose one-time site suggestion was not dismissed. */
  withoutSitesUndismissed(): AccountSummary[] {
    return this.live()
      .filter((r) => r.sites.length === 0 && !r.siteSuggestionDismissed)
      .map(toSummary)
  }

  /** Remembers that the user dismissed the site suggestion of this account (it is not offered again). */
  async dismissSiteSuggestion(id: string): Promise<void> {
    this.get(id)
    await this.mutate((file) => {
      const record = file.accounts.find((r) => r.id === id && isLive(r))
      if (!record) throw new AccountNotFoundError('No account has that id.')
      record.siteSuggestionDismissed = true
    })
  }

  /** Pins an account (first in the list, offered in the tray menu) or unpins it. */
  async setPinned(id: string, pinned: boolean): Promise<AccountSummary> {
    this.get(id)
    await this.mutate((file) => {
      const record = file.accounts.find((r) => r.id === id && isLive(r))
      if (!record) throw new AccountNotFoundError('No account has that id.')
      if (pinned) record.pinned = true
      else delete record.pinned
    })
    return this.get(id)
  }

  /** Pins and tags accounts in one write (an import's favourites and tags); tags checked first (INVALID_TAG). */
  async organiseMany(updates: readonly { id: string; pinned: boolean; tags: readonly string[] }[]): Promise<void> {
    const byId = new Map(updates.map((u) => [u.id, { pinned: u.pinned, tags: normalizeTags(u.tags) }]))
    await this.mutate((file) => {
      for (const record of file.accounts) {
        const update = byId.get(record.id)
        if (!update || !isLive(record)) continue
        if (update.pinned) record.pinned = true
        if (update.tags.length > 0) record.tags = [...update.tags]
      }
    })
  }

  /** Replaces an account's tags (cleaned, deduplicated, at most MAX_TAGS; INVALID_TAG before any write). */
  async setTags(id: string, tags: readonly string[]): Promise<AccountSummary> {
    this.get(id)
    const stored = normalizeTags(tags)
    await this.mutate((file) => {
      const record = file.accounts.find((r) => r.id === id && isLive(r))
      if (!record) throw new AccountNotFoundError('No account has that id.')
      if (stored.length > 0) record.tags = [...stored]
      else delete record.tags
    })
    return this.get(id)
  }

  /**
   * Records that an account's code was copied now (the "recently used" order). At most one metadata
   * write a copy, and none while the stored minute is still this one; resolves to whether it wrote.
   */
  async markUsed(id: string, nowMs = this.now()): Promise<boolean> {
    const at = usedAtMinute(nowMs)
    if (this.live().find((r) => r.id === id)?.lastUsedAt === at) return false
    this.get(id)
    await this.mutate((file) => {
      const record = file.accounts.find((r) => r.id === id && isLive(r))
      if (record) record.lastUsedAt = at
    })
    return true
  }

  /** Moves an account to position `index` (clamped) in the list the user sees. */
  async move(id: string, index: number): Promise<void> {
    this.get(id)
    await this.mutate((file) => {
      const from = file.accounts.findIndex((r) => r.id === id && isLive(r))
      if (from === -1) throw new AccountNotFoundError('No account has that id.')
      const [record] = file.accounts.splice(from, 1)
      // `index` counts visible accounts only: deleted records in between keep their places.
      const live = file.accounts.filter(isLive)
      const to = Math.max(0, Math.min(live.length, Math.trunc(index)))
      const before = live[to]
      file.accounts.splice(before ? file.accounts.indexOf(before) : file.accounts.length, 0, record!)
    })
  }

  /** The current TOTP code of an account. */
  totp(id: string, nowMs = this.now()): TotpCode & { account: AccountSummary } {
    const params = this.params(id)
    if (params.type !== 'totp')
      throw new AccountNotFoundError('That account is counter-based (HOTP); ask for its next code.')
    return { ...totpCode(params, nowMs), account: this.get(id) }
  }

  /** The next HOTP code. The advanced counter is saved before the code is returned, so no code is shown twice. */
  async nextHotp(id: string): Promise<{ code: string; counter: number; account: AccountSummary }> {
    const params = this.params(id)
    if (params.type !== 'hotp') throw new AccountNotFoundError('That account is time-based (TOTP).')
    let used = params.counter
    await this.mutate((file) => {
      const record = file.accounts.find((r) => r.id === id)
      if (!record || record.type !== 'hotp') throw new AccountNotFoundError('No account has that id.')
      used = record.counter
      // Refuses at 2^53-1 rather than write a counter that would not read back.
      record.counter = nextCounter(used)
    })
    return { code: hotpCode(params, used), counter: used, account: this.get(id) }
  }

  /** Everything needed to generate codes, secret included. Main process only: never send to the renderer. */
  params(id: string): OtpParams {
    const summary = this.get(id)
    const secret = this.secrets.get(id)
    if (secret === undefined) {
      throw new SecretMissingError('This account\u2019s secret is missing from the keychain; add the account again.')
    }
    const { issuer, label, algorithm, digits } = summary
    return summary.type === 'totp'
      ? { type: 'totp', secret, issuer, label, algorithm, digits, period: summary.period }
      : { type: 'hotp', secret, issuer, label, algorithm, digits, counter: summary.counter }
  }

  /** The data directory the account list lives in. */
  get dataDir(): string {
    return dirname(this.metadataPath)
  }

  /** The time of the last verified backup, if any. */
  get lastBackupAt(): string | undefined {
    return this.file.lastBackupAt
  }

  /** Records a verified backup at `at` (ISO time). */
  async markBackedUp(at = new Date(this.now()).toISOString()): Promise<void> {
    await this.mutate((file) => {
      file.lastBackupAt = at
    })
  }

  /**
   * Read-modify-write under the lock: re-reads the file so that a change made
   * by another process (the CLI while the app runs) is not overwritten.
   */
  private async mutate(change: (file: MetadataFile) => void): Promise<void> {
    await withFileLock(`${this.metadataPath}.lock`, async () => {
      const file = await readMetadata(this.metadataPath)
      // A new vault records its id with its first write; one recorded meanwhile by another process
      // wins (this one wrote no entry under its candidate: every entry is written after a write here).
      const vaultId = (file.vaultId ??= this.store.vaultId)
      change(file)
      await writeFileAtomic(this.metadataPath, serializeMetadata(file))
      this.store.useRecorded(vaultId)
      this.file = file
    })
  }
}

interface Loaded {
  file: MetadataFile
  /** This vault's entries, by account id. */
  secrets: Map<string, string>
  /** Legacy entries no account of the file names. */
  legacy: Map<string, string>
  problems: VaultProblem[]
}

/**
 * Reads metadata and keychain. Readers take no lock (the file is replaced
 * atomically, so they see the old or the new one), so listing accounts and
 * showing codes never wait on a writer. The secrets are listed first: a writer
 * puts a secret in the keychain only after its pending record is on disk, so
 * every secret listed has its record in the file read next.
 *
 * Only when that read is not clean (a pending change, a secret without an
 * account, an account without a secret) does it take the lock, without waiting,
 * and read again to repair. If a live writer holds the lock, the pending
 * records are its work in progress, not a crash: they are left out of this view
 * and nothing is repaired or reported until a later open.
 */
async function load(metadataPath: string, keychain: VaultKeychain, migrated = false): Promise<Loaded> {
  const all = await keychain.raw.list()
  const file = await readMetadata(metadataPath)
  if (!migrated && needsMigration(file, all)) {
    // Once per vault (and after a crash mid-way). While a writer holds the lock this open reads the
    // legacy entries where they are (readers never wait); a keychain refusing a step must not keep
    // the accounts from opening either: read again as things now are. A later open finishes the move.
    const moved = await tryFileLock(`${metadataPath}.lock`, () => migrateLocked(metadataPath, keychain.raw)).then(
      (done) => done !== null,
      () => true,
    )
    if (moved) return load(metadataPath, keychain, true)
  }
  if (file.vaultId !== undefined) keychain.useRecorded(file.vaultId)
  const secrets = keychain.secretsOf(
    all,
    file.accounts.map((r) => r.id),
  )
  const legacy = unclaimed(file, legacyEntries(all))
  if (isClean(file, secrets)) return { file, secrets, legacy, problems: [] }
  const repaired = await tryFileLock(`${metadataPath}.lock`, () => repairLocked(metadataPath, keychain))
  if (repaired) return repaired.value
  file.accounts = file.accounts.filter((r) => r.pending === undefined)
  return { file, secrets, legacy, problems: [] }
}

/** The legacy entries that no account of `file` names. */
function unclaimed(file: MetadataFile, legacy: Map<string, string>): Map<string, string> {
  for (const r of file.accounts) legacy.delete(r.id)
  return legacy
}

/** True when nothing needs repairing or reporting. */
function isClean(file: MetadataFile, secrets: Map<string, string>): boolean {
  const known = new Set(file.accounts.map((r) => r.id))
  return (
    file.accounts.every((r) => r.pending === undefined && (secrets.has(r.id) || r.deletedAt !== undefined)) &&
    [...secrets.keys()].every((id) => known.has(id))
  )
}

/** Under the lock: finishes or rolls back interrupted changes, and lists what it found. */
async function repairLocked(metadataPath: string, keychain: VaultKeychain): Promise<Loaded> {
  const file = await readMetadata(metadataPath)
  if (file.vaultId !== undefined) keychain.useRecorded(file.vaultId)
  const all = await keychain.raw.list()
  const secrets = keychain.secretsOf(
    all,
    file.accounts.map((r) => r.id),
  )
  const problems: VaultProblem[] = []
  const kept: AccountRecord[] = []
  let changed = false
  // An interrupted import is finished only if every one of its secrets reached the keychain.
  const incompleteBatches = new Set(
    file.accounts.filter((r) => r.pending === 'add' && r.batch && !secrets.has(r.id)).map((r) => r.batch),
  )
  for (const record of file.accounts) {
    const hasSecret = secrets.has(record.id)
    if (record.pending === 'add') {
      changed = true
      if (hasSecret && record.batch && incompleteBatches.has(record.batch)) {
        // Part of an import that did not finish: undone whole, so an import stays all or nothing.
        await keychain.delete(record.id)
        secrets.delete(record.id)
        problems.push({ kind: 'import-rolled-back', issuer: record.issuer, label: record.label })
      } else if (hasSecret) {
        delete record.pending
        delete record.batch
        kept.push(record)
        problems.push({ kind: 'add-completed', account: toSummary(record) })
      } else {
        const kind = record.batch ? 'import-rolled-back' : 'add-rolled-back'
        problems.push({ kind, issuer: record.issuer, label: record.label })
      }
    } else if (record.pending === 'remove') {
      changed = true
      if (hasSecret) await keychain.delete(record.id)
      secrets.delete(record.id)
      problems.push({ kind: 'remove-completed', issuer: record.issuer, label: record.label })
    } else {
      kept.push(record)
      // A deleted account's missing secret is told when it is restored, not from a list that hides it.
      if (!hasSecret && !record.deletedAt) problems.push({ kind: 'missing-secret', account: toSummary(record) })
    }
  }
  const known = new Set(kept.map((r) => r.id))
  for (const id of secrets.keys()) {
    if (!known.has(id)) problems.push({ kind: 'orphan-secret', id })
  }
  file.accounts = kept
  if (changed) await writeFileAtomic(metadataPath, serializeMetadata(file))
  return { file, secrets, legacy: unclaimed(file, legacyEntries(all)), problems }
}
