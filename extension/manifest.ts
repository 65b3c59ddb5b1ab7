/**
 * The extension's manifest for each browser family, written out by build/extension.mjs.
 * Permissions are the fewest a fill needs: the native host, the tab the user acted on (the
 * shortcut or a click on the toolbar button grants it, and only for that moment) and script
 * injection into it. No host permissions: the extension sees no page the user did not act on.
 */
import { CHROMIUM_EXTENSION_KEY, FIREFOX_EXTENSION_ID } from '../shared/browser/extension-id'

/** Chrome, Edge, Brave and Chromium share one build; Firefox gets its own manifest. */
export type BrowserFamily = 'chromium' | 'firefox'

/** The command the shortcut triggers (the name the background listens for). */
export const FILL_COMMAND = 'fill-code'

/**
 * Alt+Shift+2 ("2" for two-factor): Chrome, Edge, Brave and Firefox bind no Alt+Shift+digit
 * (their Alt+Shift keys are letters: Alt+Shift+I feedback, T toolbar, A alerts, B bookmarks bar),
 * and web pages' own shortcuts (Gmail, GitHub, Google Docs, Slack) use Ctrl/Alt+letter or
 * Alt+Shift+digits only inside their editors, never on a login page. One known overlap: Firefox
 * opens a page's `accesskey` with Alt+Shift, so a page with accesskey="2" (the UK government
 * "skip to content" convention) may keep the key there; login pages rarely set one. On a Mac
 * Option+Shift+2 types "€", so it is Control+Shift+2 there (macOS binds only Control+digit to
 * Spaces). The user can change it at chrome://extensions/shortcuts or in Firefox's Manage
 * Extension Shortcuts.
 */
export const FILL_SHORTCUT = { default: 'Alt+Shift+2', mac: 'MacCtrl+Shift+2' } as const

/**
 * Opens the popup from the keyboard, as a click on the toolbar button does (and granting the tab
 * the same way): the account chooser and the page's state without the mouse. The next digit, for
 * the same reasons as FILL_SHORTCUT.
 */
export const POPUP_SHORTCUT = { default: 'Alt+Shift+3', mac: 'MacCtrl+Shift+3' } as const

/** Icon sizes copied from build/icons/png. */
export const ICON_SIZES = [16, 32, 48, 128] as const

/** The manifest.json object for one family; `version` is the app's (package.json). */
export function manifestFor(family: BrowserFamily, version: string): Record<string, unknown> {
  const icons = Object.fromEntries(ICON_SIZES.map((size) => [String(size), `icons/${size}.png`]))
  const common = {
    manifest_version: 3,
    name: '__MSG_extensionName__',
    short_name: 'Warifu',
    description: '__MSG_extensionDescription__',
    version,
    default_locale: 'en',
    icons,
    permissions: ['nativeMessaging', 'activeTab', 'scripting'],
    action: { default_title: '__MSG_actionTitle__', default_popup: 'popup.html', default_icon: icons },
    commands: {
      [FILL_COMMAND]: { suggested_key: FILL_SHORTCUT, description: '__MSG_commandFill__' },
      // The browser's own command for the toolbar button (no handler needed: it opens the popup).
      _execute_action: { suggested_key: POPUP_SHORTCUT, description: '__MSG_commandPopup__' },
    },
    // The popup's page: scripts from the package only, nothing fetched, nothing inline.
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'none'" },
  }
  if (family === 'chromium') {
    // The key pins the id the native host manifests allow (shared/browser/extension-id.ts).
    return {
      ...common,
      key: CHROMIUM_EXTENSION_KEY,
      background: { service_worker: 'background.js' },
      minimum_chrome_version: '116',
    }
  }
  // Firefox's MV3 runs background scripts as an event page (no service workers).
  return {
    ...common,
    background: { scripts: ['background.js'] },
    browser_specific_settings: {
      gecko: {
        id: FIREFOX_EXTENSION_ID,
        strict_min_version: '140.0',
        // Firefox's data consent: nothing leaves the machine (the host is a local program).
        data_collection_permissions: { required: ['none'] },
      },
    },
  }
}
