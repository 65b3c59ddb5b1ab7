/**
 * The writers' lock: the app and the CLI never interleave read-modify-write
 * cycles on the vault. Readers do not take it (the file is replaced atomically).
 *
 * The lock is one the kernel releases when its holder dies, however it dies, so
 * there is no stale lock to detect: no PID that may have been reused, no lock
 * file left empty by a kill between its creation and its content, and no race
 * between two processes that both judge a lock stale and both take it over.
 *   Linux:   a listening Unix socket in the abstract namespace (no file at all).
 *   Windows: a listening named pipe.
 *   macOS:   open(2) with O_EXLOCK, a flock(2) lock on `<vault>.lock`.
 * Lock files written by Warifu before this design hold nothing the new lock
 * reads; they never block anyone.
 *
 * Why not proper-lockfile: measured here (v4, stale at its 2 s minimum), a SIGKILLed
 * holder's lock was taken over only after 2.9 s, and two contenders that judged one
 * stale lock at once (one with a slower stat) both held it. Any lock that must
 * guess staleness from a PID or a time has those two holes.
 *
 * A contender that finds the lock held asks the holder (over the socket or pipe,
 * or from the lock file on macOS) who it is, so the error can name it.
 */
import { createHash } from 'node:crypto'
import { constants as fsConstants } from 'node:fs'
import { open, readFile, realpath, type FileHandle } from 'node:fs/promises'
import { createConnection, createServer, type Server } from 'node:net'
import { basename, dirname, join, resolve } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { VaultBusyError } from '../../shared/errors'

/** How long a writer waits for a live holder before VAULT_BUSY (WARIFU_LOCK_TIMEOUT_MS overrides it). */
export const DEFAULT_LOCK_TIMEOUT_MS = 10_000

function lockTimeoutMs(): number {
  const n = Number(process.env.WARIFU_LOCK_TIMEOUT_MS)
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_LOCK_TIMEOUT_MS
}
const RETRY_MIN_MS = 10
const RETRY_MAX_MS = 100
// Darwin's <fcntl.h>; Node does not export O_EXLOCK.
const DARWIN_O_NONBLOCK = 0x4
const DARWIN_O_EXLOCK = 0x20

/** Who holds a lock, as the holder says of itself. */
export interface LockHolder {
  pid: number
  /** What the holder is doing, e.g. "the Warifu app" or "warifu import". */
  what: string
}

let ownerName = `${basename(process.argv[1] ?? 'node')}`

/** Names this process in "busy" messages other processes show (set once at start-up). */
export function setLockOwnerName(name: string): void {
  ownerName = name
}

interface HeldLock {
  release(): Promise<void>
}

/** The kernel-released lock of one path, or null when a live process holds it. */
async function tryAcquire(path: string): Promise<HeldLock | null> {
  const me: LockHolder = { pid: process.pid, what: ownerName }
  if (process.platform === 'darwin') return tryFlock(path, me)
  return tryListen(await socketName(path), me)
}

/** The socket or pipe name of a lock path: a hash of its real location, so every process agrees. */
async function socketName(path: string): Promise<string> {
  const absolute = resolve(path)
  const dir = await realpath(dirname(absolute)).catch(() => dirname(absolute))
  const key = createHash('sha256')
    .update(join(dir, basename(absolute)))
    .digest('hex')
    .slice(0, 40)
  return process.platform === 'win32' ? `\\\\.\\pipe\\warifu-lock-${key}` : `\0warifu-lock-${key}`
}

async function tryListen(name: string, me: LockHolder): Promise<HeldLock | null> {
  const server: Server = createServer((socket) => {
    socket.on('error', () => undefined)
    socket.end(JSON.stringify(me))
  })
  const listening = await new Promise<boolean>((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? done(false) : fail(error)))
    server.listen({ path: name, exclusive: true }, () => done(true))
  })
  if (!listening) return null
  // A held lock must not keep a finished CLI alive; release() closes it anyway.
  server.unref()
  return { release: () => new Promise<void>((done) => server.close(() => done())) }
}

async function tryFlock(path: string, me: LockHolder): Promise<HeldLock | null> {
  const flags = fsConstants.O_RDWR | fsConstants.O_CREAT | DARWIN_O_EXLOCK | DARWIN_O_NONBLOCK
  let handle: FileHandle
  try {
    handle = await open(path, flags, 0o600)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return null
    throw error
  }
  // Who holds it, for other processes' messages; the lock itself is the flock.
  await handle.truncate(0)
  await handle.write(JSON.stringify(me), 0)
  return { release: () => handle.close() }
}

/** Asks the holder who it is; null when it does not answer (it may have just let go). */
export async function lockHolder(path: string): Promise<LockHolder | null> {
  let text: string
  if (process.platform === 'darwin') {
    text = await readFile(path, 'utf8').catch(() => '')
  } else {
    const name = await socketName(path)
    text = await new Promise<string>((done) => {
      const chunks: Buffer[] = []
      const socket = createConnection({ path: name })
      socket.setTimeout(1000, () => socket.destroy())
      socket.on('data', (chunk: Buffer) => chunks.push(chunk))
      socket.on('close', () => done(Buffer.concat(chunks).toString('utf8')))
      socket.on('error', () => undefined)
    })
  }
  try {
    const raw = JSON.parse(text) as Partial<LockHolder>
    if (Number.isSafeInteger(raw.pid) && typeof raw.what === 'string') {
      return { pid: raw.pid!, what: raw.what.slice(0, 80) }
    }
  } catch {
    // Not a holder's answer.
  }
  return null
}

// Writers in this process queue up here rather than poll the kernel lock.
const queues = new Map<string, Promise<unknown>>()

/** Runs `fn` while holding the writers' lock of `path`; waits up to `timeoutMs` for a live holder. */
export async function withFileLock<T>(path: string, fn: () => Promise<T>, timeoutMs = lockTimeoutMs()): Promise<T> {
  const key = resolve(path)
  const before = queues.get(key) ?? Promise.resolve()
  const run = before.catch(() => undefined).then(() => holdWhile(path, fn, timeoutMs))
  const tail = run.catch(() => undefined)
  queues.set(key, tail)
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key)
  })
  return run
}

async function holdWhile<T>(path: string, fn: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let wait = RETRY_MIN_MS
  let lock = await tryAcquire(path)
  while (!lock) {
    if (Date.now() >= deadline) throw await busyError(path)
    await delay(wait)
    wait = Math.min(RETRY_MAX_MS, wait * 2)
    lock = await tryAcquire(path)
  }
  try {
    return await fn()
  } finally {
    await lock.release()
  }
}

async function busyError(path: string): Promise<VaultBusyError> {
  const holder = await lockHolder(path)
  const who = holder ? `${holder.what} (process ${holder.pid})` : 'another Warifu window or command'
  return new VaultBusyError(
    `The accounts are being changed by ${who}. Wait for it to finish, or close it, then try again.`,
  )
}

/** Holds the lock without waiting; null when a live process holds it. For readers that may repair. */
export async function tryFileLock<T>(path: string, fn: () => Promise<T>): Promise<{ value: T } | null> {
  const key = resolve(path)
  if (queues.has(key)) return null
  const lock = await tryAcquire(path)
  if (!lock) return null
  try {
    return { value: await fn() }
  } finally {
    await lock.release()
  }
}
