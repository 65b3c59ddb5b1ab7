/**
 * Aegis vault files (version 1), plain and encrypted, as documented in the Aegis
 * repository's docs/vault.md, with vault content versions 1 to 3 (3 adds groups).
 * Pure data: the scrypt/AES-GCM work is in electron/backup/.
 */
import { BackupCorruptError, BackupKdfTooCostlyError, UnsupportedBackupError } from '../errors'
import type { OtpParams } from '../otp/account'
import { base64Decode, hexDecode } from './encoding'
import { collectEntries, otpParamsFrom } from './entry'
import { entryList, isObject, parseJsonSafely, versionForMessage } from './safe-json'
import type { ParsedImport } from './types'

/** The vault file version we read and write. */
export const AEGIS_FILE_VERSION = 1
/** The content (db) version we write when no account has a group; Aegis reads it and later versions. */
export const AEGIS_DB_VERSION = 1
/** The current content version (docs/vault.md): `groups` objects {uuid, name}, entries naming theirs by uuid. */
export const AEGIS_DB_VERSION_GROUPS = 3
/** Slot type 1: a password slot (scrypt). */
export const AEGIS_PASSWORD_SLOT = 1

/** scrypt parameters of a password slot. */
export interface ScryptParams {
  n: number
  r: number
  p: number
  salt: Uint8Array
}

/** What Aegis itself writes: N=2^15, r=8, p=1 (32 MiB, 2^18 block mixes). */
export const AEGIS_SCRYPT_N = 2 ** 15
/**
 * The most scrypt memory (128·N·r bytes) a file we did not write may ask for: 4x Aegis's 32 MiB.
 * A file may set any cost; without a bound one slot can ask for gigabytes and hours.
 */
export const MAX_SCRYPT_MEMORY_BYTES = 128 * 1024 * 1024
/** The most scrypt work (N·r·p) a file may ask for: 4x Aegis's 2^18, about a second. */
export const MAX_SCRYPT_WORK = 2 ** 20
/** Password slots tried per file (Aegis writes one, or two with a separate backup password). */
export const MAX_PASSWORD_SLOTS = 4
// Structural limits: beyond these a value is not a cost at all, just damage.
const MAX_SCRYPT_N_FIELD = 2 ** 30
const MAX_SCRYPT_RP_FIELD = 2 ** 20

/** Refuses a scrypt cost above the bounds with BackupKdfTooCostlyError, before any work is done. */
export function checkScryptCost(cost: { n: number; r: number; p: number }): void {
  if (128 * cost.n * cost.r > MAX_SCRYPT_MEMORY_BYTES || cost.n * cost.r * cost.p > MAX_SCRYPT_WORK) {
    throw new BackupKdfTooCostlyError(
      `This backup's password cost (scrypt N=${cost.n}, r=${cost.r}, p=${cost.p}) is far above what Aegis writes (N=32768, r=8, p=1); it was not opened.`,
    )
  }
}

/** One password slot: the master key wrapped with AES-256-GCM under the scrypt-derived key. */
export interface AegisPasswordSlot extends ScryptParams {
  uuid: string
  /** The 32-byte master key, encrypted. */
  key: Uint8Array
  nonce: Uint8Array
  tag: Uint8Array
}

/** An Aegis file as read, before any decryption. */
export type AegisFile =
  | { kind: 'plain'; content: unknown }
  | { kind: 'encrypted'; slots: AegisPasswordSlot[]; nonce: Uint8Array; tag: Uint8Array; db: Uint8Array }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function corrupt(detail: string): BackupCorruptError {
  return new BackupCorruptError(`The Aegis file is damaged (${detail}).`)
}

function readInt(v: unknown, min: number, max: number, what: string): number {
  if (!Number.isSafeInteger(v) || (v as number) < min || (v as number) > max) throw corrupt(`bad ${what}`)
  return v as number
}

function readPasswordSlot(raw: Record<string, unknown>): AegisPasswordSlot {
  const params = raw.key_params
  if (!isObject(params)) throw corrupt('slot without key parameters')
  if (typeof raw.uuid !== 'string' || !UUID.test(raw.uuid)) throw corrupt('bad slot id')
  const n = readInt(raw.n, 2, MAX_SCRYPT_N_FIELD, 'scrypt cost')
  if ((n & (n - 1)) !== 0) throw corrupt('scrypt cost is not a power of two')
  const r = readInt(raw.r, 1, MAX_SCRYPT_RP_FIELD, 'scrypt block size')
  const p = readInt(raw.p, 1, MAX_SCRYPT_RP_FIELD, 'scrypt parallelism')
  checkScryptCost({ n, r, p })
  return {
    uuid: raw.uuid,
    key: hexDecode(raw.key, 32, 'wrapped master key'),
    nonce: hexDecode(params.nonce, 12, 'slot nonce'),
    tag: hexDecode(params.tag, 16, 'slot tag'),
    n,
    r,
    p,
    salt: hexDecode(raw.salt, 32, 'salt'),
  }
}

