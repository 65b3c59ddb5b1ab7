/**
 * The e2e harness: the BUILT renderer (dist/renderer) served over
 * http://127.0.0.1, in Debian's Chromium driven by playwright-core, with
 * `window.warifu` bound to main's own handler table (electron/ipc/handlers.ts)
 * through the same dispatch main uses (sender check, argument parsers, error
 * mapping), over the real Vault and, by default, the real keychain.
 *
 *   const app = await launchApp({ locale: 'ja', accounts: [uri] })
 *   await app.page.getByRole('searchbox').fill('git')
 *   await app.close()
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterEach, expect } from 'vitest'
import { ClipboardClearer } from '../../../electron/app/clipboard-clearer'
import { createConfirm, type ConfirmRequest, type MessageBoxOptions } from '../../../electron/app/native-confirm'
import { ScreenScanQueue } from '../../../electron/app/screen-scan'
import { SettingsStore } from '../../../electron/app/settings-store'
import { fileStamp, VaultHolder } from '../../../electron/app/vault-holder'
import { dispatch } from '../../../electron/ipc/dispatch'
import { createHandlers, type Handlers } from '../../../electron/ipc/handlers'
import type { BrowserDeps } from '../../../electron/ipc/browser-handlers'
import { KeytarSecretStore, PROBE_ACCOUNT, type SecretStore } from '../../../electron/secrets/secret-store'
import { METADATA_FILE } from '../../../electron/vault/paths'
import { Vault } from '../../../electron/vault/vault'
import { installWarifuBridge } from '../../../shared/ipc/bridge'
import { CHANNEL_NAMES, EVENT_NAMES, type EventName } from '../../../shared/ipc/channels'
import { parseOtpUri } from '../../../shared/otp/uri'
import type { OtpParams } from '../../../shared/otp/account'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { inKeyringSession, ROOT } from '../../support/tools'
import { FakeClipboard, ManualTimers } from '../../unit/ipc/fakes'
import { serveStatic, type StaticServer } from './server'
import { hasXvfb, startXvfb, type XServer } from './xvfb'
import { cleanupStack } from '../../support/cleanup-stack'

export const CHROMIUM_PATH = '/usr/bin/chromium'
/** The flags the issue prescribes for Debian's Chromium. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]
export const RENDERER_DIR = join(ROOT, 'dist', 'renderer')

/** What this machine lacks for an e2e run, or undefined. */
function missingForE2e(
  options: { headful?: boolean; keychain?: 'real' | 'memory' | 'unavailable'; root?: string } = {},
): string | undefined {
  if (!existsSync(CHROMIUM_PATH)) return `${CHROMIUM_PATH} is absent (apt-get install chromium)`
  if (!existsSync(join(options.root ?? RENDERER_DIR, 'index.html')))
    return `${options.root ? 'the page to serve' : 'dist/renderer/index.html'} is missing (node build/bundle.mjs)`
  if ((options.keychain ?? 'real') === 'real' && !inKeyringSession())
    return 'no keyring session (run under tests/with-keyring.sh)'
  if (options.headful && !hasXvfb()) return 'Xvfb is absent (apt-get install xvfb)'
  return undefined
}

/**
 * Why e2e tests cannot run here (one line, for a skip message), or undefined when they can. On CI
 * nothing is skipped (as in tests/support/tools.ts): the test runs and launchApp fails with the reason.
 */
export function e2eUnavailable(options: Parameters<typeof missingForE2e>[0] = {}): string | undefined {
  if (process.env.CI === 'true') return undefined
  return missingForE2e(options)
}

export interface LaunchOptions {
  /** The browser's locale (navigator.language) and the OS locale main reports. Default 'en'. */
  locale?: 'en' | 'ja'
  /** Accounts saved before the page loads: otpauth URIs or full parameters. */
  accounts?: (string | OtpParams)[]
  /** Main's clock (codes, previews, createdAt). Default Date.now. */
  now?: () => number
  colorScheme?: 'light' | 'dark'
  viewport?: { width: number; height: number }
  /** Headful Chromium on a fresh Xvfb display (screen capture, the X clipboard). */
  headful?: boolean
  /**
   * The real OS keychain (default); an in-memory one (only for benches that add hundreds of accounts);
   * or 'unavailable': a keychain that refuses every call until `deps.store.available = true`.
   */
  keychain?: 'real' | 'memory' | 'unavailable'
  /** Extra Chromium flags. */
  args?: string[]
  /** The page to open, relative to the renderer root. Default 'index.html'. */
  path?: string
  /** What to serve instead of dist/renderer (the harness's own self-test page). */
  root?: string
  /** "Connect a browser": the access service and the recent fills (a change is sent as browser:activity). */
  browser?: BrowserDeps
}

