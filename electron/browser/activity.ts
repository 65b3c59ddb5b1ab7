/**
 * Recent browser activity: the native host (`warifu browser-host`, a process the browser starts)
 * tells the running desktop app "code filled on monex.co.jp at 09:31", and the app keeps the last
 * few such notices in memory, never on disk, for its "Connect a browser" view.
 *
 * The channel is a per-user local socket, one line of JSON per connection:
 *   Linux:   a socket file in a private 0700 folder inside Warifu's data folder, which the app and
 *            the host both resolve to open the vault. Not an abstract socket: that has no file
 *            permissions, so any local user could connect to it (fake "code filled" lines) or take
 *            the name first (and learn which site was just filled).
 *   macOS:   a socket file in a private 0700 folder under the per-user temporary folder.
 *   Windows: a named pipe, named from the user name and the data folder.
 * Both sides refuse a folder that is not ours and private. A notice is display text only, validated
 * field by field, and changes nothing. When the app is not running, nothing is recorded, by design
 * (the host never waits for it).
 */
import { createHash } from 'node:crypto'
import { lstat, mkdir, unlink } from 'node:fs/promises'
import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { dirname, join } from 'node:path'
import type { BrowserFill } from '../../shared/ipc/channels'
import { parseSite } from '../../shared/sites/domain'
import { dataDir } from '../vault/paths'

/** One fill, as the host reports it and the app shows it (the IPC record, declared once). */
export type FillNotice = BrowserFill

/** How many notices the app keeps. */
export const MAX_RECENT_FILLS = 50
/** Longest display name kept (an issuer and a label of 256 characters each, and the brackets). */
export const MAX_NOTICE_NAME_LENGTH = 520
/** Longest line the server reads; anything longer is junk. */
export const MAX_NOTICE_BYTES = 2048
/** The host gives up on the app after this long. */
export const NOTIFY_TIMEOUT_MS = 200
/** A notice dated further than this from the app's clock is junk (a replay or a wrong clock). */
const MAX_CLOCK_SKEW_MS = 5 * 60_000
/** How long a connection may stay open without finishing its line. */
const SERVER_IDLE_MS = 1_000
const MAX_CONNECTIONS = 8
/** The private folder, inside the data folder, that holds the Linux socket file. */
export const ACTIVITY_DIR_NAME = 'browser-activity'
/** Linux's sun_path holds 108 bytes with the terminating NUL. */
export const MAX_SOCKET_PATH_BYTES = 107

type Env = Record<string, string | undefined>

/** Where this user's app listens for notices (same answer in the app and the host for one data dir). */
export function activitySocketAddress(
  env: Env = process.env,
  platform: NodeJS.Platform = process.platform,
  who: { uid: number; username: string } = currentUser(),
  tempDir = tmpdir(),
): string {
  const owner = platform === 'win32' ? who.username.toLowerCase() : String(who.uid)
  const key = createHash('sha256')
    .update(`${owner}\0${dataDir(env, platform)}`)
    .digest('hex')
  if (platform === 'win32') return `\\\\.\\pipe\\warifu-activity-${key.slice(0, 40)}`
  // macOS caps a socket path at 104 bytes: a short name in a short private folder.
  if (platform === 'darwin') return join(privateDir(tempDir, who.uid), `activity-${key.slice(0, 16)}.sock`)
  const file = join(dataDir(env, platform), ACTIVITY_DIR_NAME, 'activity.sock')
  if (Buffer.byteLength(file) <= MAX_SOCKET_PATH_BYTES) return file
  // A data folder too deep for sun_path (a long WARIFU_HOME): the abstract name is the only way to
  // listen at all. Anything local can reach it, which a notice's validation is built to survive.
  return `\0warifu-activity-${key.slice(0, 40)}`
}

function currentUser(): { uid: number; username: string } {
  try {
    const info = userInfo()
    return { uid: info.uid, username: info.username }
  } catch {
    return { uid: process.getuid?.() ?? -1, username: process.env.USERNAME ?? process.env.USER ?? '' }
  }
}

function privateDir(tempDir: string, uid: number): string {
  return join(tempDir, `warifu-${uid}`)
}

/** A notice as received, or null when any field is not what the host sends. */
export function parseFillNotice(raw: unknown, now: number): FillNotice | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null
  const { site, name, at } = raw as Record<string, unknown>
  if (typeof site !== 'string' || typeof name !== 'string' || typeof at !== 'number') return null
  if (!Number.isSafeInteger(at) || Math.abs(at - now) > MAX_CLOCK_SKEW_MS) return null
  // Only a site in its stored form: a registrable domain, lower-case ASCII.
  let parsed: string
  try {
    parsed = parseSite(site)
  } catch {
    return null
  }
  if (parsed !== site) return null
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(name)) return null
  const trimmed = name.trim()
  if (trimmed.length === 0 || trimmed.length > MAX_NOTICE_NAME_LENGTH) return null
  return { site, name: trimmed, at }
}

/** The last MAX_RECENT_FILLS notices, newest first; memory only. */
export class RecentFills {
  private readonly notices: FillNotice[] = []
  private readonly listeners = new Set<() => void>()

  add(notice: FillNotice): void {
    this.notices.unshift(notice)
    this.notices.length = Math.min(this.notices.length, MAX_RECENT_FILLS)
    for (const listener of this.listeners) listener()
  }

  /** A copy, newest first. */
  list(): FillNotice[] {
    return this.notices.map((notice) => ({ ...notice }))
  }

