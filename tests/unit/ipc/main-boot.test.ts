/**
 * electron/main.ts booted against a fake `electron` module (the real binary
 * cannot be downloaded here): the window's hardened options, content
 * protection, loadFile, IPC for every channel, the vault opened from
 * WARIFU_HOME with the keychain service from the environment, the global
 * shortcut and second instance bringing the window up on search, close hiding
 * to the tray, and screen capture granted only after scan:prepare-screens.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { SHOW_SHORTCUT } from '../../../electron/app/shortcut'
import { notifyFill } from '../../../electron/browser/activity'
import { CHANNEL_NAMES, type BrowserStatus, type IpcResult } from '../../../shared/ipc/channels'
import { keychainEntry } from '../../support/keychain-entry'
import { inKeyringSession } from '../../support/tools'

const fake = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events')
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    ready: false,
    quits: 0,
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    isReady: () => true,
    getPath: () => '/nonexistent/userData',
    getPreferredSystemLanguages: () => ['ja-JP'],
    getLocale: () => 'ja',
    quit: () => fake.app.quits++,
    exit: () => {},
  })
  const windows: FakeWindow[] = []
  class FakeWindow extends Emitter {
    options: Record<string, unknown>
    contentProtection = false
    loaded: string[] = []
    sent: string[] = []
    visible = false
    webContents = { send: (channel: string) => this.sent.push(channel) }
    constructor(options: Record<string, unknown>) {
      super()
      this.options = options
      windows.push(this)
    }
    setContentProtection(on: boolean) {
      this.contentProtection = on
    }
    loadFile(path: string) {
      this.loaded.push(`file:${path}`)
      return Promise.resolve()
    }
    loadURL(url: string) {
      this.loaded.push(url)
      return Promise.resolve()
    }
    isDestroyed = () => false
    isMinimized = () => false
    restore() {}
    show() {
      this.visible = true
    }
    hide() {
      this.visible = false
    }
    focus() {}
  }
  const ipc = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>()
  const shortcuts = new Map<string, () => void>()
  const session: Record<string, unknown> = {
    setPermissionRequestHandler: () => {},
    setPermissionCheckHandler: () => {},
    webRequest: { onHeadersReceived: () => {} },
    setDisplayMediaRequestHandler: (h: unknown) => (session.displayMedia = h),
  }
  const trays: unknown[] = []
  /** Main's native message boxes (the confirmations) and the button the fake user presses. */
  const boxes = { shown: [] as unknown[][], answer: 1 }
  const schemes: unknown[] = []
  const protocolHandlers = new Map<string, unknown>()
  return {
    app,
    windows,
    FakeWindow,
    ipc,
    shortcuts,
    session,
    trays,
    menu: [] as unknown[],
    boxes,
    schemes,
    protocolHandlers,
  }
})

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.FakeWindow,
  clipboard: { writeText: () => Promise.resolve(), readText: () => Promise.resolve('') },
  desktopCapturer: { getSources: () => Promise.resolve([{ id: 'screen:0' }, { id: 'screen:1' }]) },
  dialog: {
    showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
    showMessageBox: (...args: unknown[]) => {
      fake.boxes.shown.push(args)
      return Promise.resolve({ response: fake.boxes.answer, checkboxChecked: false })
    },
  },
  Menu: {
    setApplicationMenu: (m: unknown) => fake.menu.push(m),
    buildFromTemplate: (t: unknown) => t,
  },
  session: { defaultSession: fake.session },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => fake.schemes.push(...schemes),
    handle: (scheme: string, handler: unknown) => fake.protocolHandlers.set(scheme, handler),
  },
  ClipboardItem: class {
    constructor(readonly entries: Record<string, unknown>) {}
  },
  ipcMain: { handle: (name: string, fn: never) => fake.ipc.set(name, fn) },
  nativeImage: { createFromBuffer: () => ({ setTemplateImage: () => {} }) },
  nativeTheme: { shouldUseDarkColors: true },
  Tray: class {
    destroyed = false
    constructor() {
      fake.trays.push(this)
    }
    destroy() {
      this.destroyed = true
    }
    setToolTip() {}
    setContextMenu() {}
    on() {}
  },
  globalShortcut: {
    register: (accelerator: string, fn: () => void) => (fake.shortcuts.set(accelerator, fn), true),
    unregisterAll: () => fake.shortcuts.clear(),
  },
}))

