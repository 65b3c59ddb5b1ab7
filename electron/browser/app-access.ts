/**
 * The app's side of "Connect a browser": the same connect and remove as `warifu browser
 * install|uninstall` (connect.ts), what is connected now (a manifest of ours in the browser's
 * per-user folder, or its registry key on Windows), and where the unpacked extension is.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { NATIVE_HOST_NAME } from '../../shared/browser/extension-id'
import type { BrowserChoice } from '../../shared/ipc/channels'
import type { BrowserAccess } from '../ipc/browser-handlers'
import { isBrowserAccessRemoved } from './access'
import { connectBrowser, removeBrowserAccess } from './connect'
import { BROWSERS, manifestDir, registryKey, type InstallContext } from './install'

export interface AppBrowserAccessOptions {
  /** Where the manifests go: this user's home, data folder, platform (and registry on Windows). */
  place: Omit<InstallContext, 'host'>
  /** What the manifests start; asked only when connecting (it may fail: BROWSER_INSTALL_FAILED). */
  host(): InstallContext['host']
  now: () => number
  /** The folder holding the built extension's `chromium/` and `firefox/` folders. */
  extensionRoot: string
  /** Shows a folder in the file manager (shell.openPath in the app). */
  openFolder(path: string): Promise<void>
}

/** Whether the host's manifest for `browser` is in place for this user. */
async function isConnected(browser: BrowserChoice, ctx: Omit<InstallContext, 'host'>): Promise<boolean> {
  if (ctx.platform === 'win32') {
    if (!ctx.reg) return false
    return (await ctx.reg(['query', registryKey(browser), '/ve'])).code === 0
  }
  return existsSync(join(manifestDir(browser, ctx), `${NATIVE_HOST_NAME}.json`))
}

/** A folder of the built extension, when it is there (a manifest inside). */
function extensionFolder(root: string, family: 'chromium' | 'firefox'): string | null {
  const folder = join(root, family)
  return existsSync(join(folder, 'manifest.json')) ? folder : null
}

export function appBrowserAccess(options: AppBrowserAccessOptions): BrowserAccess {
  const { place } = options
  return {
    connect: async (browsers) => {
      await connectBrowser({ ctx: { ...place, host: options.host() }, nowMs: options.now(), browsers })
    },
    // Every browser: the flag goes on first, so a manifest left anywhere gets `access-removed`.
    removeAccess: async () => {
      // Removing reads no host command: this process's own path stands in, so a remove never fails over it.
      const host = { kind: 'app', executable: process.execPath } as const
      await removeBrowserAccess({ ctx: { ...place, host }, nowMs: options.now() })
    },
    state: async () => {
      const connected: BrowserChoice[] = []
      for (const browser of BROWSERS) if (await isConnected(browser, place)) connected.push(browser)
      return { connected, allowed: !(await isBrowserAccessRemoved(place.dataDir)) }
    },
    extensionFolders: () => ({
      chromium: extensionFolder(options.extensionRoot, 'chromium'),
      firefox: extensionFolder(options.extensionRoot, 'firefox'),
    }),
    openFolder: (path) => options.openFolder(path),
  }
}
