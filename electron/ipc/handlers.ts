/**
 * Main process: the handler of every channel, as a plain object of async
 * functions over injected services. Electron registers this table
 * (register.ts); the e2e harness binds the very same table to a browser page.
 * Arguments arrive already parsed (dispatch.ts runs the channel's parser).
 *
 * Secrets never leave main: every result here is a summary, a code or a
 * preview, except accounts:reveal-secret, accounts:qr-matrix and backup:phone-codes, which answer
 * only after the user said yes in main's own dialog (deps.confirm), as do
 * the deletions: a compromised page can ask, never decide.
 */
import { basename } from 'node:path'
import {
  ImageTooLargeError,
  InvalidAccountError,
  NotAnImageError,
  SecretMissingError,
  UsageError,
} from '../../shared/errors'
import type { AccountPreview, ChannelName, Channels, CodeSnapshot, ManualEntry } from '../../shared/ipc/channels'
import { cleanName, parseCounter, parseDigits, parsePeriod, type OtpParams } from '../../shared/otp/account'
import { hotpCode, totpCode } from '../../shared/otp/codes'
import { normalizeSecret } from '../../shared/otp/secret'
import { parseOtpUri } from '../../shared/otp/uri'
import { MAX_IMAGE_FILE_BYTES } from '../../shared/scan/image'
import { suggestSites } from '../../shared/sites/known-services'
import type { SortOrder } from '../../shared/organise'
import type { AccountSummary } from '../../shared/types'
import type { AppStatus, SettingsPatch } from '../../shared/ipc/channels'
import type { Confirm } from '../app/native-confirm'
import type { LanguageChoice, Settings } from '../app/settings-store'
import type { Vault } from '../vault/vault'
import { readRegularFile } from '../files/read-regular-file'
import { createBackupHandlers, type BackupDialogs } from './backup-handlers'
import { createAccountQrHandler } from './account-qr-handler'
import { createBrowserHandlers, type BrowserDeps } from './browser-handlers'
import { createOrganiseHandlers, recordUse } from './organise-handlers'
import { createSiteHandlers } from './site-handlers'
import { confirmOrRefuse, createTrashHandlers } from './trash-handlers'
import { createUndoAddHandler, RecentAdds } from './undo-add'

/** The largest image file scan:open-image reads (the scan's one cap); screenshots are far smaller. */
export const MAX_IMAGE_BYTES = MAX_IMAGE_FILE_BYTES

/** What the handlers need from the rest of main; all injected so the table runs in plain Node. */
export interface HandlerDeps {
  vault: {
    get(): Promise<Vault>
    /** The vault, re-read if another process (the CLI) changed it. */
    fresh(): Promise<{ vault: Vault; changed: boolean }>
    markOwnWrite(): Promise<void>
    status(): Promise<AppStatus>
  }
  /** Tells the renderer the account list changed outside the app (event app:accounts-changed). */
  accountsChanged(): void
  /** The clock, ms since the epoch. */
  now(): number
  /** Copies a code and clears it after `clearAfterSeconds` (the setting), or its own default. */
  clipboard: { copy(code: string, clearAfterSeconds?: number): Promise<void>; readonly clearAfterSeconds: number }
  /** Main's own open-file dialog; resolves to the chosen path or null when cancelled. */
  pickImageFile(): Promise<string | null>
  settings: {
    get(): Promise<Settings>
    setLanguage(language: LanguageChoice): Promise<void>
    update(patch: SettingsPatch): Promise<void>
    setSort(sort: SortOrder): Promise<void>
  }
  /** The OS locale (app.getLocale() in Electron), e.g. "ja" or "en-US". */
  locale(): string
  /** Arms main's screen-capture handler for one request per display; resolves to the number of displays. */
  prepareScreenScan(): Promise<number>
  /** Main's own save and open dialogs of the Export and Import screens. */
  backupDialogs: BackupDialogs
  /**
   * Main's own yes/no (native dialog or Touch ID) before a secret reaches the page or an account is
   * deleted; the one place these are decided. The renderer's word is never enough.
   */
  confirm: Confirm
  /** "Connect a browser" and the recent fills; left out by handler tests that do not look at them. */
  browser?: BrowserDeps
}

