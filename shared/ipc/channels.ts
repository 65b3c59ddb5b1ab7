/**
 * The one table of renderer -> main calls: names, argument parsers, result
 * types. The preload exposes exactly these names; main registers a handler for
 * each and runs the parser on every call; the e2e harness binds the same
 * handlers to a browser page. A channel without a parser fails the typecheck.
 *
 * Secrets stay in main: no result here carries a secret except
 * `accounts:reveal-secret`, `accounts:qr-matrix` and `backup:phone-codes`, which main answers only after the user
 * said yes in main's own dialog (a compromised page cannot fake that).
 */
import { MIN_PASSWORD_LENGTH } from '../backup/password-strength'
import type { BackupStatus, ImportPreview, QrMatrix } from '../backup/preview'
import { AppError } from '../errors'
import type { MigrationLimit } from '../formats/google-migration'
import type { Algorithm } from '../otp/account'
import type { LinkFinding, Verdict } from '../sites/check'
import { SORT_ORDERS, type SortOrder } from '../organise'
import { MAX_SITES, MAX_TAGS, type AccountSummary, type DeletedAccount } from '../types'

/** A bad argument from the renderer. */
export class InvalidIpcArgumentError extends AppError {
  readonly code = 'USAGE'
}

/** A setup key typed by hand (the manual-entry form). */
export interface ManualEntry {
  secret: string
  issuer: string
  label: string
  algorithm: Algorithm
  digits: number
  type: 'totp' | 'hotp'
  period: number
  counter: number
}

/** What a scanned or typed account would be, shown before saving; no secret. */
export interface AccountPreview {
  type: 'totp' | 'hotp'
  issuer: string
  label: string
  algorithm: Algorithm
  digits: number
  period?: number
  counter?: number
  /** The code right now (TOTP) or at the URI's counter (HOTP), for a setup page that asks for one. */
  code: string
  secondsLeft?: number
  /** Ids of saved accounts with the same secret, issuer and label. */
  duplicateOf: string[]
  /** Sites proposed for a known issuer (the suggestion table); the user keeps or edits them before saving. */
  suggestedSites: string[]
}

/** What sites:check found in a pasted link, address or message: each link and sender, and the worst verdict. */
export interface SiteCheckResult {
  findings: LinkFinding[]
  worst: Verdict
}

/** The one-time suggestion for an existing account with a known issuer and no sites. */
export interface SiteSuggestion {
  id: string
  sites: string[]
}

/** A TOTP account's current and next code. HOTP accounts are absent: their code is asked for. */
export interface CodeSnapshot {
  id: string
  code: string
  next: string
  secondsLeft: number
  period: number
}

/** Whether the vault could be opened; the renderer shows `error.code` (KEYCHAIN_UNAVAILABLE) when not. */
export type AppStatus =
  | { vault: 'ready'; /** Secret-free lines about repairs made when the vault was opened. */ problems: string[] }
  | { vault: 'unavailable'; error: { code: string; message: string } }

/** An export to a file: the encrypted backup with its password, or a plain one the user confirmed. */
export type ExportRequest =
  { format: 'aegis'; password: string } | { format: 'aegis-plain' | 'otpauth'; confirmPlain: true }

/** A finished, verified export. Only the file's base name: the renderer has no use for paths. */
export interface ExportDone {
  file: string
  exported: number
  /** True when it counts as a backup (the reminder resets). */
  isBackup: boolean
}

/** Google Authenticator transfer codes to show one at a time, and the accounts they leave out. */
export interface PhoneCodes {
  codes: QrMatrix[]
  exported: number
  /** Accounts the transfer format cannot hold: SHA256/512, other digit counts, periods other than 30 s. */
  leftOut: { issuer: string; label: string; limit: MigrationLimit; reason: string }[]
}

/** The sources gathered for one import so far (files picked in main's dialog, scanned or pasted texts). */
export interface ImportSession {
  session: string
  /** Display names of the sources, in order. */
  sources: string[]
}

