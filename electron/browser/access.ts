/**
 * The browser-access flag: a small file in the data folder saying the user removed the
 * browsers' access (the app's "Remove access" button or `warifu browser uninstall`). While it
 * says so, the native host answers every request with `access-removed`, even if a manifest
 * was left behind (another browser profile, a copy the user made).
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../vault/atomic-file'

export const BROWSER_ACCESS_FILE = 'browser-access.json'

/** True when access was removed. A file that cannot be read as ours counts as removed (fail closed). */
export async function isBrowserAccessRemoved(dataDir: string): Promise<boolean> {
  let text: string
  try {
    text = await readFile(join(dataDir, BROWSER_ACCESS_FILE), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
    return true
  }
  try {
    const value = JSON.parse(text) as unknown
    return !(typeof value === 'object' && value !== null && (value as { removed?: unknown }).removed === false)
  } catch {
    return true
  }
}

/** Records whether access is removed (atomically: a crash leaves the old or the new flag). */
export async function setBrowserAccessRemoved(dataDir: string, removed: boolean, nowMs: number): Promise<void> {
  const content = { removed, at: new Date(nowMs).toISOString() }
  await writeFileAtomic(join(dataDir, BROWSER_ACCESS_FILE), `${JSON.stringify(content)}\n`)
}
