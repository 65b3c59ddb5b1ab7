/**
 * The app's side of "Connect a browser": the same connect and remove as `warifu browser
 * install|uninstall` (connect.ts), what is connected now (a manifest of ours in the browser's
 * per-user folder, or its registry key on Windows), and where the unpacked extension is.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { BrowserHostNeedsNodeError } from '../../shared/errors'
import type { BrowserChoice, BrowserFamily } from '../../shared/ipc/channels'
import type { BrowserAccess } from '../ipc/browser-handlers'
import { isBrowserAccessRemoved } from './access'
import { connectBrowser, removeBrowserAccess } from './connect'
import { BROWSERS, hostCommandFor, isInstalled, type HostCommand, type InstallContext, type Place } from './install'

export interface AppBrowserAccessOptions {
  /** Where the manifests go: this user's home, data folder, platform (and registry on Windows). */
  place: Place
  /** What the manifests start; asked only when connecting (it may fail: BROWSER_INSTALL_FAILED). */
  host(): InstallContext['host']
  now: () => number
  /** The folder holding the built extension's `chromium/` and `firefox/` folders. */
  extensionRoot: string
  /** Shows a folder in the file manager (shell.openPath in the app). */
  openFolder(path: string): Promise<void>
}

/** A folder of the built extension, when it is there (a manifest inside). */
function extensionFolder(root: string, family: BrowserFamily): string | null {
  const folder = join(root, family)
  return existsSync(join(folder, 'manifest.json')) ? folder : null
}

/** True for a file this user may execute. */
export function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/**
 * A Node executable for the host of an app run from source: the one npm ran `npm start` with
 * (npm_node_execpath, then NODE, both set by npm), else the first `node` on PATH; null when none.
 */
export function findNode(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform,
  isExecutable: (path: string) => boolean = isExecutableFile,
): string | null {
  const named = [env.npm_node_execpath, env.NODE].filter((p): p is string => p !== undefined && p !== '')
  const exe = platform === 'win32' ? 'node.exe' : 'node'
  const onPath = (env.PATH ?? env.Path ?? '')
    .split(platform === 'win32' ? ';' : ':')
    .filter((dir) => dir !== '')
    .map((dir) => join(dir, exe))
  return [...named, ...onPath].find((path) => isExecutable(path)) ?? null
}

/**
 * What "Connect a browser" writes as the host. Packaged, the app's own executable (it runs host
 * mode when a browser starts it). From source (npm start) that executable is the plain Electron
 * binary, which cannot start Warifu without the app folder: then the same launcher the npm CLI
 * writes, Node running the built `warifu.cjs browser-host`.
 */
export function appHostCommand(options: {
  isPackaged: boolean
  proc: { versions: Record<string, string | undefined>; execPath: string; env: Record<string, string | undefined> }
  platform: NodeJS.Platform
  /** The built CLI (dist/cli/warifu.cjs), beside the built main process. */
  cliScript: string
  isExecutable?: (path: string) => boolean
  fileExists?: (path: string) => boolean
}): HostCommand {
  if (options.isPackaged) return hostCommandFor({ ...options.proc, script: undefined })
  const node = findNode(options.proc.env, options.platform, options.isExecutable)
  const fileExists = options.fileExists ?? existsSync
  if (node === null || !fileExists(options.cliScript)) {
    throw new BrowserHostNeedsNodeError('A development build needs Node and the built CLI to start the browser host.')
  }
  return { kind: 'node', node, script: options.cliScript }
}

export function appBrowserAccess(options: AppBrowserAccessOptions): BrowserAccess {
  const { place } = options
  return {
    connect: async (browsers) => {
      await connectBrowser({ ctx: { ...place, host: options.host() }, nowMs: options.now(), browsers })
    },
    // Every browser: the flag goes on first, so a manifest left anywhere gets `access-removed`.
    removeAccess: async () => {
      await removeBrowserAccess({ ctx: place, nowMs: options.now() })
    },
    state: async () => {
      const connected: BrowserChoice[] = []
      for (const browser of BROWSERS) if (await isInstalled(browser, place)) connected.push(browser)
      return { connected, allowed: !(await isBrowserAccessRemoved(place.dataDir)) }
    },
    extensionFolders: () => ({
      chromium: extensionFolder(options.extensionRoot, 'chromium'),
      firefox: extensionFolder(options.extensionRoot, 'firefox'),
    }),
    openFolder: (path) => options.openFolder(path),
  }
}
