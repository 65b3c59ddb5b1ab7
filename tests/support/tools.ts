/** Finding the independent tools tests cross-check against (oathtool, secret-tool, ...). */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The project root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** True when `name` runs on this machine. */
export function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0
}

/**
 * Whether a test that needs `what` should be skipped, with the reason printed
 * once. On CI nothing is skipped: a missing tool there is a broken CI set-up,
 * so the test runs and fails loudly instead.
 */
export function skipUnless(available: boolean, what: string): boolean {
  if (available) return false
  if (process.env.CI === 'true') return false
  console.warn(`[skip] ${what} is not available here; the tests that need it are skipped (CI runs them).`)
  return true
}

/** True inside tests/with-keyring.sh (a D-Bus session with an unlocked Secret Service). */
export function inKeyringSession(): boolean {
  return process.env.WARIFU_IN_KEYRING_SESSION === '1' && Boolean(process.env.DBUS_SESSION_BUS_ADDRESS)
}

/** The built CLI; `npm test` builds it before the tests run. */
export const CLI = resolve(ROOT, 'dist', 'cli', 'warifu.cjs')
export const cliBuilt = (): boolean => existsSync(CLI)