/** What the test can reach on main's side. */
export interface HarnessDeps {
  dataDir: string
  /** The keychain service of this run (unique; its entries are deleted on close). */
  service: string
  /** A MemorySecretStore when launched with keychain 'memory' or 'unavailable' (set `available`). */
  store: SecretStore | MemorySecretStore
  vault: VaultHolder
  /** Main's clipboard: clipboard:copy-code writes here. */
  clipboard: FakeClipboard
  /** The clipboard-clear timer: fire it instead of waiting 30 s. */
  timers: ManualTimers
  settings: SettingsStore
  /** The file main's open-image dialog "picks" next (null: the user cancels). */
  pickImage: { path: string | null }
  /** What the Export screen's save dialog "picks" (null: cancel), and the formats it was opened for. */
  pickSave: { path: string | null; asked: string[] }
  /** What the Import screen's open dialog "picks" (null: cancel). */
  pickImport: { paths: string[] | null }
  /**
   * Main's own confirmation: the real createConfirm, with the native message box stubbed at the one
   * place main calls it. Every request is recorded in `asked`, every box main would show in `boxes`,
   * and each is answered with `answer` (default yes).
   */
  confirm: { answer: boolean; asked: ConfirmRequest[]; boxes: MessageBoxOptions[] }
  handlers: Handlers
}

export interface LaunchedApp {
  page: Page
  context: BrowserContext
  browser: Browser
  /** The page's URL. */
  url: string
  /** The X display of a headful run. */
  display: string | undefined
  deps: HarnessDeps
  /** Alias of `deps`, as first announced. */
  handlersDeps: HarnessDeps
  /** Sends a main -> renderer event (what the global shortcut does). */
  emit(event: EventName, ...payload: unknown[]): Promise<void>
  close(): Promise<void>
}

/** Uint8Array does not survive Playwright's binding serializer: results travel with bytes as base64. */
function encodeBytes(value: unknown): unknown {
  if (value instanceof Uint8Array) return { __warifuBytes: Buffer.from(value).toString('base64') }
  if (Array.isArray(value)) return value.map(encodeBytes)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeBytes(v)]))
  }
  return value
}

/** The page side of the binding: decodes bytes, keeps listeners, then runs the preload's installer. */
function pageBridgeScript(): string {
  const decode = function decode(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(decode)
    if (value !== null && typeof value === 'object') {
      const o = value as Record<string, unknown>
      if (typeof o.__warifuBytes === 'string') return Uint8Array.from(atob(o.__warifuBytes), (c) => c.charCodeAt(0))
      return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, decode(v)]))
    }
    return value
  }
  return `(() => {
    const decode = ${decode.toString()}
    const listeners = new Map()
    const ipc = globalThis.__warifuIpc
    const raw = {
      invoke: async (channel, args) => decode(await ipc(channel, args)),
      subscribe: (event, listener) => {
        if (!listeners.has(event)) listeners.set(event, new Set())
        listeners.get(event).add(listener)
        return () => listeners.get(event).delete(listener)
      },
    }
    Object.defineProperty(globalThis, '__warifuEmit', {
      value: (event, ...payload) => { for (const l of listeners.get(event) ?? []) l(...payload) },
    })
    ;(${installWarifuBridge.toString()})(raw, ${JSON.stringify(CHANNEL_NAMES)}, ${JSON.stringify(EVENT_NAMES)})
  })()`
}

/**
 * For a describe block: `launch(options)` starts one app per test and closes it after the test,
 * and every page error or console error the page logged fails the test there. With
 * `waitForAccounts`, launch returns once the first account row is drawn.
 */
export function useLaunchedApp(
  settings: { waitForAccounts?: boolean } = {},
): (options: LaunchOptions) => Promise<LaunchedApp> {
  let app: LaunchedApp | undefined
  const errors: string[] = []
  afterEach(async () => {
    await app?.close()
    app = undefined
    expect(errors.splice(0)).toEqual([])
  })
  return async (options) => {
    app = await launchApp(options)
    app.page.on('pageerror', (e) => errors.push(e.message))
    app.page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    if (settings.waitForAccounts) await app.page.locator('.account').first().waitFor()
    return app
  }
}

