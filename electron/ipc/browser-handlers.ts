/**
 * Main process: "Connect a browser" (issue 13). Main writes the native host's manifests and
 * removes the browsers' access through the same functions as `warifu browser install|uninstall`;
 * the page only asks. What the page gets back is the state to show: which browsers are connected,
 * where the unpacked extension is, and the fills since the app started (memory only).
 */
import type { BrowserChoice, BrowserStatus } from '../../shared/ipc/channels'
import { UsageError } from '../../shared/errors'
import { RecentFills } from '../browser/activity'
import type { Handlers } from './handlers'

type BrowserChannel = 'browser:status' | 'browser:connect' | 'browser:remove-access' | 'browser:open-extension-folder'

/** The browser side of main, injected (install.ts / access.ts in the app, fakes in tests). */
export interface BrowserAccess {
  /** Writes the host manifests for `browsers` (this app's host path) and allows access again. */
  connect(browsers: readonly BrowserChoice[]): Promise<void>
  /** Removes the browsers' access: from now on the host answers `access-removed`. */
  removeAccess(): Promise<void>
  /** Which browsers have the host manifest in place, and whether access is allowed. */
  state(): Promise<{ connected: BrowserChoice[]; allowed: boolean }>
  /** The unpacked extension's folders (null for a family this build does not carry). */
  extensionFolders(): BrowserStatus['extensionFolders']
  /** Shows a folder in the file manager (a path main chose, never one from the page). */
  openFolder(path: string): Promise<void>
}

/** What the handlers need: the access service and the in-memory recent fills. */
export interface BrowserDeps {
  access: BrowserAccess
  fills: RecentFills
}

/**
 * Without the browser side (handler tests that do not look at it): nothing connected, no extension,
 * and connecting is refused as a usage error rather than failing inside.
 */
const NO_BROWSER_SIDE: BrowserDeps = {
  access: {
    connect: () => Promise.reject(new UsageError('Connecting a browser is not available here.')),
    removeAccess: () => Promise.resolve(),
    state: () => Promise.resolve({ connected: [], allowed: false }),
    extensionFolders: () => ({ chromium: null, firefox: null }),
    openFolder: () => Promise.resolve(),
  },
  fills: new RecentFills(),
}

export function createBrowserHandlers(deps: BrowserDeps = NO_BROWSER_SIDE): Pick<Handlers, BrowserChannel> {
  const status = async (): Promise<BrowserStatus> => {
    const { connected, allowed } = await deps.access.state()
    return { connected, allowed, extensionFolders: deps.access.extensionFolders(), recent: deps.fills.list() }
  }
  return {
    'browser:status': status,

    'browser:connect': async (browsers) => {
      await deps.access.connect(browsers)
      return status()
    },

    // Reversible (Connect gives it back), so no confirmation: one button, as the issue asks.
    'browser:remove-access': async () => {
      await deps.access.removeAccess()
      return status()
    },

    'browser:open-extension-folder': async (family) => {
      const folder = deps.access.extensionFolders()[family]
      // Nothing to open in a build without that family's extension; the view shows no button then.
      if (folder !== null) await deps.access.openFolder(folder)
    },
  }
}
