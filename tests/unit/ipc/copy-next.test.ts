import { beforeEach, describe, expect, it } from 'vitest'
import { ClipboardClearer } from '../../../electron/app/clipboard-clearer'
import type { Handlers } from '../../../electron/ipc/handlers'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'
import { channelCaller, handlerTable } from './handler-table'
import { FakeClipboard, ManualTimers } from './fakes'

// RFC 6238 appendix B, SHA1: T=1111111109 -> 07081804, and one period on (T=1111111111's step) -> 14050471.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
const RFC_URI = `otpauth://totp/Example:alice@example.com?secret=${RFC_SECRET}&issuer=Example&digits=8&period=30`
const T = 1111111109_000

describe('clipboard:copy-code, next', () => {
  const tempDir = useTempDir()
  let clipboard: FakeClipboard
  let timers: ManualTimers
  let handlers: Handlers

  beforeEach(() => {
    const dir = tempDir()
    const store = new MemorySecretStore()
    clipboard = new FakeClipboard()
    timers = new ManualTimers()
    handlers = handlerTable(dir, store, {
      now: () => T,
      clipboard: new ClipboardClearer(clipboard, timers),
    })
  })

  const { call } = channelCaller(() => handlers)

  async function add(uri: string): Promise<string> {
    const result = await call('accounts:add-from-uri', uri)
    if (!result.ok) throw new Error(result.error.code)
    return (result.value as { id: string }).id
  }

  it('copies the next period’s code (the one the list shows as next), cleared like any copy', async () => {
    const id = await add(RFC_URI)
    expect(await call('clipboard:copy-code', id, 'next')).toEqual({ ok: true, value: { clearAfterSeconds: 30 } })
    expect(clipboard.text).toBe('14050471')
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([30_000])
    expect(await call('codes:current')).toMatchObject({ ok: true, value: [{ code: '07081804', next: '14050471' }] })
    await call('clipboard:copy-code', id, 'current')
    expect(clipboard.text).toBe('07081804')
  })

  it('refuses anything but current or next, and a next code for a counter-based account', async () => {
    const id = await add(RFC_URI)
    for (const bad of ['later', 1, null, {}]) {
      expect(await call('clipboard:copy-code', id, bad)).toMatchObject({ ok: false, error: { code: 'USAGE' } })
    }
    expect(await call('clipboard:copy-code', id, 'next', 'x')).toMatchObject({ ok: false })
    const hotp = await add(`otpauth://hotp/Bank:h?secret=${RFC_SECRET}&issuer=Bank&counter=0`)
    expect(await call('codes:next-hotp', hotp)).toMatchObject({ ok: true })
    expect(await call('clipboard:copy-code', hotp, 'next')).toMatchObject({ ok: false, error: { code: 'USAGE' } })
    expect(clipboard.text).toBe('')
  })
})
