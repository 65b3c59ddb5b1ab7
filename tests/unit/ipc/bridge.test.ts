import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { installWarifuBridge, type RawBridge } from '../../../shared/ipc/bridge'
import { CHANNEL_NAMES, EVENT_NAMES, type WarifuBridge } from '../../../shared/ipc/channels'

/** Runs the installer from its source text alone, as contextBridge.executeInMainWorld does. */
function installFromSource(raw: RawBridge): WarifuBridge {
  const context: Record<string, unknown> = { raw, channels: [...CHANNEL_NAMES], events: [...EVENT_NAMES] }
  runInNewContext(`(${installWarifuBridge.toString()})(raw, channels, events)`, context)
  return (context as { warifu: WarifuBridge }).warifu
}

describe('the window.warifu bridge', () => {
  it('is self-contained, exposes every channel and is frozen', () => {
    const warifu = installFromSource({ invoke: () => Promise.reject(new Error('unused')), subscribe: () => () => {} })
    for (const name of CHANNEL_NAMES) expect(typeof warifu[name]).toBe('function')
    expect(Object.isFrozen(warifu)).toBe(true)
  })

  it('resolves values and rejects with an Error that carries the code', async () => {
    const sent: unknown[] = []
    const warifu = installFromSource({
      invoke: (channel, args) => {
        sent.push([channel, args])
        return Promise.resolve(
          channel === 'accounts:list'
            ? { ok: true, value: [] }
            : { ok: false, error: { code: 'INVALID_OTP_URI', message: 'This is not an otpauth link.' } },
        )
      },
      subscribe: () => () => {},
    })
    expect(await warifu['accounts:list']()).toEqual([])
    const error = await warifu['accounts:add-from-uri']('nope').catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'INVALID_OTP_URI', message: 'This is not an otpauth link.' })
    expect(sent).toEqual([
      ['accounts:list', []],
      ['accounts:add-from-uri', ['nope']],
    ])
  })

  it('subscribes to known events only and hands back the unsubscribe function', () => {
    const subscribed: string[] = []
    let unsubscribed = 0
    const warifu = installFromSource({
      invoke: () => Promise.reject(new Error('unused')),
      subscribe: (event) => {
        subscribed.push(event)
        return () => unsubscribed++
      },
    })
    const off = warifu.on('app:focus-search', () => {})
    expect(subscribed).toEqual(['app:focus-search'])
    off()
    expect(unsubscribed).toBe(1)
    // The TypeError comes from the page's own realm (here the vm context), so check its name.
    expect(() => warifu.on('ipc:anything' as 'app:focus-search', () => {})).toThrow(/unknown event/)
    expect(subscribed).toEqual(['app:focus-search'])
  })
})