const home = mkdtempSync(join(tmpdir(), 'warifu-main-boot-'))
const service = `warifu-main-boot-${randomBytes(4).toString('hex')}`
const ourPage = { senderFrame: { url: '', parent: null } }

function call(channel: string, ...args: unknown[]): Promise<IpcResult<unknown>> {
  return fake.ipc.get(channel)!(ourPage, ...args) as Promise<IpcResult<unknown>>
}

describe('electron/main.ts booted with a fake electron module', () => {
  beforeAll(async () => {
    vi.stubEnv('WARIFU_HOME', home)
    vi.stubEnv('WARIFU_KEYCHAIN_SERVICE', service)
    vi.stubEnv('WARIFU_KEYCHAIN_TIMEOUT_MS', '3000')
    await import('../../../electron/main')
    // start() runs after whenReady(); wait for its window and shortcut.
    await vi.waitFor(() => expect(fake.shortcuts.size).toBe(1), { timeout: 10_000 })
    ourPage.senderFrame.url = fake.windows[0]!.loaded[0] ?? ''
  })

  afterAll(async () => {
    if (inKeyringSession()) {
      const { KeytarSecretStore, PROBE_ACCOUNT } = await import('../../../electron/secrets/secret-store')
      const store = new KeytarSecretStore(service)
      for (const id of (await store.list()).keys()) await store.delete(id)
      await store.delete(PROBE_ACCOUNT)
    }
    rmSync(home, { recursive: true, force: true })
    vi.unstubAllEnvs()
  })

  it('opens one hardened, content-protected window on the built index.html', () => {
    expect(fake.windows).toHaveLength(1)
    const win = fake.windows[0]!
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: true, // not packaged
    })
    expect(String((win.options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/)
    expect(win.contentProtection).toBe(true)
    expect(win.options.backgroundColor).toBe('#15171b')
    expect(win.loaded).toHaveLength(1)
    // The page comes from the app scheme, never file:// (whose 'self' is every local file).
    expect(win.loaded).toEqual(['warifu://app/index.html'])
    expect(fake.trays).toHaveLength(1)
  })

  it('serves the page from warifu://app/, a privileged standard scheme, limited to dist/renderer', async () => {
    expect(fake.schemes).toEqual([
      expect.objectContaining({
        scheme: 'warifu',
        privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }),
      }),
    ])
    const handler = fake.protocolHandlers.get('warifu') as (r: { url: string; method: string }) => Promise<Response>
    expect(handler).toBeTypeOf('function')
    // Nothing outside the renderer folder: not main's own bundle beside it, not the data folder.
    expect((await handler({ url: 'warifu://app/../electron/main.cjs', method: 'GET' })).status).not.toBe(200)
    expect((await handler({ url: 'warifu://app/%2e%2e/electron/main.cjs', method: 'GET' })).status).not.toBe(200)
    expect((await handler({ url: 'warifu://app/index.html', method: 'POST' })).status).toBe(405)
  })

  it('registers every channel, answering only our page', async () => {
    expect([...fake.ipc.keys()].sort()).toEqual([...CHANNEL_NAMES].sort())
    const stranger = { senderFrame: { url: 'https://evil.example/', parent: null } }
    expect(await fake.ipc.get('accounts:list')!(stranger)).toMatchObject({ error: { code: 'UNTRUSTED_SENDER' } })
    expect(await call('settings:get')).toMatchObject({ ok: true, value: { locale: 'ja-JP', language: 'system' } })
  })

  it('opens the vault in WARIFU_HOME with the configured keychain service, or reports the keychain', async () => {
    const status = await call('app:status')
    if (inKeyringSession()) {
      expect(status).toEqual({ ok: true, value: { vault: 'ready', problems: [] } })
      const added = (await call('accounts:add-from-uri', 'otpauth://totp/Boot:x?secret=JBSWY3DPEHPK3PXP')) as {
        value: { id: string }
      }
      const { KeytarSecretStore } = await import('../../../electron/secrets/secret-store')
      expect(await new KeytarSecretStore(service).get(keychainEntry(home, added.value.id))).toBe('JBSWY3DPEHPK3PXP')
    } else {
      expect(status).toMatchObject({
        ok: true,
        value: { vault: 'unavailable', error: { code: 'KEYCHAIN_UNAVAILABLE' } },
      })
    }
  })

  it.skipIf(!inKeyringSession())(
    'asks its own message box, parented to the window and in the UI language, before a secret leaves main',
    async () => {
      const added = (await call('accounts:add-from-uri', 'otpauth://totp/Ask:me?secret=JBSWY3DPEHPK3PXP')) as {
        value: { id: string }
      }
      fake.boxes.answer = 1
      expect(await call('accounts:reveal-secret', added.value.id)).toMatchObject({
        ok: false,
        error: { code: 'NOT_CONFIRMED' },
      })
      const [parent, options] = fake.boxes.shown[0]!
      expect(parent).toBe(fake.windows[0])
      expect(options).toMatchObject({
        message: '「Ask / me」のセットアップキーを表示しますか？',
        defaultId: 1,
        cancelId: 1,
      })
      fake.boxes.answer = 0
      expect(await call('accounts:reveal-secret', added.value.id)).toEqual({
        ok: true,
        value: { secret: 'JBSWY3DPEHPK3PXP' },
      })
    },
  )

  it('brings the window up on search from the global shortcut and a second instance', () => {
    const win = fake.windows[0]!
    win.sent.length = 0
    fake.shortcuts.get(SHOW_SHORTCUT)!()
    fake.app.emit('second-instance')
    expect(win.sent).toEqual(['app:focus-search', 'app:focus-search'])
    expect(win.visible).toBe(true)
  })

  it('hides the window on close instead of quitting', () => {
    const win = fake.windows[0]!
    const event = { preventDefault: vi.fn() }
    win.emit('close', event)
    expect(event.preventDefault).toHaveBeenCalled()
    expect(win.visible).toBe(false)
  })

  it('grants screen capture only after scan:prepare-screens, one display per request', async () => {
    const handler = fake.session.displayMedia as (r: object, cb: (s: unknown) => void) => void
    const request = { frame: { url: ourPage.senderFrame.url }, videoRequested: true, audioRequested: false }
    const grant = () => new Promise((resolve) => handler(request, resolve))
    expect(await grant()).toBeNull()
    expect(await call('scan:prepare-screens')).toEqual({ ok: true, value: { screens: 2 } })
    expect(await grant()).toEqual({ video: { id: 'screen:0' } })
    expect(await grant()).toEqual({ video: { id: 'screen:1' } })
    expect(await grant()).toBeNull()
  })

  it('listens for the browser host\u2019s fills of this data folder: the window is told, browser:status lists them', async () => {
    const win = fake.windows[0]!
    // No address given: the host's own default for WARIFU_HOME, which must be where main listens.
    await notifyFill({ site: 'monex.co.jp', name: 'Monex (taro)', at: Date.now() })
    await vi.waitFor(() => expect(win.sent).toContain('browser:activity'), { timeout: 10_000 })
    const status = (await call('browser:status')) as IpcResult<BrowserStatus>
    expect(status.ok && status.value.recent).toEqual([expect.objectContaining({ site: 'monex.co.jp' })])
    expect(status.ok && status.value.allowed).toBe(true)
  })

  it('lets a real quit through after clearing the clipboard', async () => {
    const event = { preventDefault: vi.fn() }
    fake.app.emit('before-quit', event)
    await vi.waitFor(() => expect(fake.app.quits).toBe(1), { timeout: 10_000 })
    const close = { preventDefault: vi.fn() }
    fake.windows[0]!.emit('close', close)
    expect(close.preventDefault).not.toHaveBeenCalled()
    fake.app.emit('will-quit')
    expect(fake.shortcuts.size).toBe(0)
    expect(fake.trays).toMatchObject([{ destroyed: true }])
  })
})
