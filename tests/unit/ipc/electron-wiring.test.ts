/**
 * The Electron-facing glue, with a fake `electron` module: security hooks on
 * every web contents and the session, ipcMain registration of every channel
 * with the sender's frame, and the preload's window.warifu over ipcRenderer.
 * The fake ipcRenderer.invoke calls what registerIpc registered, so one call
 * travels preload -> main -> handler -> back as it does in the app.
 */
import { EventEmitter } from 'node:events'
import { runInNewContext } from 'node:vm'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Handlers } from '../../../electron/ipc/handlers'
import { CHANNEL_NAMES, type WarifuBridge } from '../../../shared/ipc/channels'

const fake = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>()
  const rendererListeners = new Map<string, Set<(...a: unknown[]) => void>>()
  const state = { frameUrl: 'warifu://app/index.html', isMainFrame: true }
  const executed: { func: (...a: unknown[]) => void; args: unknown[] }[] = []
  return { handlers, rendererListeners, state, executed }
})

vi.mock('electron', () => ({
  ipcMain: {
    handle: (name: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) => {
      if (fake.handlers.has(name)) throw new Error(`second handler for ${name}`)
      fake.handlers.set(name, fn)
    },
  },
  ipcRenderer: {
    invoke: (name: string, ...args: unknown[]) => {
      const handler = fake.handlers.get(name)
      if (!handler) return Promise.reject(new Error(`No handler registered for '${name}'`))
      const top = { url: fake.state.frameUrl, parent: null }
      const frame = fake.state.isMainFrame ? top : { url: fake.state.frameUrl, parent: top }
      return handler({ senderFrame: frame }, ...args)
    },
    on: (event: string, listener: (...a: unknown[]) => void) => {
      if (!fake.rendererListeners.has(event)) fake.rendererListeners.set(event, new Set())
      fake.rendererListeners.get(event)!.add(listener)
    },
    removeListener: (event: string, listener: (...a: unknown[]) => void) => {
      fake.rendererListeners.get(event)?.delete(listener)
    },
  },
  contextBridge: {
    executeInMainWorld: (script: { func: (...a: unknown[]) => void; args: unknown[] }) => {
      fake.executed.push(script)
    },
  },
}))

const ORIGINS = {}

describe('Electron wiring (fake electron module)', () => {
  beforeEach(() => {
    fake.state.frameUrl = 'warifu://app/index.html'
    fake.state.isMainFrame = true
  })

  it('installs navigation, window-open, permission and CSP hooks', async () => {
    const { installSecurity, CONTENT_SECURITY_POLICY } = await import('../../../electron/security')
    const app = new EventEmitter()
    const hooks: Record<string, unknown> = {}
    const session = {
      setPermissionRequestHandler: (h: unknown) => (hooks.request = h),
      setPermissionCheckHandler: (h: unknown) => (hooks.check = h),
      webRequest: { onHeadersReceived: (h: unknown) => (hooks.headers = h) },
    }
    installSecurity(app as never, session as never, ORIGINS)

    const contents = Object.assign(new EventEmitter(), {
      setWindowOpenHandler: (h: unknown) => (hooks.open = h),
      getURL: () => 'warifu://app/index.html',
    })
    app.emit('web-contents-created', {}, contents)
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() }
      contents.emit(name, event, 'https://example.com/')
      expect(event.preventDefault, name).toHaveBeenCalled()
    }
    const frameNav = { url: 'https://example.com/', preventDefault: vi.fn() }
    contents.emit('will-frame-navigate', frameNav)
    expect(frameNav.preventDefault).toHaveBeenCalled()
    expect((hooks.open as (d: { url: string }) => unknown)({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    })

    const answers: boolean[] = []
    const request = hooks.request as (c: unknown, p: string, cb: (ok: boolean) => void, d: object) => void
    request(contents, 'display-capture', (ok) => answers.push(ok), { requestingUrl: contents.getURL() })
    request(contents, 'geolocation', (ok) => answers.push(ok), { requestingUrl: contents.getURL() })
    request(contents, 'display-capture', (ok) => answers.push(ok), { requestingUrl: 'https://evil.example/' })
    expect(answers).toEqual([true, false, false])
    const check = hooks.check as (c: unknown, p: string, origin: string, d: object) => boolean
    expect(check(contents, 'clipboard-read', 'warifu://app', {})).toBe(false)
    expect(check(contents, 'display-capture', 'warifu://app', {})).toBe(true)

    let headers: unknown
    ;(hooks.headers as (d: object, cb: (r: { responseHeaders: unknown }) => void) => void)(
      { responseHeaders: { 'Content-Type': ['text/html'] } },
      (r) => (headers = r.responseHeaders),
    )
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
  })

  it('registers every channel once and carries a call from the preload to a handler and back', async () => {
    const { registerIpc } = await import('../../../electron/ipc/register')
    const calls: unknown[][] = []
    const handlers = Object.fromEntries(
      CHANNEL_NAMES.map((name) => [
        name,
        (...args: unknown[]) => {
          calls.push([name, ...args])
          if (name === 'accounts:remove') return Promise.reject(new Error('disk on fire: /secret/path'))
          return Promise.resolve(name === 'accounts:list' ? [] : null)
        },
      ]),
    ) as unknown as Handlers
    const reported: string[][] = []
    registerIpc(handlers, ORIGINS, (channel, errorName) => reported.push([channel, errorName]))
    expect([...fake.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort())

    await import('../../../electron/preload')
    expect(fake.executed).toHaveLength(1)
    const [script] = fake.executed
    // Run the installer from its source text in a fresh realm, as executeInMainWorld does.
    const page: Record<string, unknown> = { args: script!.args }
    runInNewContext(`(${script!.func.toString()})(...args)`, page)
    const warifu = page.warifu as WarifuBridge

    expect(await warifu['accounts:list']()).toEqual([])
    expect(calls).toEqual([['accounts:list']])
    await expect(warifu['accounts:remove']('0123456789abcdef')).rejects.toMatchObject({ code: 'INTERNAL' })
    // The unexpected failure reaches main's log by name only: no message, no path.
    expect(reported).toEqual([['accounts:remove', 'Error']])
    await expect(warifu['accounts:remove']('../x')).rejects.toMatchObject({ code: 'USAGE' })

    fake.state.isMainFrame = false
    await expect(warifu['accounts:list']()).rejects.toMatchObject({ code: 'UNTRUSTED_SENDER' })
    fake.state.isMainFrame = true
    fake.state.frameUrl = 'https://evil.example/'
    await expect(warifu['accounts:list']()).rejects.toMatchObject({ code: 'UNTRUSTED_SENDER' })
    expect(calls).toHaveLength(2)

    // Events: the page's listener gets the payload, not the IpcRendererEvent; unsubscribe works.
    const seen: unknown[][] = []
    const off = warifu.on('app:focus-search', (...payload: unknown[]) => seen.push(payload))
    for (const l of fake.rendererListeners.get('app:focus-search') ?? []) l({ sender: 'ipc internals' })
    off()
    for (const l of fake.rendererListeners.get('app:focus-search') ?? []) l({ sender: 'ipc internals' })
    expect(seen).toEqual([[]])
  })
})