/** One async function per channel, taking the parsed arguments. */
export type Handlers = { [C in ChannelName]: (...args: Channels[C]['args']) => Promise<Channels[C]['result']> }

/** OtpParams from the hand-typed form: the same validation as a URI. */
export function paramsFromEntry(entry: ManualEntry): OtpParams {
  const secret = normalizeSecret(entry.secret)
  const issuer = cleanName(entry.issuer, 'issuer')
  const label = cleanName(entry.label, 'label')
  if (issuer === '' && label === '') throw new InvalidAccountError('Give the account an issuer or a name.')
  const common = { secret, issuer, label, algorithm: entry.algorithm, digits: parseDigits(entry.digits) }
  return entry.type === 'totp'
    ? { type: 'totp', ...common, period: parsePeriod(entry.period) }
    : { type: 'hotp', ...common, counter: parseCounter(entry.counter) }
}

function preview(params: OtpParams, duplicates: AccountSummary[], nowMs: number): AccountPreview {
  const { type, issuer, label, algorithm, digits } = params
  const duplicateOf = duplicates.map((d) => d.id)
  const suggestedSites = suggestSites(issuer, label)
  if (params.type === 'totp') {
    const { code, secondsLeft } = totpCode(params, nowMs)
    return {
      type,
      issuer,
      label,
      algorithm,
      digits,
      period: params.period,
      code,
      secondsLeft,
      duplicateOf,
      suggestedSites,
    }
  }
  return {
    type,
    issuer,
    label,
    algorithm,
    digits,
    counter: params.counter,
    code: hotpCode(params, params.counter),
    duplicateOf,
    suggestedSites,
  }
}

/** Reads a file the user picked in main's dialog, refusing anything over MAX_IMAGE_BYTES. */
async function readImage(path: string): Promise<{ name: string; bytes: Uint8Array }> {
  const bytes = await readRegularFile(path, {
    maxBytes: MAX_IMAGE_BYTES,
    unreadable: (message, cause) => new NotAnImageError(message, { cause }),
    tooLarge: () => new ImageTooLargeError(`The image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`),
  })
  return { name: basename(path), bytes }
}