/** Every renderer -> main call. */
/** The theme choices of the settings menu; "system" follows the OS. */
export const THEMES = ['system', 'light', 'dark'] as const
export type ThemeChoice = (typeof THEMES)[number]
/** Row spacing of the list. */
export const DENSITIES = ['comfortable', 'compact'] as const
export type Density = (typeof DENSITIES)[number]
/** The clipboard-clear delays offered, in seconds. */
export const CLIPBOARD_CLEAR_CHOICES = [10, 30, 60, 90] as const
export type ClipboardClearSeconds = (typeof CLIPBOARD_CLEAR_CHOICES)[number]

/** What settings:get returns: the saved choices and the OS locale. */
export interface AppSettings {
  locale: string
  language: 'ja' | 'en' | 'system'
  sort: SortOrder
  theme: ThemeChoice
  density: Density
  clipboardSeconds: ClipboardClearSeconds
  /** "Hide codes until clicked": the list shows ••• ••• until a row is clicked (or Space). Main always sends it. */
  hideCodes?: boolean
}

/** The settings menu's changes other than the language; every field optional, at least one given. */
export type SettingsPatch = Partial<Pick<AppSettings, 'theme' | 'density' | 'clipboardSeconds' | 'hideCodes'>>

/** The browsers "Connect a browser" can write the native host's manifest for (as `warifu browser install`). */
export const BROWSER_CHOICES = ['chrome', 'chromium', 'edge', 'brave', 'firefox'] as const
export type BrowserChoice = (typeof BROWSER_CHOICES)[number]
/** The two manifest and extension flavours: every browser but Firefox takes Chromium's. */
export type BrowserFamily = 'chromium' | 'firefox'

/** One code the browser companion filled, as the host reports it and the app keeps it in memory: "code filled on monex.co.jp at 09:31". */
export interface BrowserFill {
  /** The account's site the page matched (a registrable domain such as `monex.co.jp`). */
  site: string
  /** The account's display name ("マネックス証券 (hanako)"). */
  name: string
  /** When the code was filled (ms since the epoch). */
  at: number
}

/** What the "Connect a browser" view shows. */
export interface BrowserStatus {
  /** Browsers whose native-host manifest is in place for this user. */
  connected: BrowserChoice[]
  /** False after "Remove browser access" (the host then answers nothing) until the next connect. */
  allowed: boolean
  /** Where the unpacked extension is, per browser family (null when this build has none). */
  extensionFolders: Record<BrowserFamily, string | null>
  /** The fills since the app started, newest first (memory only). */
  recent: BrowserFill[]
}

