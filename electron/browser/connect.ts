/**
 * Connecting and disconnecting the browsers, as the app's "Connect a browser" and "Remove
 * access" buttons and `warifu browser install|uninstall` do it: the manifests and the
 * browser-access flag change together.
 */
import { setBrowserAccessRemoved } from './access'
import {
  BROWSERS,
  installBrowserHost,
  uninstallBrowserHost,
  type BrowserInstallResult,
  type BrowserName,
  type InstallContext,
  type Place,
} from './install'

export interface RemoveOptions {
  /** Removing reads only where the manifests are, never what they start. */
  ctx: Place
  nowMs: number
  /** The browsers asked for; every browser with a profile folder when absent. */
  browsers?: readonly BrowserName[]
}

export interface ConnectOptions extends RemoveOptions {
  ctx: InstallContext
}

/** Clears the removed-access flag and installs the host manifests. */
export async function connectBrowser(options: ConnectOptions): Promise<BrowserInstallResult[]> {
  const results = await installBrowserHost(options.browsers ?? BROWSERS, options.ctx, {
    explicit: options.browsers !== undefined,
  })
  await setBrowserAccessRemoved(options.ctx.dataDir, false, options.nowMs)
  return results
}

/**
 * Removes the manifests Warifu wrote. For every browser (none named, or all of them) it sets the
 * removed-access flag first, so a manifest left anywhere (a copy, another profile) gets
 * `access-removed`; removing one browser leaves the others working.
 */
export async function removeBrowserAccess(options: RemoveOptions): Promise<BrowserInstallResult[]> {
  const browsers = options.browsers ?? BROWSERS
  if (BROWSERS.every((b) => browsers.includes(b)))
    await setBrowserAccessRemoved(options.ctx.dataDir, true, options.nowMs)
  return uninstallBrowserHost(browsers, options.ctx)
}