/** The handler table over `deps`. */
export function createHandlers(deps: HandlerDeps): Handlers {
  /** The vault as it is on disk now: another process's change is read first and announced. */
  const vault = async () => {
    const { vault, changed } = await deps.vault.fresh()
    if (changed) deps.accountsChanged()
    return vault
  }
  /** Runs a change of ours and records the file it wrote as ours. */
  const write = async <T>(change: (v: Vault) => Promise<T>): Promise<T> => {
    const v = await vault()
    try {
      return await change(v)
    } finally {
      await deps.vault.markOwnWrite()
    }
  }

  /** This session's adds from a scan, which Undo may take back for a moment. */
  const recentAdds = new RecentAdds()

  return {
    'app:status': () => deps.vault.status(),

    'accounts:list': async () => (await vault()).list(),

    'accounts:preview-uri': async (uri) => {
      const params = parseOtpUri(uri)
      return preview(params, (await vault()).duplicatesOf(params), deps.now())
    },

    // The sites the user kept in the preview are saved in the same write (parsed there: INVALID_SITE);
    // names typed on the scan result replace the QR's. Undo (accounts:undo-add) works for a moment after.
    'accounts:add-from-uri': async (uri, sites, names) => {
      const scanned = parseOtpUri(uri)
      const issuer = cleanName(names?.issuer ?? scanned.issuer, 'issuer')
      const params = { ...scanned, issuer, label: cleanName(names?.label ?? scanned.label, 'label') }
      if (params.issuer === '' && params.label === '') {
        throw new InvalidAccountError('Give the account an issuer or a name.')
      }
      const added = await write((v) => v.add(params, { sites: sites ?? [] }))
      recentAdds.record(added.id, deps.now())
      return added
    },

    ...createUndoAddHandler(recentAdds, () => deps.now(), write),

    ...createAccountQrHandler(deps.confirm, vault),

    'accounts:preview-manual': async (entry) => {
      const params = paramsFromEntry(entry)
      return preview(params, (await vault()).duplicatesOf(params), deps.now())
    },

    'accounts:add-manual': async (entry, sites) => {
      const params = paramsFromEntry(entry)
      return write((v) => v.add(params, { sites: sites ?? [] }))
    },

    ...createSiteHandlers(vault, write),

    ...createOrganiseHandlers(write, deps.settings),

    'accounts:rename': (id, names) => write((v) => v.rename(id, names)),

    'accounts:move': (id, index) =>
      write(async (v) => {
        await v.move(id, index)
        return v.list()
      }),

    'accounts:remove': (id) =>
      write(async (v) => {
        await confirmOrRefuse(deps.confirm, 'remove', [v.get(id)])
        await v.remove(id)
        return v.list()
      }),

    ...createTrashHandlers(deps.confirm, vault, write),

    // A result that carries a secret: only after the user said yes in main's own dialog.
    'accounts:reveal-secret': async (id) => {
      const v = await vault()
      // Fails (not found, secret missing) before asking the user anything.
      v.params(id)
      await confirmOrRefuse(deps.confirm, 'reveal-secret', [v.get(id)])
      return { secret: v.params(id).secret }
    },

    'codes:current': async () => {
      const v = await vault()
      const nowMs = deps.now()
      const snapshots: CodeSnapshot[] = []
      for (const account of v.list()) {
        if (account.type !== 'totp') continue
        let params: OtpParams
        try {
          params = v.params(account.id)
        } catch (error) {
          // One account whose keychain entry is gone must not blank every other code.
          if (error instanceof SecretMissingError) continue
          throw error
        }
        if (params.type !== 'totp') continue
        const now = totpCode(params, nowMs)
        const next = totpCode(params, nowMs + params.period * 1000)
        snapshots.push({
          id: account.id,
          code: now.code,
          next: next.code,
          secondsLeft: now.secondsLeft,
          period: params.period,
        })
      }
      return snapshots
    },

    'codes:next-hotp': (id) =>
      write(async (v) => {
        const { code, counter } = await v.nextHotp(id)
        return { code, counter }
      }),

    'clipboard:copy-code': async (id, which = 'current') => {
      const v = await vault()
      const params = v.params(id)
      let code: string
      if (params.type === 'totp') {
        // The next code is the one codes:current shows as "next": the same clock, one period on.
        const at = deps.now() + (which === 'next' ? params.period * 1000 : 0)
        code = totpCode(params, at).code
      } else {
        // The last code shown (codes:next-hotp saved counter + 1); copying never advances the counter.
        if (which === 'next') throw new UsageError('Only a time-based code has a next code to copy.')
        if (params.counter === 0) throw new UsageError('Show this account\u2019s code first, then copy it.')
        code = hotpCode(params, params.counter - 1)
      }
      // The delay chosen in the settings menu (10 to 90 s), read at each copy.
      const { clipboardSeconds } = await deps.settings.get()
      await deps.clipboard.copy(code, clipboardSeconds)
      await recordUse(vault, write, id, deps.now())
      return { clearAfterSeconds: clipboardSeconds }
    },

    // Main's own dialog: the renderer never names a path.
    'scan:open-image': async () => {
      const path = await deps.pickImageFile()
      return path === null ? null : readImage(path)
    },

    'scan:prepare-screens': async () => ({ screens: await deps.prepareScreenScan() }),

    ...createBackupHandlers(deps.backupDialogs, deps.confirm, vault, write),

    'settings:get': async () => {
      const { language, sort, theme, density, clipboardSeconds, hideCodes } = await deps.settings.get()
      return { locale: deps.locale(), language, sort, theme, density, clipboardSeconds, hideCodes }
    },

    'settings:update': async (patch) => {
      await deps.settings.update(patch)
    },

    'settings:set-language': async (language) => {
      await deps.settings.setLanguage(language)
    },

    ...createBrowserHandlers(deps.browser),
  }
}