export interface Channels {
  /** Opens the vault if it is not open yet (a retry after the user unlocked the keychain) and says how it went. */
  'app:status': { args: []; result: AppStatus }
  /** Lists accounts without their secrets. */
  'accounts:list': { args: []; result: AccountSummary[] }
  /** Shows what a scanned or pasted otpauth URI holds, with its current code; saves nothing. */
  'accounts:preview-uri': { args: [uri: string]; result: AccountPreview }
  /** Saves an account from a scanned or pasted otpauth URI, with the sites the user kept (checked in main). */
  'accounts:add-from-uri': {
    args: [uri: string, sites?: string[], names?: { issuer: string; label: string }]
    result: AccountSummary
  }
  /** Checks a hand-typed setup key; saves nothing. */
  'accounts:preview-manual': { args: [entry: ManualEntry]; result: AccountPreview }
  /** Saves an account from a hand-typed setup key, with the sites the user kept (checked in main). */
  'accounts:add-manual': { args: [entry: ManualEntry, sites?: string[]]; result: AccountSummary }
  /** Replaces an account's sites; main parses each (INVALID_SITE when one is not a site, or more than 16). */
  'accounts:set-sites': { args: [id: string, sites: string[]]; result: AccountSummary }
  /** Existing accounts with a known issuer, no sites and the suggestion not dismissed, with the sites proposed. */
  'accounts:site-suggestions': { args: []; result: SiteSuggestion[] }
  /** Dismisses an account's one-time site suggestion for good (kept in the account file). */
  'accounts:dismiss-site-suggestion': { args: [id: string]; result: void }
  /** Checks a pasted link, host, address or whole message against every account's sites, offline. */
  'sites:check': { args: [text: string]; result: SiteCheckResult }
  /** Pins an account (first in the list, in the tray menu) or unpins it. */
  'accounts:set-pinned': { args: [id: string, pinned: boolean]; result: AccountSummary }
  /** Replaces an account's tags; main cleans each (INVALID_TAG when empty, over 32 characters, or more than 8). */
  'accounts:set-tags': { args: [id: string, tags: string[]]; result: AccountSummary }
  /** Saves the list's order: manual, A–Z or recently used. */
  'settings:set-sort': { args: [sort: SortOrder]; result: void }
  /** Changes an account's issuer and label. */
  'accounts:rename': { args: [id: string, names: { issuer: string; label: string }]; result: AccountSummary }
  /** Moves an account to a position in the list. */
  'accounts:move': { args: [id: string, index: number]; result: AccountSummary[] }
  /** Moves an account to Recently deleted (its secret stays), after main's own confirmation (NOT_CONFIRMED if refused). */
  'accounts:remove': { args: [id: string]; result: AccountSummary[] }
  /** The accounts in Recently deleted, with the days each has left; no secrets. */
  'accounts:deleted': { args: []; result: DeletedAccount[] }
  /** Brings an account back from Recently deleted (the toast's Undo, the Recently deleted screen). */
  'accounts:restore': { args: [id: string]; result: AccountSummary[] }
  /** Deletes an account in Recently deleted for good, secret included, after main's own confirmation. */
  'accounts:delete-forever': { args: [id: string]; result: DeletedAccount[] }
  /**
   * The secret of one account, only after the user said yes in main's own dialog (NOT_CONFIRMED if not).
   * No URI: the page shows the key and nothing else.
   */
  'accounts:reveal-secret': { args: [id: string]; result: { secret: string } }
  /**
   * Takes back an add of this app's own from the scan result, for good (keychain entry too) and without
   * asking: only for an account this session added under UNDO_ADD_MS ago; anything else is refused.
   */
  'accounts:undo-add': { args: [id: string]; result: AccountSummary[] }
  /**
   * One account as a QR code (its otpauth URI's modules) to move it to a phone. It holds the secret:
   * main returns it only after the user said yes in main's own dialog; the renderer draws it on a canvas.
   */
  'accounts:qr-matrix': { args: [id: string]; result: QrMatrix }
  /** Current and next codes of every TOTP account at main's clock. */
  'codes:current': { args: []; result: CodeSnapshot[] }
  /** Advances a HOTP account's counter (saved first) and returns its code. */
  'codes:next-hotp': { args: [id: string]; result: { code: string; counter: number } }
  /**
   * Copies an account's current code (or, for a TOTP account, the next period's: the list offers it
   * in the last seconds) to the clipboard; main clears it later if unchanged.
   */
  'clipboard:copy-code': { args: [id: string, which?: 'current' | 'next']; result: { clearAfterSeconds: number } }
  /** Main's own open-file dialog for an image; the bytes come back, never a path from the renderer. */
  'scan:open-image': { args: []; result: { name: string; bytes: Uint8Array } | null }
  /**
   * Arms main for a screen scan: the next `screens` getDisplayMedia calls (within a few seconds) each get
   * one display, in order. Without this call main refuses every screen-capture request.
   */
  'scan:prepare-screens': { args: []; result: { screens: number } }
  /** The backup reminder: accounts added since the last verified backup. */
  'backup:status': { args: []; result: BackupStatus }
  /** Writes an export to a file picked in main's save dialog and reads it back; null when cancelled. */
  'backup:export': { args: [request: ExportRequest]; result: ExportDone | null }
  /**
   * The QR codes that move accounts to Google Authenticator on a phone. They hold the secrets: main
   * returns them only after the user said yes in main's own dialog, and the renderer draws them on a canvas.
   */
  'backup:phone-codes': { args: []; result: PhoneCodes }
  /** Adds files picked in main's open dialog to an import (a new one when `session` is null); null when cancelled. */
  'import:add-files': { args: [session: string | null]; result: ImportSession | null }
  /** Adds scanned or pasted texts (otpauth, otpauth-migration, a backup's text), shown as `name` 1, 2, ... */
  'import:add-texts': { args: [session: string | null, texts: string[], name: string]; result: ImportSession }
  /** Reads every source of the import and says what it would add; BACKUP_PASSWORD_REQUIRED asks for `password`. */
  'import:preview': { args: [session: string, password: string | null]; result: ImportPreview }
  /** Adds the previewed accounts, all or nothing, and ends the import. */
  'import:commit': { args: [previewId: string]; result: { added: AccountSummary[] } }
  /** Forgets an import the user left. */
  'import:discard': { args: [session: string]; result: void }
  /** The OS locale and the saved language choice. */
  'settings:get': { args: []; result: AppSettings }
  /** Saves the language choice. */
  'settings:set-language': { args: [language: 'ja' | 'en' | 'system']; result: void }
  /** Changes the theme, density or clipboard-clear delay (saved in main's settings.json). */
  'settings:update': { args: [patch: SettingsPatch]; result: void }
  /** Which browsers are connected, whether access is allowed, the extension's folders and the recent fills. */
  'browser:status': { args: []; result: BrowserStatus }
  /** Writes the native host's manifests for these browsers (as `warifu browser install`) and allows access. */
  'browser:connect': { args: [browsers: BrowserChoice[]]; result: BrowserStatus }
  /** Removes the browsers' access: the host answers `access-removed` until the next connect. */
  'browser:remove-access': { args: []; result: BrowserStatus }
  /** Opens the unpacked extension's folder of a browser family in the file manager (main's own path). */
  'browser:open-extension-folder': { args: [family: BrowserFamily]; result: void }
}