/** True when the parsed JSON looks like an Aegis vault file (has version, header and db). */
export function looksLikeAegis(json: unknown): boolean {
  return isObject(json) && 'header' in json && 'db' in json && 'version' in json
}

/** Reads the outer structure of an Aegis vault file (text or already-parsed JSON). */
export function readAegisFile(input: unknown): AegisFile {
  const json = typeof input === 'string' ? parseJsonSafely(input, 'Aegis file') : input
  if (!looksLikeAegis(json) || !isObject(json)) throw corrupt('not an Aegis vault file')
  if (json.version !== AEGIS_FILE_VERSION) {
    throw new UnsupportedBackupError(
      `This Aegis file is version ${versionForMessage(json.version)}; Warifu reads version 1.`,
    )
  }
  const header = json.header
  if (!isObject(header)) throw corrupt('no header')
  if (header.slots === null && header.params === null) {
    if (!isObject(json.db)) throw corrupt('no account data')
    return { kind: 'plain', content: json.db }
  }
  if (!Array.isArray(header.slots) || !isObject(header.params)) throw corrupt('bad header')
  if (header.slots.length > 64) throw corrupt('too many slots')
  const slots: AegisPasswordSlot[] = []
  for (const slot of header.slots) {
    if (!isObject(slot)) throw corrupt('bad slot')
    // Raw and biometric slots are keys kept on the phone: only password slots can open the file here.
    // Each try costs a KDF run, so only the first few password slots are read and tried.
    if (slot.type === AEGIS_PASSWORD_SLOT) {
      if (slots.length < MAX_PASSWORD_SLOTS) slots.push(readPasswordSlot(slot))
    } else if (slot.type !== 0 && slot.type !== 2) throw corrupt('unknown slot type')
  }
  if (slots.length === 0) {
    throw new UnsupportedBackupError(
      'This Aegis file has no password slot (it is locked to a phone); export it again with a password.',
    )
  }
  if (typeof json.db !== 'string') throw corrupt('no encrypted data')
  return {
    kind: 'encrypted',
    slots,
    nonce: hexDecode(header.params.nonce, 12, 'nonce'),
    tag: hexDecode(header.params.tag, 16, 'tag'),
    db: base64Decode(json.db, 'encrypted data'),
  }
}

/**
 * The key of Warifu's own extra field on an Aegis entry: `"warifu": { "sites": ["monex.co.jp"] }`,
 * the account's sites (registrable domains). Aegis and the apps that read its format ignore
 * keys they do not know in an entry; Warifu's import brings the sites back. Written on every
 * entry of Warifu's own exports, an empty list included: an import then keeps "no site" as it
 * was rather than proposing the known service's site again.
 */
export const WARIFU_EXTRA_KEY = 'warifu'

/** How an account is organised in Warifu, as its export carries it. */
export interface Organised {
  pinned?: boolean
  tags?: readonly string[]
}

/** Warifu's extra field of one entry: its sites (when given, an empty list included) and its tags (when any). */
function warifuExtra(sites: readonly string[] | undefined, organised: Organised | undefined): Record<string, unknown> {
  return {
    ...(sites ? { sites: [...sites] } : {}),
    ...(organised?.tags?.length ? { tags: [...organised.tags] } : {}),
  }
}

/** The most groups read from one file (Aegis users have a handful; each is only a name). */
const MAX_AEGIS_GROUPS = 1000

/** A v3 content's groups as uuid -> name; anything malformed is left out (it costs a tag, never the import). */
function aegisGroupNames(raw: unknown): Map<string, string> {
  const names = new Map<string, string>()
  if (!Array.isArray(raw)) return names
  for (const group of raw.slice(0, MAX_AEGIS_GROUPS)) {
    if (isObject(group) && typeof group.uuid === 'string' && typeof group.name === 'string') {
      names.set(group.uuid, group.name)
    }
  }
  return names
}

/** The group names of one entry: v3's `groups` (uuids of the content's groups), or v2's `group` (a name). */
function entryGroupNames(raw: Record<string, unknown>, groupNames: Map<string, string>): string[] {
  if (Array.isArray(raw.groups)) {
    return raw.groups
      .slice(0, MAX_AEGIS_GROUPS)
      .map((uuid) => (typeof uuid === 'string' ? groupNames.get(uuid) : undefined))
      .filter((name): name is string => name !== undefined)
  }
  return typeof raw.group === 'string' && raw.group !== '' ? [raw.group] : []
}

