/**
 * The browser companion end to end: Debian's Chromium (playwright-core, a persistent profile, headful
 * on its own Xvfb display) with the BUILT extension (dist/extension/chromium) loaded unpacked, the
 * REAL native host (`node dist/cli/warifu.cjs browser-host`, started by Chromium itself from the
 * manifest in the profile's NativeMessagingHosts/ folder) over a throwaway vault and the real
 * keychain, and the sites of ./sites.ts behind a local proxy.
 *
 *   const run = await launchCompanion()
 *   run.vault.run(['add', uri, '--site', 'monex.co.jp'])
 *   const page = await run.open('https://monex.co.jp/login')
 *   await run.pressShortcut()
 *   await run.close()
 *
 * Chromium's extension shortcuts are browser accelerators: CDP key events never reach them, so the
 * shortcut is a real X key event sent with xdotool to the focused Chromium window.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core'
import { CHROMIUM_EXTENSION_ID, NATIVE_HOST_NAME } from '../../../shared/browser/extension-id'
import { FILL_COMMAND } from '../../../extension/manifest'
import { cliSandbox } from '../../support/cli-process'
import { CLI, hasTool, inKeyringSession, ROOT } from '../../support/tools'
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../e2e/harness/launch'
import { hasXvfb, startXvfb, type XServer } from '../../e2e/harness/xvfb'
import { serveSites, type SitesServer } from './sites'
import { cleanupStack } from '../../support/cleanup-stack'

export const EXTENSION_DIR = join(ROOT, 'dist', 'extension', 'chromium')
export const EXTENSION_ORIGIN = `chrome-extension://${CHROMIUM_EXTENSION_ID}/`

/** What this machine lacks for a companion run (one line), or undefined. */
function missingForCompanion(options: { extensionDir?: string } = {}): string | undefined {
  if (!existsSync(CHROMIUM_PATH)) return `${CHROMIUM_PATH} is absent (apt-get install chromium)`
  if (!hasXvfb()) return 'Xvfb is absent (apt-get install xvfb)'
  if (!hasTool('xdotool')) return 'xdotool is absent (apt-get install xdotool): the shortcut needs a real X key event'
  if (!hasTool('openssl')) return 'openssl is absent (apt-get install openssl)'
  if (!existsSync(join(options.extensionDir ?? EXTENSION_DIR, 'manifest.json')))
    return 'dist/extension/chromium is missing (npm run build)'
  if (!existsSync(CLI)) return 'dist/cli/warifu.cjs is missing (npm run build)'
  if (!inKeyringSession()) return 'no keyring session (run under tests/with-keyring.sh)'
  return undefined
}

/**
 * Why these tests cannot run here (one line, for a skip message), or undefined when they can. On CI
 * nothing is skipped: the test runs and launchCompanion fails with the reason.
 */
export function companionUnavailable(options: Parameters<typeof missingForCompanion>[0] = {}): string | undefined {
  if (process.env.CI === 'true') return undefined
  return missingForCompanion(options)
}

/** An empty native host: answers every message with `{ echo: message }` (the benchmark's baseline). */
const ECHO_HOST = `let pending = Buffer.alloc(0)
process.stdin.on('data', (chunk) => {
  pending = Buffer.concat([pending, chunk])
  while (pending.length >= 4) {
    const length = pending.readUInt32LE(0)
    if (pending.length < 4 + length) return
    const body = Buffer.from(JSON.stringify({ echo: JSON.parse(pending.subarray(4, 4 + length).toString()) }))
    pending = pending.subarray(4 + length)
    const head = Buffer.alloc(4)
    head.writeUInt32LE(body.length)
    process.stdout.write(Buffer.concat([head, body]))
  }
})
`

export interface CompanionOptions {
  /** 'warifu' (default): the real host; 'echo': an empty host that echoes (the benchmark's baseline). */
  host?: 'warifu' | 'echo'
  /** The unpacked extension to load. Default dist/extension/chromium. */
  extensionDir?: string
  /** The browser's UI language. Default 'ja'. */
  locale?: 'ja' | 'en'
  /** Extra environment for the host (e.g. WARIFU_DEBUG). */
  hostEnv?: Record<string, string>
}