export type ChannelName = keyof Channels

function fail(message: string): never {
  throw new InvalidIpcArgumentError(message)
}

function exactly(raw: unknown[], n: number): void {
  if (!Array.isArray(raw) || raw.length !== n) fail(`Expected ${n} argument(s).`)
}

function text(v: unknown, max = 8192): string {
  if (typeof v !== 'string' || v.length > max) fail('Expected a string argument.')
  return v
}

function accountId(v: unknown): string {
  if (typeof v !== 'string' || !/^[0-9a-f]{16}$/.test(v)) fail('Expected an account id.')
  return v
}

function int(v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail('Expected a whole number.')
  return v
}

function uuid(v: unknown): string {
  if (typeof v !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v)) {
    fail('Expected an id.')
  }
  return v
}

/** The longest text sites:check takes (a whole e-mail with its headers). */
export const MAX_CHECK_TEXT_LENGTH = 256 * 1024

/**
 * Sites as the page sends them: a list of short strings. Main parses each with parseSite; duplicates
 * are allowed here (they collapse there), but not an unbounded list.
 */
function siteList(v: unknown): string[] {
  if (!Array.isArray(v) || v.length > MAX_SITES * 4) fail('Expected a list of sites.')
  return v.map((x) => text(x, 2048))
}

/** An issuer and a label as the page typed them (main cleans them and refuses both empty). */
function accountNames(v: unknown): { issuer: string; label: string } {
  if (typeof v !== 'object' || v === null) fail('Expected names.')
  const n = v as Record<string, unknown>
  return { issuer: text(n.issuer, 1024), label: text(n.label, 1024) }
}

