/**
 * The real app in real Electron (Playwright's Electron launcher): the window opens hardened, the page gets
 * window.warifu from the preload and nothing of Node, and an account added through IPC shows its code.
 * Needs an Electron binary, which cannot be downloaded on this machine: the test then skips, saying why.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { _electron as electron, type ElectronApplication } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import type { WarifuApi } from '../../shared/ipc/channels'
import { totpCode } from '../../shared/otp/codes'
import { parseOtpUri } from '../../shared/otp/uri'
import { inKeyringSession, ROOT } from '../support/tools'

/**
 * The Electron executable `require('electron')` would return, found without calling it: that call downloads
 * the binary when it is missing. ELECTRON_OVERRIDE_DIST_PATH wins, as in node_modules/electron/index.js.
 */
export function electronExecutable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const pkg = join(ROOT, 'node_modules', 'electron')
  const pathFile = join(pkg, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined
  let binary: string | undefined
  if (env.ELECTRON_OVERRIDE_DIST_PATH) binary = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron')
  else if (relative) binary = join(pkg, 'dist', relative)
  return binary !== undefined && existsSync(binary) ? binary : undefined
}

/** Why the smoke test cannot run here, or undefined when it can. */
function whyNot(): string | undefined {
  if (!electronExecutable()) {
    return 'no Electron binary (node_modules/electron/path.txt is missing and ELECTRON_OVERRIDE_DIST_PATH is unset)'
  }
  for (const built of ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
    if (!existsSync(join(ROOT, built))) return `${built} is not built (npm run build)`
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display for Electron (run under xvfb-run)'
  }
  if (process.platform === 'linux' && !inKeyringSession()) return 'no Secret Service (run under tests/with-keyring.sh)'
  return undefined
}

const why = whyNot()
if (why) console.warn(`[skip] real-Electron smoke test: ${why}`)

// RFC 6238's SHA-1 test secret ("12345678901234567890").
const URI = 'otpauth://totp/Smoke:smoke%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Smoke'
const digits = (text: string | null) => (text ?? '').replace(/\s/g, '')

/** Every code the account had between two instants (a period boundary may fall in between). */
function codesBetween(fromMs: number, toMs: number): string[] {
  const params = parseOtpUri(URI)
  if (params.type !== 'totp') throw new Error('expected a TOTP account')
  const codes = new Set<string>()
  for (let t = fromMs; t < toMs + params.period * 1000; t += params.period * 1000) {
    codes.add(totpCode(params, Math.min(t, toMs)).code)
  }
  return [...codes]
}

describe('finding the Electron binary', () => {
  it('uses ELECTRON_OVERRIDE_DIST_PATH when it holds an executable, and reports none otherwise', () => {
    const dist = mkdtempSync(join(tmpdir(), 'warifu-electron-dist-'))
    try {
      const relative = existsSync(join(ROOT, 'node_modules', 'electron', 'path.txt'))
        ? readFileSync(join(ROOT, 'node_modules', 'electron', 'path.txt'), 'utf8').trim()
        : 'electron'
      expect(electronExecutable({ ELECTRON_OVERRIDE_DIST_PATH: dist })).toBeUndefined()
      mkdirSync(dirname(join(dist, relative)), { recursive: true })
      writeFileSync(join(dist, relative), '')
      expect(electronExecutable({ ELECTRON_OVERRIDE_DIST_PATH: dist })).toBe(join(dist, relative))
    } finally {
      rmSync(dist, { recursive: true, force: true })
    }
  })
})

