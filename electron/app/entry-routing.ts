/**
 * What the app's executable was started for. The packaged app carries no Node (its RunAsNode
 * fuse is off), so the same executable serves three callers:
 *   - a browser starting the native host: `chrome-extension://<id>/` first (Chromium), or a
 *     manifest path then the extension's id (Firefox);
 *   - a person typing `warifu list` (the deb's and the Windows installer's `warifu` is the app);
 *   - everything else, which opens the window as before: no arguments, the switches Electron,
 *     Chromium or the OS add to a launch (`--no-sandbox`, `--enable-features=…`, macOS's
 *     `-psn_0_123`), a `warifu://` link, or a file handed to "Open with".
 * Pure, so every argv shape is unit-tested; electron/main.ts only acts on the answer.
 */

export type EntryRoute =
  | { kind: 'gui' }
  /** Run `warifu <args>` without a window and exit with its code. */
  | { kind: 'cli'; args: string[] }
  /** Run `warifu browser-host <args>` (the browser's arguments, unchanged). */
  | { kind: 'host'; args: string[] }

export interface EntryRoutingOptions {
  /** process.defaultApp: true when started as `electron <app-path>` (dev), where argv[1] is the app path. */
  defaultApp: boolean
  /** The `warifu` command words (ALL_COMMANDS' names). */
  commands: readonly string[]
}

/** The CLI's own top-level words and flags besides the command names. */
const CLI_WORDS = ['help', '--help', '-h', '--version', '-V', '-v', '__complete', '__man']

// A Chromium-style switch (`--no-sandbox`, `--enable-features=X`) or macOS's process serial number.
const LAUNCH_SWITCH = /^(--[a-z0-9][a-z0-9-]*(=.*)?|-psn_[0-9_]+)$/is

// Firefox ids: a GUID in braces or an e-mail-like id (MDN, browser_specific_settings).
const FIREFOX_ID = /^(\{[0-9a-f-]{36}\}|[a-z0-9._+-]+@[a-z0-9.-]+)$/i

/** The route for this command line (argv as Electron's main process sees it). */
export function routeEntry(argv: readonly string[], options: EntryRoutingOptions): EntryRoute {
  const user = argv.slice(options.defaultApp ? 2 : 1)
  const first = user[0]
  if (first === undefined) return { kind: 'gui' }
  if (/^chrome-extension:\/\//i.test(first)) return { kind: 'host', args: [...user] }
  if (/\.json$/i.test(first) && user[1] !== undefined && FIREFOX_ID.test(user[1]))
    return { kind: 'host', args: [...user] }
  // A command word may follow the switches an AppImage or a desktop file put first.
  const start = user.findIndex((arg) => !LAUNCH_SWITCH.test(arg) || CLI_WORDS.includes(arg))
  const word = start === -1 ? undefined : user[start]
  if (word !== undefined && (CLI_WORDS.includes(word) || options.commands.includes(word)))
    return { kind: 'cli', args: user.slice(start) }
  return { kind: 'gui' }
}
