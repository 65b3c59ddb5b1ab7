import { spawn } from 'node:child_process'
import { createConnection, createServer, type Socket } from 'node:net'
import { chmodSync, mkdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  ACTIVITY_DIR_NAME,
  activitySocketAddress,
  MAX_SOCKET_PATH_BYTES,
  MAX_NOTICE_BYTES,
  MAX_RECENT_FILLS,
  notifyFill,
  parseFillNotice,
  RecentFills,
  startActivityServer,
  type ActivityServer,
} from '../../../electron/browser/activity'
import { useTempDir } from '../../support/temp-dir'

const NOW = Date.UTC(2026, 10, 26, 0, 31)
const servers: ActivityServer[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
})

const dataHome = useTempDir('warifu-activity-')
/** A fresh address per test (the default for a new data folder), so parallel test files never meet. */
function testAddress(): string {
  return activitySocketAddress({ WARIFU_HOME: dataHome() })
}

async function serve(
  fills = new RecentFills(),
  address = testAddress(),
): Promise<{ fills: RecentFills; address: string }> {
  const server = await startActivityServer({ fills, address, now: () => NOW })
  expect(server).not.toBeNull()
  servers.push(server!)
  return { fills, address }
}

/** Sends raw bytes and waits for the server to close the connection. */
function sendRaw(address: string, data: string | Buffer, end = true): Promise<void> {
  return new Promise((done) => {
    const socket = createConnection({ path: address })
    socket.on('error', () => undefined)
    socket.once('connect', () => (end ? socket.end(data) : socket.write(data)))
    socket.once('close', () => done())
  })
}

/** Resolves once `fills` changes (the server handles a line after the client has finished). */
function nextChange(fills: RecentFills): Promise<void> {
  return new Promise((done) => {
    const off = fills.onChange(() => {
      off()
      done()
    })
  })
}

