/**
 * `warifu browser install|uninstall`: the native messaging host manifests that let Warifu's
 * extension (and only it) start `warifu browser-host`. Per user, never system-wide; running
 * install twice changes nothing; uninstall removes only what Warifu wrote.
 *
 * Where each browser looks for a user's manifests:
 *   Chrome/Chromium: https://developer.chrome.com/docs/extensions/develop/concepts/native-messaging#native-messaging-host-location
 *     Linux ~/.config/google-chrome/NativeMessagingHosts, ~/.config/chromium/NativeMessagingHosts;
 *     macOS ~/Library/Application Support/Google/Chrome/NativeMessagingHosts, …/Chromium/NativeMessagingHosts;
 *     Windows HKCU\Software\Google\Chrome\NativeMessagingHosts\<name> (default value: the manifest's path).
 *   Edge: https://learn.microsoft.com/microsoft-edge/extensions/developer-guide/native-messaging
 *     Linux ~/.config/microsoft-edge/NativeMessagingHosts; macOS …/Microsoft Edge/NativeMessagingHosts;
 *     Windows HKCU\Software\Microsoft\Edge\NativeMessagingHosts\<name>.
 *   Brave follows Chromium's layout under BraveSoftware/Brave-Browser (and its registry key).
 *   Firefox: https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/Native_manifests#manifest_location
 *     Linux ~/.mozilla/native-messaging-hosts; macOS ~/Library/Application Support/Mozilla/NativeMessagingHosts;
 *     Windows HKCU\Software\Mozilla\NativeMessagingHosts\<name>.
 * Chromium's user data folder follows XDG_CONFIG_HOME on Linux; Firefox's ~/.mozilla does not.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, lstat, mkdir, readFile, rm } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { CHROMIUM_EXTENSION_ID, FIREFOX_EXTENSION_ID, NATIVE_HOST_NAME } from '../../shared/browser/extension-id'
import { BrowserInstallError } from '../../shared/errors'
import { BROWSER_CHOICES, type BrowserChoice, type BrowserFamily } from '../../shared/ipc/channels'
import { writeFileAtomic } from '../vault/atomic-file'
import { dataDir } from '../vault/paths'

// The browser names are the IPC contract's: the app's "Connect a browser" and this command share them.
export const BROWSERS = BROWSER_CHOICES
export type BrowserName = BrowserChoice
export type { BrowserFamily }

/** How the manifest's `path` starts the host. */
export type HostCommand =
  /** The packaged app's own executable: it runs host mode when started with a caller origin. */
  | { kind: 'app'; executable: string }
  /** The npm CLI: a launcher script runs `node warifu.cjs browser-host "$@"`. */
  | { kind: 'node'; node: string; script: string }

/** Runs `reg.exe` with these arguments (Windows); injected so it is tested anywhere. */
export type RegRunner = (args: string[]) => Promise<{ code: number; stdout: string }>

export interface InstallContext {
  platform: NodeJS.Platform
  home: string
  /** Warifu's data folder: where the Windows manifests and launcher are kept. */
  dataDir: string
  env: Record<string, string | undefined>
  host: HostCommand
  reg?: RegRunner
}

/** Where the manifests live, without what they start: all that uninstalling reads. */
export type Place = Omit<InstallContext, 'host'>

/** What happened for one browser. */
export interface BrowserInstallResult {
  browser: BrowserName
  status: 'installed' | 'not-found' | 'removed' | 'absent' | 'not-ours'
  /** The manifest's path (and registry key on Windows). */
  where: string
}

/** Written into every manifest and launcher: uninstall removes only files that carry it. */
export const HOST_DESCRIPTION = 'Warifu: one-time codes for the account\u2019s own site'
const LAUNCHER_MARK = 'Written by "warifu browser install"'
const MANIFEST_FILE = `${NATIVE_HOST_NAME}.json`
const LAUNCHER_UNIX = 'warifu-browser-host'
const LAUNCHER_WINDOWS = 'warifu-browser-host.cmd'
// Passed through a launcher so the host opens the vault the user installed from (browsers start
// hosts with their own environment, which rarely has these).
const CARRIED_ENV = ['WARIFU_HOME', 'WARIFU_KEYCHAIN_SERVICE'] as const