export interface Companion {
  context: BrowserContext
  /** The extension's service worker. */
  worker: Worker
  /** The throwaway vault and keychain service the host reads (`run([...])` runs the built CLI on it). */
  vault: ReturnType<typeof cliSandbox>
  sites: SitesServer
  /** Each host start by the browser: its process id and the caller origin Chromium passed as its first argument. */
  hostStarts(): { pid: number; caller: string }[]
  /** Points the profile's host manifest at another host (the real one or the echo one). */
  useHost(host: 'warifu' | 'echo'): void
  /** Opens `url` in a new tab and waits for its load. */
  open(url: string): Promise<Page>
  /** The extension's keyboard shortcut as a real key press to the focused window (`page` is brought to front). */
  pressShortcut(page: Page): Promise<void>
  /** Brings `page` to the front and gives its window the X focus (the first half of pressShortcut). */
  focus(page: Page): Promise<void>
  /** Sends `keys` (xdotool's spelling) to the focused window (the second half, when timing it). */
  sendKeys(keys: string): void
  /** The empty host's script (node <it> answers each message with `{ echo: message }`). */
  echoHostScript: string
  /** The shortcut in xdotool's spelling (e.g. "alt+shift+y"). */
  shortcutKeys: string
  close(): Promise<void>
}

/** "Alt+Shift+Y" (a manifest's suggested_key) in xdotool's key names. */
export function xdotoolKeys(suggested: string): string {
  const names: Record<string, string> = { Ctrl: 'ctrl', Alt: 'alt', Shift: 'shift', Command: 'super', MacCtrl: 'ctrl' }
  return suggested
    .split('+')
    .map((part) => names[part] ?? (part.length === 1 ? part.toLowerCase() : part))
    .join('+')
}

/** The shortcut the extension suggests on Linux for `command`, read from its built manifest. */
export function extensionShortcut(extensionDir = EXTENSION_DIR, command = FILL_COMMAND): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
    commands?: Record<string, { suggested_key?: Record<string, string> }>
  }
  const keys = manifest.commands?.[command]?.suggested_key
  const key = keys?.linux ?? keys?.default
  if (key === undefined) throw new Error(`the extension manifest suggests no keyboard shortcut for ${command}`)
  return key
}