describe('activity socket', () => {
  it('records a notice the host sends through the real socket', async () => {
    const { fills, address } = await serve()
    const changed = nextChange(fills)
    await notifyFill({ site: 'monex.co.jp', name: 'マネックス証券 (hanako)', at: NOW - 1000 }, { address })
    await changed
    expect(fills.list()).toEqual([{ site: 'monex.co.jp', name: 'マネックス証券 (hanako)', at: NOW - 1000 }])
  })

  it('resolves quickly and without an error when the app is not listening', async () => {
    const started = performance.now()
    await expect(notifyFill({ site: 'monex.co.jp', name: 'Monex', at: NOW }, { address: testAddress() })).resolves.toBe(
      undefined,
    )
    expect(performance.now() - started).toBeLessThan(200)
  })

  it('gives up after its timeout when the app accepts but never answers', async () => {
    const address = testAddress()
    mkdirSync(dirname(address), { mode: 0o700 })
    // A listener that holds every connection open and reads nothing.
    const held: Socket[] = []
    const stuck = createServer((socket) => {
      held.push(socket)
      socket.pause()
    })
    await new Promise<void>((done) => stuck.listen({ path: address }, () => done()))
    try {
      const started = performance.now()
      await notifyFill({ site: 'monex.co.jp', name: 'Monex', at: NOW }, { address, timeoutMs: 50 })
      expect(performance.now() - started).toBeLessThan(1000)
    } finally {
      for (const socket of held) socket.destroy()
      await new Promise<void>((done) => stuck.close(() => done()))
    }
  })

  it('never throws, even on a notice that cannot be written', async () => {
    const looped: Record<string, unknown> = { site: 'monex.co.jp', at: NOW }
    looped.name = { toJSON: () => looped }
    await expect(notifyFill(looped as never, { address: testAddress() })).resolves.toBe(undefined)
  })

  it('ignores junk, over-long lines and invalid fields, and keeps serving', async () => {
    const { fills, address } = await serve()
    await sendRaw(address, 'not json\n')
    await sendRaw(address, `${JSON.stringify({ site: 'monex.co.jp', name: 'x'.repeat(MAX_NOTICE_BYTES), at: NOW })}\n`)
    await sendRaw(address, `${JSON.stringify({ site: 'co.jp', name: 'Monex', at: NOW })}\n`)
    await sendRaw(address, Buffer.alloc(10_000, 0x41), false)
    expect(fills.list()).toEqual([])
    const changed = nextChange(fills)
    await notifyFill({ site: 'monex.co.jp', name: 'Monex', at: NOW }, { address })
    await changed
    expect(fills.list()).toHaveLength(1)
  })

  it('refuses a second listener on the same address (the first keeps it)', async () => {
    const { address } = await serve()
    await expect(startActivityServer({ fills: new RecentFills(), address })).resolves.toBeNull()
  })

  it('puts the Linux socket file in a private folder of the data dir, where the app and the host both look', () => {
    const me = { uid: 1000, username: 'hanako' }
    expect(activitySocketAddress({ WARIFU_HOME: '/a' }, 'linux', me)).toBe(`/a/${ACTIVITY_DIR_NAME}/activity.sock`)
    expect(activitySocketAddress({}, 'linux', me, '/tmp')).toMatch(
      new RegExp(`/\\.config/Warifu/${ACTIVITY_DIR_NAME}/activity\\.sock$`),
    )
    expect(activitySocketAddress({ XDG_CONFIG_HOME: '/x' }, 'linux', me)).toBe(
      `/x/Warifu/${ACTIVITY_DIR_NAME}/activity.sock`,
    )
  })

  it('falls back to an abstract name, per user and data dir, only when the path would not fit sun_path', () => {
    const me = { uid: 1000, username: 'hanako' }
    const tail = `/${ACTIVITY_DIR_NAME}/activity.sock`
    const fits = '/' + 'd'.repeat(MAX_SOCKET_PATH_BYTES - tail.length - 1)
    expect(activitySocketAddress({ WARIFU_HOME: fits }, 'linux', me)).toBe(fits + tail)
    const deep = fits + 'd'
    const a = activitySocketAddress({ WARIFU_HOME: deep }, 'linux', me)
    expect(a).toMatch(/^\0warifu-activity-[0-9a-f]{40}$/)
    expect(activitySocketAddress({ WARIFU_HOME: deep }, 'linux', me)).toBe(a)
    expect(activitySocketAddress({ WARIFU_HOME: deep + 'e' }, 'linux', me)).not.toBe(a)
    expect(activitySocketAddress({ WARIFU_HOME: deep }, 'linux', { uid: 1001, username: 'taro' })).not.toBe(a)
  })

  it('names the pipe and the macOS socket from the user and the data dir', () => {
    const me = { uid: 1000, username: 'hanako' }
    expect(activitySocketAddress({ WARIFU_HOME: '/a' }, 'win32', me)).toMatch(
      /^\\\\\.\\pipe\\warifu-activity-[0-9a-f]{40}$/,
    )
    const mac = activitySocketAddress(
      { WARIFU_HOME: '/a' },
      'darwin',
      { uid: 501, username: 'hanako' },
      '/var/folders/xy/T',
    )
    expect(mac).toMatch(/^\/var\/folders\/xy\/T\/warifu-501\/activity-[0-9a-f]{16}\.sock$/)
    expect(Buffer.byteLength(mac)).toBeLessThan(104)
  })
})