export function browserFamily(browser: BrowserName): BrowserFamily {
  return browser === 'firefox' ? 'firefox' : 'chromium'
}

/** The folder holding this browser's per-user manifests (Linux and macOS). */
export function manifestDir(browser: BrowserName, ctx: Pick<InstallContext, 'platform' | 'home' | 'env'>): string {
  const { home } = ctx
  if (ctx.platform === 'darwin') {
    const support = join(home, 'Library', 'Application Support')
    const parts: Record<BrowserName, string[]> = {
      chrome: ['Google', 'Chrome'],
      chromium: ['Chromium'],
      edge: ['Microsoft Edge'],
      brave: ['BraveSoftware', 'Brave-Browser'],
      firefox: ['Mozilla'],
    }
    return join(support, ...parts[browser], 'NativeMessagingHosts')
  }
  if (browser === 'firefox') return join(home, '.mozilla', 'native-messaging-hosts')
  const config = ctx.env.XDG_CONFIG_HOME || join(home, '.config')
  const parts: Record<Exclude<BrowserName, 'firefox'>, string[]> = {
    chrome: ['google-chrome'],
    chromium: ['chromium'],
    edge: ['microsoft-edge'],
    brave: ['BraveSoftware', 'Brave-Browser'],
  }
  return join(config, ...parts[browser], 'NativeMessagingHosts')
}

/** The per-user registry key naming this browser's manifest (Windows). */
export function registryKey(browser: BrowserName): string {
  const vendor: Record<BrowserName, string> = {
    chrome: 'Google\\Chrome',
    chromium: 'Chromium',
    edge: 'Microsoft\\Edge',
    brave: 'BraveSoftware\\Brave-Browser',
    firefox: 'Mozilla',
  }
  return `HKCU\\Software\\${vendor[browser]}\\NativeMessagingHosts\\${NATIVE_HOST_NAME}`
}

/** Whether the host's manifest for `browser` is in place for this user (its registry key on Windows). */
export async function isInstalled(browser: BrowserName, ctx: Place): Promise<boolean> {
  if (ctx.platform === 'win32') {
    if (!ctx.reg) return false
    return (await ctx.reg(['query', registryKey(browser), '/ve'])).code === 0
  }
  return existsSync(join(manifestDir(browser, ctx), MANIFEST_FILE))
}

/** The manifest for one browser family, naming only Warifu's own extension. */
export function hostManifest(family: BrowserFamily, hostPath: string): Record<string, unknown> {
  const common = { name: NATIVE_HOST_NAME, description: HOST_DESCRIPTION, path: hostPath, type: 'stdio' }
  return family === 'firefox'
    ? { ...common, allowed_extensions: [FIREFOX_EXTENSION_ID] }
    : { ...common, allowed_origins: [`chrome-extension://${CHROMIUM_EXTENSION_ID}/`] }
}

function shQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

/** The `#!/bin/sh` launcher for the npm CLI (Chrome needs an executable file, not a command line). */
export function unixLauncher(host: Extract<HostCommand, { kind: 'node' }>, env: InstallContext['env']): string {
  const lines = ['#!/bin/sh', `# ${LAUNCHER_MARK}: starts Warifu's native messaging host.`]
  for (const name of CARRIED_ENV) {
    const value = env[name]
    if (value) lines.push(`${name}=${shQuote(value)}; export ${name}`)
  }
  lines.push(`exec ${shQuote(host.node)} ${shQuote(host.script)} browser-host "$@"`)
  return `${lines.join('\n')}\n`
}