function xdotool(display: string, args: string[]): void {
  const r = spawnSync('xdotool', args, { env: { ...process.env, DISPLAY: display }, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`xdotool ${args.join(' ')} failed: ${r.stderr.trim()}`)
}

/** Launches Chromium with the extension and the native host; one per test file. */
export async function launchCompanion(options: CompanionOptions = {}): Promise<Companion> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR
  const why = missingForCompanion({ extensionDir })
  if (why) throw new Error(`browser e2e harness: ${why}`)
  const cleanups = cleanupStack('browser e2e harness')
  const cleanup = () => cleanups.run()
  try {
    const vault = cliSandbox()
    cleanups.push(() => vault.dispose())
    const scratch = mkdtempSync(join(tmpdir(), 'warifu-e2e-browser-'))
    cleanups.push(() => rmSync(scratch, { recursive: true, force: true }))
    const profile = join(scratch, 'profile')
    mkdirSync(join(profile, 'NativeMessagingHosts'), { recursive: true })

    // The launcher Chromium starts: it notes each start (a shell builtin, no extra process), then
    // becomes the host with the test's vault and keychain session.
    const startsLog = join(scratch, 'host-starts.log')
    const echoHost = join(scratch, 'echo-host.cjs')
    writeFileSync(echoHost, ECHO_HOST)
    const hostEnv = {
      WARIFU_HOME: vault.home,
      WARIFU_KEYCHAIN_SERVICE: vault.service,
      DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS ?? '',
      XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '',
      WARIFU_IN_KEYRING_SESSION: process.env.WARIFU_IN_KEYRING_SESSION ?? '',
      ...options.hostEnv,
    }
    const exports = Object.entries(hostEnv)
      .map(([k, v]) => `export ${k}='${v.replaceAll("'", "'\\''")}'`)
      .join('\n')
    const launchers = {
      warifu: `exec '${process.execPath}' '${CLI}' browser-host "$@"`,
      echo: `exec '${process.execPath}' '${echoHost}' "$@"`,
    }
    for (const [name, line] of Object.entries(launchers)) {
      const file = join(scratch, `host-${name}.sh`)
      writeFileSync(file, `#!/bin/sh\nprintf '%s %s\\n' "$$" "$1" >> '${startsLog}'\n${exports}\n${line}\n`)
      chmodSync(file, 0o755)
    }
    const useHost = (host: 'warifu' | 'echo') =>
      writeFileSync(
        join(profile, 'NativeMessagingHosts', `${NATIVE_HOST_NAME}.json`),
        JSON.stringify({
          name: NATIVE_HOST_NAME,
          description: 'Warifu (test)',
          path: join(scratch, `host-${host}.sh`),
          type: 'stdio',
          allowed_origins: [EXTENSION_ORIGIN],
        }),
      )
    useHost(options.host ?? 'warifu')

    const sites = await serveSites()
    cleanups.push(() => sites.close())
    const x: XServer = await startXvfb()
    cleanups.push(() => x.stop())

    const locale = options.locale ?? 'ja'
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: false,
      locale: locale === 'ja' ? 'ja-JP' : 'en-US',
      viewport: { width: 1000, height: 700 },
      // Chromium itself stays off the test's D-Bus session (it would start the accessibility bus there:
      // noise and a lingering process); the host launcher carries the session address for the keychain.
      env: { ...process.env, DISPLAY: x.display, DBUS_SESSION_BUS_ADDRESS: 'disabled:', NO_AT_BRIDGE: '1' },
      args: [
        ...CHROMIUM_FLAGS,
        `--lang=${locale === 'ja' ? 'ja' : 'en-US'}`,
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        `--proxy-server=${sites.proxy}`,
        // Nothing resolves but the proxy's loopback address: no request can leave the machine.
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
        `--ignore-certificate-errors-spki-list=${sites.spkiSha256}`,
        '--window-position=0,0',
        '--password-store=basic',
      ],
    })
    cleanups.push(() => context.close())
    const worker =
      context.serviceWorkers().find((w) => w.url().startsWith(EXTENSION_ORIGIN)) ??
      (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(EXTENSION_ORIGIN) }))

    const shortcutKeys = xdotoolKeys(extensionShortcut(extensionDir))
    const focus = async (page: Page) => {
      await page.bringToFront()
      // No window manager on Xvfb: focus Chromium's browser window directly, found by its title (an
      // open popup or the omnibox's dropdown are windows too, without that title).
      xdotool(x.display, [...['search', '--onlyvisible', '--name', ' - Chromium$'], ...['windowfocus', '--sync']])
    }
    const sendKeys = (keys: string) => xdotool(x.display, ['key', '--clearmodifiers', keys])
    return {
      context,
      worker,
      vault,
      sites,
      hostStarts: () =>
        (existsSync(startsLog) ? readFileSync(startsLog, 'utf8').split('\n').filter(Boolean) : []).map((line) => {
          const [pid, caller] = line.split(' ')
          return { pid: Number(pid), caller: caller ?? '' }
        }),
      useHost,
      open: async (url) => {
        const page = await context.newPage()
        await page.goto(url)
        return page
      },
      focus,
      sendKeys,
      pressShortcut: async (page) => {
        await focus(page)
        sendKeys(shortcutKeys)
      },
      shortcutKeys,
      echoHostScript: echoHost,
      close: cleanup,
    }
  } catch (error) {
    await cleanup()
    throw error
  }
}

/**
 * The loaded extension's own texts (its built `_locales/<lang>/messages.json`), with `{name}`
 * placeholders filled: what a test expects on screen is what the extension under test says.
 */
export function extensionTexts(
  locale: 'ja' | 'en',
  extensionDir = EXTENSION_DIR,
): (key: string, params?: Record<string, string>) => string {
  const table = JSON.parse(readFileSync(join(extensionDir, '_locales', locale, 'messages.json'), 'utf8')) as Record<
    string,
    { message: string }
  >
  return (key, params = {}) => {
    const entry = table[key]
    if (entry === undefined) throw new Error(`the built extension has no text ${key}`)
    return entry.message.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole)
  }
}