/** Tags as the page sends them: a short list of short strings (main cleans and bounds them). */
function tagList(v: unknown): string[] {
  if (!Array.isArray(v) || v.length > MAX_TAGS * 4) fail('Expected a list of tags.')
  return v.map((x) => text(x, 256))
}

/** One or two arguments: the second, when present, is a site list. */
function withSites<T>(raw: unknown[], first: (v: unknown) => T): [T] | [T, string[]] {
  if (!Array.isArray(raw) || raw.length < 1 || raw.length > 2) fail('Expected 1 or 2 arguments.')
  const head = first(raw[0])
  return raw.length === 2 && raw[1] !== undefined ? [head, siteList(raw[1])] : [head]
}

/** The most texts one import:add-texts call takes, and the longest text (a pasted otpauth list). */
export const MAX_IMPORT_TEXTS = 64
export const MAX_IMPORT_TEXT_LENGTH = 1_000_000

function importTexts(v: unknown): string[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_IMPORT_TEXTS) fail('Expected a list of texts.')
  return v.map((x) => text(x, MAX_IMPORT_TEXT_LENGTH))
}

function exportRequest(v: unknown): ExportRequest {
  if (typeof v !== 'object' || v === null) fail('Expected an export request.')
  const r = v as Record<string, unknown>
  if (r.format === 'aegis') {
    const password = text(r.password, 1024)
    // The screen asks for as much; main does not take less from a page it cannot trust blindly.
    if ([...password].length < MIN_PASSWORD_LENGTH)
      fail(`Expected a password of ${MIN_PASSWORD_LENGTH} characters or more.`)
    return { format: 'aegis', password }
  }
  if (r.format === 'aegis-plain' || r.format === 'otpauth') {
    // Only an explicit true: the screen shows the warning and asks before it sends this.
    if (r.confirmPlain !== true) fail('A plain export must be confirmed.')
    return { format: r.format, confirmPlain: true }
  }
  return fail('Expected aegis, aegis-plain or otpauth.')
}

function manualEntry(v: unknown): ManualEntry {
  if (typeof v !== 'object' || v === null) fail('Expected a setup key entry.')
  const e = v as Record<string, unknown>
  const algorithm = e.algorithm
  if (algorithm !== 'SHA1' && algorithm !== 'SHA256' && algorithm !== 'SHA512') fail('Expected an algorithm.')
  if (e.type !== 'totp' && e.type !== 'hotp') fail('Expected totp or hotp.')
  return {
    secret: text(e.secret, 1024),
    issuer: text(e.issuer, 1024),
    label: text(e.label, 1024),
    algorithm,
    digits: int(e.digits, 0, 100),
    type: e.type,
    period: int(e.period, 0, 100_000),
    counter: int(e.counter, 0, Number.MAX_SAFE_INTEGER),
  }
}

function settingsPatch(v: unknown): SettingsPatch {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail('Expected settings.')
  const r = v as Record<string, unknown>
  const keys = Object.keys(r)
  if (keys.length === 0 || keys.some((k) => !['theme', 'density', 'clipboardSeconds', 'hideCodes'].includes(k)))
    fail('Expected theme, density, clipboardSeconds or hideCodes.')
  const out: SettingsPatch = {}
  if ('theme' in r) {
    if (!THEMES.includes(r.theme as ThemeChoice)) fail('Expected system, light or dark.')
    out.theme = r.theme as ThemeChoice
  }
  if ('density' in r) {
    if (!DENSITIES.includes(r.density as Density)) fail('Expected comfortable or compact.')
    out.density = r.density as Density
  }
  if ('clipboardSeconds' in r) {
    if (!CLIPBOARD_CLEAR_CHOICES.includes(r.clipboardSeconds as ClipboardClearSeconds))
      fail('Expected 10, 30, 60 or 90.')
    out.clipboardSeconds = r.clipboardSeconds as ClipboardClearSeconds
  }
  if ('hideCodes' in r) {
    if (typeof r.hideCodes !== 'boolean') fail('Expected true or false.')
    out.hideCodes = r.hideCodes
  }
  return out
}