/** The `.cmd` launcher for the npm CLI on Windows. Values cmd would expand or split are not carried. */
export function windowsLauncher(host: Extract<HostCommand, { kind: 'node' }>, env: InstallContext['env']): string {
  const lines = ['@echo off', `rem ${LAUNCHER_MARK}: starts Warifu's native messaging host.`]
  for (const name of CARRIED_ENV) {
    const value = env[name]
    if (value && !/["%^&|<>\r\n]/.test(value)) lines.push(`set "${name}=${value}"`)
  }
  lines.push(`"${host.node}" "${host.script}" browser-host %*`)
  return `${lines.join('\r\n')}\r\n`
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  )
}

async function isOurs(path: string): Promise<boolean> {
  try {
    const text = await readFile(path, 'utf8')
    if (path.endsWith('.json')) {
      const value = JSON.parse(text) as { name?: unknown; description?: unknown }
      return value.name === NATIVE_HOST_NAME && value.description === HOST_DESCRIPTION
    }
    return text.includes(LAUNCHER_MARK)
  } catch {
    return false
  }
}

async function writeExecutable(path: string, text: string): Promise<void> {
  await writeFileAtomic(path, text)
  // Chrome refuses a host it cannot execute; owner-only like the rest of Warifu's files.
  await chmod(path, 0o700)
}

/** Writes the launcher (npm CLI) in `dir` and returns the path the manifest names. */
async function writeHostEntry(dir: string, ctx: InstallContext): Promise<string> {
  if (ctx.host.kind === 'app') return ctx.host.executable
  if (ctx.platform === 'win32') {
    const path = join(dir, LAUNCHER_WINDOWS)
    await writeFileAtomic(path, windowsLauncher(ctx.host, ctx.env))
    return path
  }
  const path = join(dir, LAUNCHER_UNIX)
  await writeExecutable(path, unixLauncher(ctx.host, ctx.env))
  return path
}

/**
 * Writes the manifest (and launcher) for one browser family into `dir`; returns the manifest's
 * path. Also for a test profile's own NativeMessagingHosts folder.
 */
export async function installManifestInto(dir: string, family: BrowserFamily, ctx: InstallContext): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const hostPath = await writeHostEntry(dir, ctx)
  const manifestPath = join(dir, ctx.platform === 'win32' ? `${NATIVE_HOST_NAME}.${family}.json` : MANIFEST_FILE)
  await writeFileAtomic(manifestPath, `${JSON.stringify(hostManifest(family, hostPath), null, 2)}\n`)
  return manifestPath
}

function windowsDir(ctx: Pick<Place, 'dataDir'>): string {
  return join(ctx.dataDir, 'browser-host')
}

function needReg(ctx: Pick<Place, 'reg'>): RegRunner {
  if (!ctx.reg) throw new BrowserInstallError('The Windows registry cannot be reached.')
  return ctx.reg
}

async function installOne(browser: BrowserName, ctx: InstallContext, explicit: boolean): Promise<BrowserInstallResult> {
  const family = browserFamily(browser)
  if (ctx.platform === 'win32') {
    const manifest = await installManifestInto(windowsDir(ctx), family, ctx)
    const key = registryKey(browser)
    const r = await needReg(ctx)(['add', key, '/ve', '/t', 'REG_SZ', '/d', manifest, '/f'])
    if (r.code !== 0) throw new BrowserInstallError(`Could not write the registry key for ${browser}.`)
    return { browser, status: 'installed', where: `${key} -> ${manifest}` }
  }
  const dir = manifestDir(browser, ctx)
  // With every browser asked for, only those that have a profile folder: no folders for browsers
  // the user does not have. Naming one browser installs for it regardless.
  const profileRoot = dirname(dir)
  if (!explicit && !(await exists(profileRoot))) return { browser, status: 'not-found', where: dir }
  return { browser, status: 'installed', where: await installManifestInto(dir, family, ctx) }
}

/** Installs the host for these browsers (every one when `explicit` is false and they have a profile). */
export async function installBrowserHost(
  browsers: readonly BrowserName[],
  ctx: InstallContext,
  options: { explicit: boolean },
): Promise<BrowserInstallResult[]> {
  const results: BrowserInstallResult[] = []
  try {
    for (const browser of browsers) results.push(await installOne(browser, ctx, options.explicit))
  } catch (error) {
    if (error instanceof BrowserInstallError) throw error
    throw new BrowserInstallError(
      'Could not write the browser\u2019s host manifest (check the folder\u2019s permissions).',
      {
        cause: error,
      },
    )
  }
  return results
}