describe('real Electron', () => {
  const home = mkdtempSync(join(tmpdir(), 'warifu-smoke-'))
  let app: ElectronApplication | undefined
  afterAll(async () => {
    await app?.close()
    rmSync(home, { recursive: true, force: true })
  })

  it.skipIf(why !== undefined)('opens one hardened window; an account added through IPC shows its code', async () => {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
    const env: Record<string, string> = {}
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value
    // The app must load its built page in its own Electron: no dev server, no Node mode.
    delete env.WARIFU_DEV_SERVER_URL
    delete env.ELECTRON_RUN_AS_NODE
    app = await electron.launch({
      executablePath: electronExecutable(),
      // Chromium refuses to run its sandbox as root (CI containers); a normal user keeps it.
      args: [ROOT, ...(isRoot ? ['--no-sandbox'] : [])],
      env: {
        ...env,
        WARIFU_HOME: join(home, 'data'),
        WARIFU_KEYCHAIN_SERVICE: `warifu-smoke-${process.pid}`,
        // Electron's userData (and its single-instance lock) in the throwaway directory too.
        XDG_CONFIG_HOME: join(home, 'config'),
      },
      timeout: 60_000,
    })
    const page = await app.firstWindow()
    await page.waitForLoadState('domcontentloaded')

    const window = await app.evaluate(({ BrowserWindow }) => {
      const all = BrowserWindow.getAllWindows()
      return {
        count: all.length,
        url: all[0]?.webContents.getURL() ?? '',
        // Runs in main: isContentProtected() exists on macOS and Windows only.
        contentProtected: process.platform === 'linux' ? undefined : all[0]?.isContentProtected(),
      }
    })
    expect(window.count).toBe(1)
    // The app scheme, never file:// (whose 'self' would be every local file).
    expect(window.url).toBe('warifu://app/index.html')
    if (process.platform !== 'linux') expect(window.contentProtected).toBe(true)

    // The page sees the bridge and nothing of Node or Electron.
    const world = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>
      return {
        bridge: typeof (w.warifu as Record<string, unknown>)['accounts:list'],
        require: typeof w.require,
        process: typeof w.process,
        ipcRenderer: typeof w.ipcRenderer,
      }
    })
    expect(world).toEqual({ bridge: 'function', require: 'undefined', process: 'undefined', ipcRenderer: 'undefined' })

    // The page's origin serves the renderer folder and nothing else: the .wasm with its type, not main's
    // bundle beside it, and no local file at all.
    const served = await page.evaluate(async () => {
      const status = (url: string) =>
        fetch(url).then(
          (r) => `${r.status} ${r.headers.get('content-type') ?? ''}`.trim(),
          () => 'refused',
        )
      return {
        wasm: await status('zxing_reader.wasm'),
        worker: await status('decode.worker.js'),
        main: await status('warifu://app/%2e%2e/electron/main.cjs'),
        file: await status('file:///etc/hostname'),
      }
    })
    expect(served).toEqual({
      wasm: '200 application/wasm',
      worker: '200 text/javascript; charset=utf-8',
      main: '404',
      file: 'refused',
    })

    // Through the preload, ipcRenderer.invoke and main's handler: the real IPC path.
    const added = await page.evaluate(
      (uri) => (window as unknown as { warifu: WarifuApi }).warifu['accounts:add-from-uri'](uri),
      URI,
    )
    expect(added).toMatchObject({ issuer: 'Smoke', label: 'smoke@example.com' })
    expect(JSON.stringify(added)).not.toContain('GEZDGNBV')

    // The list is read at start-up: reload from main (a page-initiated navigation would be refused).
    const from = Date.now()
    await Promise.all([
      page.waitForEvent('load'),
      app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.webContents.reload()),
    ])
    // The first row's code, once the list has drawn it (six digits, shown as "123 456").
    await page.waitForFunction(
      () => /^\d{6}$/.test((document.querySelector('.account .code')?.textContent ?? '').replace(/\s/g, '')),
      undefined,
      { timeout: 15_000 },
    )
    const shown = digits(await page.locator('.account .code').first().textContent())
    expect(codesBetween(from, Date.now())).toContain(shown)

    const snapshots = await page.evaluate(() => (window as unknown as { warifu: WarifuApi }).warifu['codes:current']())
    expect(snapshots.find((s) => s.id === added.id)?.code).toMatch(/^\d{6}$/)

    // Leave nothing in the keychain.
    await page.evaluate((id) => (window as unknown as { warifu: WarifuApi }).warifu['accounts:remove'](id), added.id)
  })
})