  clear(): void {
    this.notices.length = 0
    for (const listener of this.listeners) listener()
  }

  /** Called after every change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

/** The app's listening side. */
export interface ActivityServer {
  readonly address: string
  close(): Promise<void>
}

/**
 * Listens for notices and adds the valid ones to `fills`. Resolves null when the address is taken
 * by a live listener (another app instance, or something squatting the name): the app then runs
 * without recent activity rather than failing.
 */
export async function startActivityServer(options: {
  fills: RecentFills
  address?: string
  now?: () => number
}): Promise<ActivityServer | null> {
  const address = options.address ?? activitySocketAddress()
  const now = options.now ?? Date.now
  const onNotice = (notice: FillNotice): void => options.fills.add(notice)
  const isFile = isSocketFile(address)
  // A socket file only in a folder that is ours and private: no one else may plant or read it.
  if (isFile && !(await ensurePrivateDir(dirname(address)))) return null
  let server = await listen(address, (socket) => readOneNotice(socket, now, onNotice))
  if (server === null && isFile) {
    // A socket file left by an app that crashed: remove it only when nobody answers there.
    if (await answers(address)) return null
    await unlink(address).catch(() => undefined)
    server = await listen(address, (socket) => readOneNotice(socket, now, onNotice))
  }
  if (server === null) return null
  const listening = server
  // Notices must never keep the app alive on their own.
  listening.unref()
  return {
    address,
    close: () => new Promise<void>((done) => listening.close(() => done())),
  }
}

/** The folder holding the socket file: created 0700, and refused unless it is ours and private. */
async function ensurePrivateDir(dir: string): Promise<boolean> {
  // recursive: the data folder itself may not exist yet on a first run (parents get 0700 too).
  await mkdir(dir, { mode: 0o700, recursive: true }).catch(() => undefined)
  return isPrivateDir(dir)
}

/** A real folder (not a link), owned by this user, that no one else can read, write or enter. */
async function isPrivateDir(dir: string): Promise<boolean> {
  try {
    const info = await lstat(dir)
    const uid = process.getuid?.()
    return info.isDirectory() && (uid === undefined || info.uid === uid) && (info.mode & 0o077) === 0
  } catch {
    return false
  }
}

function isSocketFile(address: string): boolean {
  return !address.startsWith('\0') && !address.startsWith('\\\\.\\pipe\\')
}

function listen(address: string, onSocket: (socket: Socket) => void): Promise<Server | null> {
  const server = createServer(onSocket)
  server.maxConnections = MAX_CONNECTIONS
  return new Promise((done) => {
    server.once('error', () => done(null))
    server.listen({ path: address, exclusive: true }, () => {
      server.removeAllListeners('error')
      server.on('error', () => undefined)
      done(server)
    })
  })
}

function answers(address: string): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ path: address })
    socket.setTimeout(NOTIFY_TIMEOUT_MS, () => socket.destroy())
    socket.once('connect', () => {
      socket.destroy()
      done(true)
    })
    socket.once('error', () => done(false))
    socket.once('close', () => done(false))
  })
}

/** Reads one line (at most MAX_NOTICE_BYTES), then closes; junk is dropped without a word. */
function readOneNotice(socket: Socket, now: () => number, onNotice: (notice: FillNotice) => void): void {
  const chunks: Buffer[] = []
  let size = 0
  let done = false
  const finish = (): void => {
    if (done) return
    done = true
    socket.destroy()
    const text = Buffer.concat(chunks).toString('utf8')
    const line = text.split('\n', 1)[0] ?? ''
    let raw: unknown
    try {
      raw = JSON.parse(line)
    } catch {
      return
    }
    const notice = parseFillNotice(raw, now())
    if (notice !== null) onNotice(notice)
  }
  socket.setTimeout(SERVER_IDLE_MS, () => {
    done = true
    socket.destroy()
  })
  socket.on('error', () => undefined)
  socket.on('data', (chunk: Buffer) => {
    if (done) return
    size += chunk.length
    if (size > MAX_NOTICE_BYTES) {
      done = true
      socket.destroy()
      return
    }
    chunks.push(chunk)
    if (chunk.includes(0x0a)) finish()
  })
  socket.on('end', finish)
}

/**
 * Tells the running app that a code was filled. Never throws and never waits more than
 * NOTIFY_TIMEOUT_MS: the app may not be running, and then nothing is recorded, by design.
 */
export async function notifyFill(
  notice: FillNotice,
  options: { address?: string; timeoutMs?: number } = {},
): Promise<void> {
  try {
    const line = `${JSON.stringify({ site: notice.site, name: notice.name, at: notice.at })}\n`
    const address = options.address ?? activitySocketAddress()
    const timeoutMs = options.timeoutMs ?? NOTIFY_TIMEOUT_MS
    // A socket in a folder others could write may be theirs: tell it nothing.
    if (isSocketFile(address) && !(await isPrivateDir(dirname(address)))) return
    await new Promise<void>((done) => {
      const socket = createConnection({ path: address })
      const timer = setTimeout(() => socket.destroy(), timeoutMs)
      // The host may be about to exit: the notice must not hold it up.
      timer.unref()
      socket.on('error', () => undefined)
      socket.once('connect', () => socket.end(line))
      socket.once('close', () => {
        clearTimeout(timer)
        done()
      })
    })
  } catch {
    // Recent activity is a courtesy; a fill never fails over it.
  }
}