async function removeIfOurs(path: string): Promise<'removed' | 'absent' | 'not-ours'> {
  if (!(await exists(path))) return 'absent'
  if (!(await isOurs(path))) return 'not-ours'
  await rm(path, { force: true })
  return 'removed'
}

async function uninstallOne(browser: BrowserName, ctx: Place): Promise<BrowserInstallResult> {
  if (ctx.platform === 'win32') {
    const key = registryKey(browser)
    const manifest = join(windowsDir(ctx), `${NATIVE_HOST_NAME}.${browserFamily(browser)}.json`)
    const reg = needReg(ctx)
    const query = await reg(['query', key, '/ve'])
    if (query.code !== 0) return { browser, status: 'absent', where: key }
    // Someone else's key under our name is left alone.
    if (!query.stdout.toLowerCase().includes(manifest.toLowerCase())) return { browser, status: 'not-ours', where: key }
    const r = await reg(['delete', key, '/f'])
    if (r.code !== 0) throw new BrowserInstallError(`Could not remove the registry key for ${browser}.`)
    return { browser, status: 'removed', where: key }
  }
  const dir = manifestDir(browser, ctx)
  const manifest = join(dir, MANIFEST_FILE)
  const status = await removeIfOurs(manifest)
  // The launcher goes with our manifest (or alone, if a manifest was removed by hand).
  if (status !== 'not-ours') await removeIfOurs(join(dir, LAUNCHER_UNIX))
  return { browser, status, where: manifest }
}

/** Removes the host for these browsers: only manifests, launchers and keys that Warifu wrote. */
export async function uninstallBrowserHost(
  browsers: readonly BrowserName[],
  ctx: Place,
): Promise<BrowserInstallResult[]> {
  const results: BrowserInstallResult[] = []
  try {
    for (const browser of browsers) results.push(await uninstallOne(browser, ctx))
    if (ctx.platform === 'win32' && browsers.length === BROWSERS.length) {
      // Every key is gone: the shared manifests and launcher can go too.
      for (const name of [`${NATIVE_HOST_NAME}.chromium.json`, `${NATIVE_HOST_NAME}.firefox.json`, LAUNCHER_WINDOWS])
        await removeIfOurs(join(windowsDir(ctx), name))
    }
  } catch (error) {
    if (error instanceof BrowserInstallError) throw error
    throw new BrowserInstallError(
      'Could not remove the browser\u2019s host manifest (check the folder\u2019s permissions).',
      {
        cause: error,
      },
    )
  }
  return results
}

/** `reg.exe` from the system folder (not whatever `reg` is first on the PATH). */
export const systemRegRunner: RegRunner = (args) =>
  new Promise((done) => {
    const root = process.env.SystemRoot ?? 'C:\\Windows'
    execFile(join(root, 'System32', 'reg.exe'), args, { windowsHide: true, encoding: 'utf8' }, (error, stdout) =>
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: stdout ?? '' }),
    )
  })

/**
 * How this process starts the host. The packaged app names its own executable (on Linux an
 * AppImage's own file, not the folder it mounts for each run); the npm CLI a launcher for Node
 * and the `warifu.cjs` being run.
 */
export function hostCommandFor(proc: {
  versions: Record<string, string | undefined>
  execPath: string
  script: string | undefined
  env: Record<string, string | undefined>
}): HostCommand {
  if (proc.versions.electron !== undefined) return { kind: 'app', executable: proc.env.APPIMAGE || proc.execPath }
  if (proc.script === undefined) throw new BrowserInstallError('Could not tell where the warifu command is.')
  return { kind: 'node', node: proc.execPath, script: proc.script }
}

/** The install context of this process: the user's home, data folder and real registry. */
export function processInstallContext(host: HostCommand): InstallContext {
  return {
    platform: process.platform,
    home: homedir(),
    dataDir: dataDir(),
    env: process.env,
    host,
    reg: systemRegRunner,
  }
}
