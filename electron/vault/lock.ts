/** A lock file so the app and the CLI never interleave read-modify-write cycles on the vault. */
import { open, readFile, rm } from 'node:fs/promises'
import { setTimeout as delay } from 'node:timers/promises'
import { VaultBusyError } from '../../shared/errors'

const RETRY_MS = 20

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function tryAcquire(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx', 0o600)
    await handle.writeFile(String(process.pid))
    await handle.close()
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  // A lock left by a process that died (a crash mid-write) is taken over.
  const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim())
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && !isAlive(owner)) {
    await rm(path, { force: true })
  }
  return false
}

/** Runs `fn` while holding the lock file at `path`; waits up to `timeoutMs` for another holder. */
export async function withFileLock<T>(path: string, fn: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  while (!(await tryAcquire(path))) {
    if (Date.now() > deadline) {
      throw new VaultBusyError('Another Warifu window or command is changing the accounts; try again in a moment.')
    }
    await delay(RETRY_MS)
  }
  try {
    return await fn()
  } finally {
    await rm(path, { force: true })
  }
}