/** The accounts in an Aegis content object (`db` of a plain file, or the decrypted `db`). */
export function aegisEntries(content: unknown): ParsedImport {
  if (!isObject(content)) throw corrupt('account data is not an object')
  if (!Number.isSafeInteger(content.version) || (content.version as number) < 1 || (content.version as number) > 3) {
    throw new UnsupportedBackupError(
      `The Aegis account data is version ${versionForMessage(content.version)}; Warifu reads 1 to 3.`,
    )
  }
  const entries = entryList(content.entries, 'Aegis file')
  const groupNames = aegisGroupNames(content.groups)
  const sites = new Map<OtpParams, unknown>()
  const favorites = new Set<OtpParams>()
  const tags = new Map<OtpParams, unknown>()
  const parsed = collectEntries(
    entries,
    (raw) => {
      if (!isObject(raw)) throw corrupt('an entry is not an object')
      const info = isObject(raw.info) ? raw.info : {}
      const params = otpParamsFrom({
        type: raw.type,
        issuer: raw.issuer,
        label: raw.name,
        secret: info.secret,
        algorithm: info.algo,
        digits: info.digits,
        period: info.period,
        counter: info.counter,
      })
      // Warifu's extra field (see aegisContent); left unchecked here, the importer parses each site.
      if (isObject(raw[WARIFU_EXTRA_KEY]) && raw[WARIFU_EXTRA_KEY].sites !== undefined) {
        sites.set(params, raw[WARIFU_EXTRA_KEY].sites)
      }
      // Warifu's own tags first, then Aegis's groups (v3 by uuid, v2 one name): the importer
      // cleans them one by one and folds the copies a Warifu export writes in both places.
      const own = isObject(raw[WARIFU_EXTRA_KEY]) ? raw[WARIFU_EXTRA_KEY].tags : undefined
      const fromGroups = entryGroupNames(raw, groupNames)
      if (own !== undefined || fromGroups.length > 0) {
        tags.set(params, [...(Array.isArray(own) ? (own as unknown[]) : []), ...fromGroups])
      }
      // Aegis's favourite is Warifu's pin (both put the account first).
      if (raw.favorite === true) favorites.add(params)
      return params
    },
    (raw) => (isObject(raw) ? { issuer: raw.issuer, label: raw.name } : { issuer: '', label: '' }),
  )
  return {
    ...parsed,
    ...(sites.size > 0 ? { sites } : {}),
    ...(favorites.size > 0 ? { favorites } : {}),
    ...(tags.size > 0 ? { tags } : {}),
  }
}

/** A random v4 UUID from WebCrypto (Node and browsers alike have it). */
function randomUuid(): string {
  return (globalThis as unknown as { crypto: { randomUUID(): string } }).crypto.randomUUID()
}

/**
 * Aegis content (the `db` object) for these accounts; `uuids[i]` is entry i's id (random v4, from the
 * caller), `sites[i]` its sites, written in Warifu's extra field (WARIFU_EXTRA_KEY) when given, and
 * `organised[i]` whether it is pinned (Aegis's `favorite`) and its tags. When any account has tags,
 * the content is version 3 with Aegis's own `groups` (one per tag, a new uuid each), so Aegis shows
 * them; the tags stay in Warifu's extra field too, for Warifu versions that read only that.
 */
export function aegisContent(
  accounts: readonly OtpParams[],
  uuids: readonly string[],
  sites: readonly (readonly string[] | undefined)[] = [],
  organised: readonly (Organised | undefined)[] = [],
  newGroupUuid: () => string = randomUuid,
): Record<string, unknown> {
  const groupUuids = new Map<string, string>()
  for (const tag of organised.flatMap((o) => o?.tags ?? [])) {
    if (!groupUuids.has(tag)) groupUuids.set(tag, newGroupUuid())
  }
  const withGroups = groupUuids.size > 0
  return {
    version: withGroups ? AEGIS_DB_VERSION_GROUPS : AEGIS_DB_VERSION,
    entries: accounts.map((a, i) => ({
      type: a.type,
      uuid: uuids[i],
      name: a.label,
      issuer: a.issuer,
      note: '',
      favorite: organised[i]?.pinned === true,
      icon: null,
      info: {
        secret: a.secret,
        algo: a.algorithm,
        digits: a.digits,
        ...(a.type === 'totp' ? { period: a.period } : { counter: a.counter }),
      },
      ...(withGroups ? { groups: (organised[i]?.tags ?? []).map((tag) => groupUuids.get(tag)!) } : {}),
      ...(sites[i] || organised[i]?.tags?.length ? { [WARIFU_EXTRA_KEY]: warifuExtra(sites[i], organised[i]) } : {}),
    })),
    ...(withGroups ? { groups: [...groupUuids].map(([name, uuid]) => ({ uuid, name })) } : {}),
  }
}

/** A plain Aegis vault file (slots and params null, accounts in clear). */
export function aegisPlainFile(
  accounts: readonly OtpParams[],
  uuids: readonly string[],
  sites: readonly (readonly string[] | undefined)[] = [],
  organised: readonly (Organised | undefined)[] = [],
): string {
  const file = {
    version: AEGIS_FILE_VERSION,
    header: { slots: null, params: null },
    db: aegisContent(accounts, uuids, sites, organised),
  }
  return JSON.stringify(file, null, 4) + '\n'
}
