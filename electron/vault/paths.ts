/** Where Warifu keeps its metadata and which keychain service it uses. */
import { homedir } from 'node:os'
import { join } from 'node:path'

/** Electron's app name (package.json productName), so the CLI finds the app's data. */
export const APP_DIR_NAME = 'Warifu'
export const DEFAULT_KEYCHAIN_SERVICE = 'warifu'
export const METADATA_FILE = 'vault.json'

type Env = Record<string, string | undefined>

/**
 * Electron's `appData` for this platform joined with the app's name: the same
 * directory as `app.getPath('userData')`, computed without Electron.
 * `WARIFU_HOME` overrides it (tests, portable set-ups).
 */
export function dataDir(
  env: Env = process.env,
  platform: NodeJS.Platform = process.platform,
  home = homedir(),
): string {
  if (env.WARIFU_HOME) return env.WARIFU_HOME
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', APP_DIR_NAME)
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME)
    default:
      return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_DIR_NAME)
  }
}

/** The keychain service name; `WARIFU_KEYCHAIN_SERVICE` keeps tests away from a user's real entries. */
export function keychainService(env: Env = process.env): string {
  return env.WARIFU_KEYCHAIN_SERVICE || DEFAULT_KEYCHAIN_SERVICE
}

/** Optional override of the keychain call timeout, in milliseconds. */
export function keychainTimeoutMs(env: Env = process.env): number | undefined {
  const n = Number(env.WARIFU_KEYCHAIN_TIMEOUT_MS)
  return Number.isInteger(n) && n > 0 ? n : undefined
}