/** One to five known browsers, each once. */
function browserList(v: unknown): BrowserChoice[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > BROWSER_CHOICES.length) fail('Expected a list of browsers.')
  if (v.some((b) => !BROWSER_CHOICES.includes(b as BrowserChoice)) || new Set(v).size !== v.length)
    fail('Expected chrome, chromium, edge, brave or firefox, each once.')
  return v as BrowserChoice[]
}

/** Argument parsers: main runs one on every call before anything else. */
export const argParsers: { [C in ChannelName]: (raw: unknown[]) => Channels[C]['args'] } = {
  'app:status': (raw) => (exactly(raw, 0), []),
  'accounts:list': (raw) => (exactly(raw, 0), []),
  'accounts:preview-uri': (raw) => (exactly(raw, 1), [text(raw[0])]),
  'accounts:add-from-uri': (raw) => {
    // The scan result's typed names come third; a QR without them is saved as it reads.
    if (!Array.isArray(raw) || raw.length !== 3) return withSites(raw, (v) => text(v))
    // (A bridge call with the names left out may still carry them as a trailing undefined.)
    if (raw[2] === undefined) return withSites(raw.slice(0, 2), (v) => text(v))
    return [text(raw[0]), raw[1] === undefined ? [] : siteList(raw[1]), accountNames(raw[2])]
  },
  'accounts:preview-manual': (raw) => (exactly(raw, 1), [manualEntry(raw[0])]),
  'accounts:add-manual': (raw) => withSites(raw, manualEntry),
  'accounts:set-sites': (raw) => (exactly(raw, 2), [accountId(raw[0]), siteList(raw[1])]),
  'accounts:site-suggestions': (raw) => (exactly(raw, 0), []),
  'accounts:dismiss-site-suggestion': (raw) => (exactly(raw, 1), [accountId(raw[0])]),
  'accounts:set-pinned': (raw) => {
    exactly(raw, 2)
    if (typeof raw[1] !== 'boolean') fail('Expected true or false.')
    return [accountId(raw[0]), raw[1]]
  },
  'accounts:set-tags': (raw) => (exactly(raw, 2), [accountId(raw[0]), tagList(raw[1])]),
  'settings:set-sort': (raw) => {
    exactly(raw, 1)
    if (!SORT_ORDERS.includes(raw[0] as SortOrder)) fail('Expected manual, name or recent.')
    return [raw[0] as SortOrder]
  },
  'sites:check': (raw) => (exactly(raw, 1), [text(raw[0], MAX_CHECK_TEXT_LENGTH)]),
  'accounts:rename': (raw) => (exactly(raw, 2), [accountId(raw[0]), accountNames(raw[1])]),
  'accounts:move': (raw) => (exactly(raw, 2), [accountId(raw[0]), int(raw[1], 0, 1_000_000)]),
  'accounts:remove': (raw) => (exactly(raw, 1), [accountId(raw[0])]),
  'accounts:deleted': (raw) => (exactly(raw, 0), []),
  'accounts:restore': (raw) => (exactly(raw, 1), [accountId(raw[0])]),
  'accounts:delete-forever': (raw) => (exactly(raw, 1), [accountId(raw[0])]),
  'accounts:reveal-secret': (raw) => (exactly(raw, 1), [accountId(raw[0])]),
  'accounts:undo-add': (raw) => (exactly(raw, 1), [accountId(raw[0])]),
  'accounts:qr-matrix': (raw) => (exactly(raw, 1), [accountId(raw[0])]),
  'codes:current': (raw) => (exactly(raw, 0), []),
  'codes:next-hotp': (raw) => (exactly(raw, 1), [accountId(raw[0])]),
  'clipboard:copy-code': (raw) => {
    if (!Array.isArray(raw) || raw.length < 1 || raw.length > 2) fail('Expected 1 or 2 arguments.')
    if (raw.length === 1 || raw[1] === undefined) return [accountId(raw[0])]
    if (raw[1] !== 'current' && raw[1] !== 'next') fail('Expected current or next.')
    return [accountId(raw[0]), raw[1]]
  },
  'scan:open-image': (raw) => (exactly(raw, 0), []),
  'scan:prepare-screens': (raw) => (exactly(raw, 0), []),
  'backup:status': (raw) => (exactly(raw, 0), []),
  'backup:export': (raw) => (exactly(raw, 1), [exportRequest(raw[0])]),
  'backup:phone-codes': (raw) => (exactly(raw, 0), []),
  'import:add-files': (raw) => (exactly(raw, 1), [raw[0] === null ? null : uuid(raw[0])]),
  'import:add-texts': (raw) => {
    exactly(raw, 3)
    return [raw[0] === null ? null : uuid(raw[0]), importTexts(raw[1]), text(raw[2], 100)]
  },
  'import:preview': (raw) => (exactly(raw, 2), [uuid(raw[0]), raw[1] === null ? null : text(raw[1], 1024)]),
  'import:commit': (raw) => (exactly(raw, 1), [uuid(raw[0])]),
  'import:discard': (raw) => (exactly(raw, 1), [uuid(raw[0])]),
  'settings:get': (raw) => (exactly(raw, 0), []),
  'settings:set-language': (raw) => {
    exactly(raw, 1)
    const v = raw[0]
    if (v !== 'ja' && v !== 'en' && v !== 'system') fail('Expected ja, en or system.')
    return [v]
  },
  'settings:update': (raw) => (exactly(raw, 1), [settingsPatch(raw[0])]),
  'browser:status': (raw) => (exactly(raw, 0), []),
  'browser:connect': (raw) => (exactly(raw, 1), [browserList(raw[0])]),
  'browser:remove-access': (raw) => (exactly(raw, 0), []),
  'browser:open-extension-folder': (raw) => {
    exactly(raw, 1)
    if (raw[0] !== 'chromium' && raw[0] !== 'firefox') fail('Expected chromium or firefox.')
    return [raw[0]]
  },
}