describe('socket-file listener', () => {
  const tempDir = useTempDir('warifu-activity-')

  it('creates the private folder (0700) in a data dir that does not exist yet, and serves there', async () => {
    const address = activitySocketAddress({ WARIFU_HOME: join(tempDir(), 'new-home') })
    const { fills } = await serve(new RecentFills(), address)
    expect(statSync(dirname(address)).mode & 0o777).toBe(0o700)
    expect(statSync(address).isSocket()).toBe(true)
    const changed = nextChange(fills)
    await notifyFill({ site: 'monex.co.jp', name: 'Monex', at: NOW }, { address })
    await changed
    expect(fills.list()).toHaveLength(1)
  })

  it('tells nothing to a listener in a folder others can write (it may be theirs)', async () => {
    const dir = join(tempDir(), ACTIVITY_DIR_NAME)
    mkdirSync(dir, { mode: 0o700 })
    chmodSync(dir, 0o777)
    const address = join(dir, 'activity.sock')
    const received: string[] = []
    const squatter = createServer((socket) => socket.on('data', (chunk: Buffer) => received.push(chunk.toString())))
    await new Promise<void>((done) => squatter.listen({ path: address }, () => done()))
    let connections = 0
    squatter.on('connection', () => (connections += 1))
    try {
      await notifyFill({ site: 'monex.co.jp', name: 'Monex', at: NOW }, { address })
      expect(connections).toBe(0)
      expect(received).toEqual([])
    } finally {
      await new Promise<void>((done) => squatter.close(() => done()))
    }
  })

  it('replaces a socket file left by a killed app, and serves', async () => {
    const address = join(tempDir(), 'activity.sock')
    // A listener killed outright leaves its socket file behind.
    const child = spawn(process.execPath, [
      '-e',
      `require('net').createServer().listen(${JSON.stringify(address)}, () => console.log('up'))`,
    ])
    await new Promise<void>((done) => child.stdout.once('data', () => done()))
    child.kill('SIGKILL')
    await new Promise<void>((done) => child.once('exit', () => done()))
    expect(statSync(address).isSocket()).toBe(true)
    const { fills } = await serve(new RecentFills(), address)
    const changed = nextChange(fills)
    await notifyFill({ site: 'monex.co.jp', name: 'Monex', at: NOW }, { address })
    await changed
    expect(fills.list()).toHaveLength(1)
  })

  it.each([0o755, 0o770, 0o707])(
    'refuses to listen in a folder with mode %o (others can read or write)',
    async (mode) => {
      const dir = tempDir()
      chmodSync(dir, mode)
      await expect(
        startActivityServer({ fills: new RecentFills(), address: join(dir, 'activity.sock') }),
      ).resolves.toBeNull()
      // The data folder itself may be 0755: only the socket's own folder must be private.
      await serve(new RecentFills(), activitySocketAddress({ WARIFU_HOME: dir }))
    },
  )

  it('leaves a live listener alone', async () => {
    const address = join(tempDir(), 'activity.sock')
    await serve(new RecentFills(), address)
    await expect(startActivityServer({ fills: new RecentFills(), address })).resolves.toBeNull()
    expect(statSync(address).isSocket()).toBe(true)
  })
})

describe('parseFillNotice', () => {
  const ok = { site: 'monex.co.jp', name: 'Monex (taro)', at: NOW }

  it('accepts what the host sends', () => {
    expect(parseFillNotice(ok, NOW)).toEqual(ok)
  })

  it.each([
    ['a missing field', { site: 'monex.co.jp', at: NOW }],
    ['a host that is not a registrable domain', { ...ok, site: 'www.monex.co.jp' }],
    ['a public suffix', { ...ok, site: 'co.jp' }],
    ['a URL', { ...ok, site: 'https://monex.co.jp/' }],
    ['an IP address', { ...ok, site: '127.0.0.1' }],
    ['upper case', { ...ok, site: 'MONEX.CO.JP' }],
    ['a name with a line break', { ...ok, name: 'Monex\nfilled on evil.test' }],
    ['a name with a bidi override', { ...ok, name: 'Monex \u202epj.oc' }],
    ['an empty name', { ...ok, name: '  ' }],
    ['a name too long', { ...ok, name: 'x'.repeat(521) }],
    ['a time far in the past', { ...ok, at: NOW - 6 * 60_000 }],
    ['a time in the future', { ...ok, at: NOW + 6 * 60_000 }],
    ['a fractional time', { ...ok, at: NOW + 0.5 }],
    ['an array', [ok]],
    ['null', null],
  ])('refuses %s', (_what, raw) => {
    expect(parseFillNotice(raw, NOW)).toBeNull()
  })
})

describe('RecentFills', () => {
  it(`keeps the newest ${MAX_RECENT_FILLS}, newest first`, () => {
    const fills = new RecentFills()
    for (let i = 0; i < MAX_RECENT_FILLS + 5; i++) fills.add({ site: 'monex.co.jp', name: `n${i}`, at: NOW + i })
    const list = fills.list()
    expect(list).toHaveLength(MAX_RECENT_FILLS)
    expect(list[0]?.name).toBe(`n${MAX_RECENT_FILLS + 4}`)
    expect(list.at(-1)?.name).toBe('n5')
  })

  it('hands out copies and tells listeners of changes', () => {
    const fills = new RecentFills()
    let calls = 0
    const off = fills.onChange(() => (calls += 1))
    fills.add({ site: 'monex.co.jp', name: 'Monex', at: NOW })
    fills.list()[0]!.name = 'changed'
    expect(fills.list()[0]?.name).toBe('Monex')
    fills.clear()
    off()
    fills.add({ site: 'monex.co.jp', name: 'Monex', at: NOW })
    expect(calls).toBe(2)
  })
})