/** Launches Chromium on the built renderer with window.warifu bound to main's handler table. */
export async function launchApp(options: LaunchOptions = {}): Promise<LaunchedApp> {
  const why = missingForE2e(options)
  if (why) throw new Error(`e2e harness: ${why}`)
  const locale = options.locale ?? 'en'
  const now = options.now ?? Date.now
  const cleanups = cleanupStack('e2e harness')
  const cleanup = () => cleanups.run()

  try {
    const dataDir = mkdtempSync(join(tmpdir(), 'warifu-e2e-'))
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const service = `warifu-e2e-${randomBytes(6).toString('hex')}`
    const inMemory = options.keychain === 'memory' || options.keychain === 'unavailable'
    const store: SecretStore | MemorySecretStore = inMemory ? new MemorySecretStore() : new KeytarSecretStore(service)
    cleanups.push(async () => {
      if (inMemory) return
      for (const id of (await store.list()).keys()) await store.delete(id)
      await store.delete(PROBE_ACCOUNT)
    })

    const vault = new VaultHolder(
      () => Vault.open({ dir: dataDir, store, now }),
      fileStamp(join(dataDir, METADATA_FILE)),
    )
    // Set once the page exists: main's "accounts changed elsewhere" event goes to it.
    let notifyPage: (event: EventName) => void = () => {}
    for (const account of options.accounts ?? []) {
      await (await vault.get()).add(typeof account === 'string' ? parseOtpUri(account) : account)
    }
    // The seeded accounts are main's own writes, not another process's change.
    await vault.markOwnWrite()
    if (options.keychain === 'unavailable') (store as MemorySecretStore).available = false
    const clipboard = new FakeClipboard()
    const timers = new ManualTimers()
    const settings = new SettingsStore(dataDir)
    const pickImage: { path: string | null } = { path: null }
    const pickSave: HarnessDeps['pickSave'] = { path: null, asked: [] }
    const pickImport: HarnessDeps['pickImport'] = { paths: null }
    const confirm: HarnessDeps['confirm'] = { answer: true, asked: [], boxes: [] }
    const nativeConfirm = createConfirm(
      {
        showMessageBox: (options) => {
          confirm.boxes.push(options)
          return Promise.resolve({ response: confirm.answer ? 0 : options.cancelId })
        },
      },
      () => Promise.resolve(locale === 'ja' ? 'ja' : 'en'),
    )
    const screens = new ScreenScanQueue()
    const handlers = createHandlers({
      vault,
      accountsChanged: () => notifyPage('app:accounts-changed'),
      now,
      clipboard: new ClipboardClearer(clipboard, timers),
      pickImageFile: () => Promise.resolve(pickImage.path),
      backupDialogs: {
        pickSavePath: (format) => {
          pickSave.asked.push(format)
          return Promise.resolve(pickSave.path)
        },
        pickImportFiles: () => Promise.resolve(pickImport.paths),
      },
      settings,
      locale: () => (locale === 'ja' ? 'ja-JP' : 'en-US'),
      confirm: (request) => {
        confirm.asked.push(request)
        return nativeConfirm(request)
      },
      // Chromium picks the screen itself (--auto-select-desktop-capture-source): one display.
      prepareScreenScan: () => {
        screens.arm(1)
        return Promise.resolve(1)
      },
      browser: options.browser,
    })
    if (options.browser) cleanups.push(options.browser.fills.onChange(() => notifyPage('browser:activity')))

    const root = options.root ?? RENDERER_DIR
    const server: StaticServer = await serveStatic(root)
    cleanups.push(() => server.close())

    let x: XServer | undefined
    if (options.headful) {
      x = await startXvfb()
      cleanups.push(() => x!.stop())
    }
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: !options.headful,
      args: [...CHROMIUM_FLAGS, `--lang=${locale === 'ja' ? 'ja' : 'en-US'}`, ...(options.args ?? [])],
      env: x ? { ...process.env, DISPLAY: x.display } : { ...process.env },
    })
    cleanups.push(() => browser.close())
    const context = await browser.newContext({
      locale: locale === 'ja' ? 'ja-JP' : 'en-US',
      colorScheme: options.colorScheme ?? 'light',
      viewport: options.viewport ?? { width: 440, height: 720 },
      permissions: ['clipboard-read', 'clipboard-write'],
    })
    cleanups.push(() => context.close())
    const page = await context.newPage()
    const pageUrl = `${server.origin}/${options.path ?? 'index.html'}`
    // The page is trusted exactly as main trusts its own file: the top frame of the test server's origin.
    // The harness serves dist/renderer over loopback http, the app's dev-server path (the app itself uses warifu://app/).
    const origins = { devOrigin: server.origin }
    await page.exposeBinding('__warifuIpc', async (source, channel: string, args: unknown) => {
      const sender = { url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() }
      return encodeBytes(await dispatch(handlers, channel, args, sender, origins))
    })
    await page.addInitScript(pageBridgeScript())
    const emit = async (event: EventName, ...payload: unknown[]) => {
      await page.evaluate(
        ([e, p]) => (globalThis as unknown as { __warifuEmit(e: string, ...p: unknown[]): void }).__warifuEmit(e, ...p),
        [event, payload] as const,
      )
    }
    notifyPage = (event) => void emit(event).catch(() => undefined)
    page.on('pageerror', (error) => console.error(`e2e page error: ${error.message}`))
    await page.goto(pageUrl)

    const deps: HarnessDeps = {
      ...{ dataDir, service, store, vault, clipboard, timers, settings },
      ...{ pickImage, pickSave, pickImport, confirm, handlers },
    }
    return {
      page,
      context,
      browser,
      url: pageUrl,
      display: x?.display,
      deps,
      handlersDeps: deps,
      emit,
      close: cleanup,
    }
  } catch (error) {
    await cleanup()
    throw error
  }
}