/** Every channel name, for the preload and for tests. */
export const CHANNEL_NAMES = Object.keys(argParsers) as ChannelName[]

/** What every call resolves to: errors cross as data (code + message), never as thrown objects. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } }

/** The API the preload exposes as `window.warifu`: one async function per channel, unwrapped. */
export type WarifuApi = { [C in ChannelName]: (...args: Channels[C]['args']) => Promise<Channels[C]['result']> }

/** Error code of a call that failed for a reason the renderer is not told (details stay in main). */
export const INTERNAL_ERROR_CODE = 'INTERNAL'
/** Error code of a call from a page or frame that is not ours. */
export const UNTRUSTED_SENDER_CODE = 'UNTRUSTED_SENDER'

/** Every main -> renderer event and its payload. */
export interface Events {
  /** The global shortcut or the tray brought the window up: put the cursor in the search box. */
  'app:focus-search': []
  /** Another process (the `warifu` CLI) changed the accounts: call accounts:list again. */
  'app:accounts-changed': []
  /** The browser companion filled a code (or the recent fills changed): call browser:status again. */
  'browser:activity': []
}

export type EventName = keyof Events

/** Every event name, for the preload and for tests. */
export const EVENT_NAMES: readonly EventName[] = ['app:focus-search', 'app:accounts-changed', 'browser:activity']

/** `window.warifu`: the calls plus `on()`, which returns a function that unsubscribes. */
export type WarifuBridge = WarifuApi & {
  on<E extends EventName>(event: E, listener: (...payload: Events[E]) => void): () => void
}
