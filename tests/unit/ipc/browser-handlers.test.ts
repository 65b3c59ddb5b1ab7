import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  activitySocketAddress,
  notifyFill,
  RecentFills,
  startActivityServer,
  type ActivityServer,
} from '../../../electron/browser/activity'
import type { BrowserAccess } from '../../../electron/ipc/browser-handlers'
import { dispatch } from '../../../electron/ipc/dispatch'
import type { Handlers } from '../../../electron/ipc/handlers'
import { argParsers, type BrowserChoice } from '../../../shared/ipc/channels'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'
import { channelCaller, handlerTable, OURS } from './handler-table'

const NOW = Date.UTC(2026, 10, 26, 0, 31)

/** The access service as main has it, over plain fields: what connect wrote, whether access is on. */
class FakeAccess implements BrowserAccess {
  connected: BrowserChoice[] = []
  allowed = false
  opened: string[] = []
  failConnect: Error | undefined
  folders = { chromium: '/opt/Warifu/resources/extension/chromium' as string | null, firefox: null as string | null }

  connect(browsers: readonly BrowserChoice[]): Promise<void> {
    if (this.failConnect) return Promise.reject(this.failConnect)
    this.connected = [...new Set([...this.connected, ...browsers])]
    this.allowed = true
    return Promise.resolve()
  }
  removeAccess(): Promise<void> {
    this.allowed = false
    return Promise.resolve()
  }
  state(): Promise<{ connected: BrowserChoice[]; allowed: boolean }> {
    return Promise.resolve({ connected: [...this.connected], allowed: this.allowed })
  }
  extensionFolders(): { chromium: string | null; firefox: string | null } {
    return { ...this.folders }
  }
  openFolder(path: string): Promise<void> {
    this.opened.push(path)
    return Promise.resolve()
  }
}

describe('the browser channels', () => {
  const tempDir = useTempDir()
  let access: FakeAccess
  let fills: RecentFills
  let handlers: Handlers
  let server: ActivityServer | null = null

  beforeEach(() => {
    access = new FakeAccess()
    fills = new RecentFills()
    handlers = handlerTable(tempDir(), new MemorySecretStore(), { now: () => NOW, browser: { access, fills } })
  })
  afterEach(async () => {
    await server?.close()
    server = null
  })

  const { value, errorOf } = channelCaller(() => handlers)

  it('says nothing is connected before the first connect, and where the extension is', async () => {
    expect(await value('browser:status')).toEqual({
      connected: [],
      allowed: false,
      extensionFolders: { chromium: '/opt/Warifu/resources/extension/chromium', firefox: null },
      recent: [],
    })
  })

  it('connects the chosen browsers and allows access', async () => {
    const status = await value('browser:connect', ['chrome', 'firefox'])
    expect(status.connected).toEqual(['chrome', 'firefox'])
    expect(status.allowed).toBe(true)
  })

  it('removes access with one call, and a later connect gives it back', async () => {
    await value('browser:connect', ['chromium'])
    expect((await value('browser:remove-access')).allowed).toBe(false)
    expect((await value('browser:status')).allowed).toBe(false)
    expect((await value('browser:connect', ['chromium'])).allowed).toBe(true)
  })

  it('passes a failed connect on as its error, and changes nothing', async () => {
    access.failConnect = new Error('EACCES')
    const errors: string[] = []
    const result = await dispatch(handlers, 'browser:connect', [['chrome']], OURS, {}, (channel, name) =>
      errors.push(`${channel} ${name}`),
    )
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(errors).toEqual(['browser:connect Error'])
    expect(await value('browser:status')).toMatchObject({ connected: [], allowed: false })
  })

  it('shows a fill the host reported through the real socket, newest first', async () => {
    const address = activitySocketAddress({ WARIFU_HOME: tempDir() })
    server = await startActivityServer({ fills, address, now: () => NOW })
    const arrived = new Promise<void>((done) => {
      const off = fills.onChange(() => {
        off()
        done()
      })
    })
    await notifyFill({ site: 'monex.co.jp', name: 'マネックス証券 (hanako)', at: NOW - 60_000 }, { address })
    await arrived
    fills.add({ site: 'sbisec.co.jp', name: 'SBI証券', at: NOW })
    expect((await value('browser:status')).recent).toEqual([
      { site: 'sbisec.co.jp', name: 'SBI証券', at: NOW },
      { site: 'monex.co.jp', name: 'マネックス証券 (hanako)', at: NOW - 60_000 },
    ])
  })

  it('opens only the folder main knows, for a family this build carries', async () => {
    await value('browser:open-extension-folder', 'chromium')
    await value('browser:open-extension-folder', 'firefox')
    expect(access.opened).toEqual(['/opt/Warifu/resources/extension/chromium'])
  })

  it.each([
    ['browser:connect', []],
    ['browser:connect', [[]]],
    ['browser:connect', [['safari']]],
    ['browser:connect', [['chrome', 'chrome']]],
    ['browser:connect', ['chrome']],
    ['browser:connect', [['chrome', 'chromium', 'edge', 'brave', 'firefox', 'opera']]],
    ['browser:open-extension-folder', ['/etc']],
    ['browser:open-extension-folder', []],
    ['browser:status', [1]],
    ['browser:remove-access', [true]],
  ] as const)('refuses %s with %j and changes nothing', async (channel, args) => {
    expect(await errorOf(channel, ...args)).toBe('USAGE')
    expect(access.connected).toEqual([])
    expect(access.opened).toEqual([])
  })

  it('parses a full list of the five browsers', () => {
    expect(argParsers['browser:connect']([['chrome', 'chromium', 'edge', 'brave', 'firefox']])).toEqual([
      ['chrome', 'chromium', 'edge', 'brave', 'firefox'],
    ])
  })
})
