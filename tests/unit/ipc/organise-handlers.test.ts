import { statSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { ClipboardClearer } from '../../../electron/app/clipboard-clearer'
import type { Handlers } from '../../../electron/ipc/handlers'
import { METADATA_FILE } from '../../../electron/vault/paths'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'
import { channelCaller, handlerTable } from './handler-table'
import { FakeClipboard, ManualTimers } from './fakes'

const URI = 'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME'
const T0 = Date.UTC(2026, 10, 26, 1, 0, 10)

describe('the organise channels', () => {
  const tempDir = useTempDir()
  let dir: string
  let handlers: Handlers
  let now: number
  let clipboard: FakeClipboard

  beforeEach(() => {
    dir = tempDir()
    now = T0
    clipboard = new FakeClipboard()
    const store = new MemorySecretStore()
    handlers = handlerTable(dir, store, {
      now: () => now,
      clipboard: new ClipboardClearer(clipboard, new ManualTimers()),
      locale: () => 'ja-JP',
    })
  })

  const { value, errorOf: code } = channelCaller(() => handlers)
  const fileId = () => statSync(join(dir, METADATA_FILE)).ino + ':' + statSync(join(dir, METADATA_FILE)).mtimeMs

  it('accounts:set-pinned pins and unpins, kept in the account file; anything but a boolean is refused', async () => {
    const { id } = await value('accounts:add-from-uri', URI)
    expect((await value('accounts:set-pinned', id, true)).pinned).toBe(true)
    expect((await value('accounts:list'))[0]!.pinned).toBe(true)
    expect(await code('accounts:set-pinned', id, 'true')).toBe('USAGE')
    expect(await code('accounts:set-pinned', id, 1)).toBe('USAGE')
    expect(await code('accounts:set-pinned', id)).toBe('USAGE')
    expect(await code('accounts:set-pinned', 'fedcba9876543210', true)).toBe('ACCOUNT_NOT_FOUND')
    expect((await value('accounts:set-pinned', id, false)).pinned).toBeUndefined()
  })

  it('accounts:set-tags cleans each tag in main, drops duplicates, and refuses bad ones before any write', async () => {
    const { id } = await value('accounts:add-from-uri', URI)
    const saved = await value('accounts:set-tags', id, ['  証券 ', 'Work', 'work', '\u202e仕事'])
    expect(saved.tags).toEqual(['証券', 'Work', '仕事'])
    const before = fileId()
    expect(await code('accounts:set-tags', id, [''])).toBe('INVALID_TAG')
    expect(await code('accounts:set-tags', id, ['x'.repeat(33)])).toBe('INVALID_TAG')
    expect(
      await code(
        'accounts:set-tags',
        id,
        Array.from({ length: 9 }, (_, i) => `t${i}`),
      ),
    ).toBe('INVALID_TAG')
    expect(await code('accounts:set-tags', id, Array(33).fill('a'))).toBe('USAGE')
    expect(await code('accounts:set-tags', id, '証券')).toBe('USAGE')
    expect(await code('accounts:set-tags', id, [42])).toBe('USAGE')
    expect(fileId()).toBe(before)
    expect((await value('accounts:list'))[0]!.tags).toEqual(['証券', 'Work', '仕事'])
    expect((await value('accounts:set-tags', id, [])).tags).toBeUndefined()
  })

  it('settings:set-sort is saved and read back by settings:get; an unknown order is refused', async () => {
    expect((await value('settings:get')).sort).toBe('manual')
    await value('settings:set-sort', 'recent')
    expect((await value('settings:get')).sort).toBe('recent')
    expect(await code('settings:set-sort', 'random')).toBe('USAGE')
    expect(await code('settings:set-sort')).toBe('USAGE')
  })

  it('a copy records the minute it was used: one metadata write, and none for another copy in that minute', async () => {
    const { id } = await value('accounts:add-from-uri', URI)
    expect((await value('accounts:list'))[0]!.lastUsedAt).toBeUndefined()
    const before = fileId()
    await value('clipboard:copy-code', id)
    expect(clipboard.writes).toHaveLength(1)
    expect((await value('accounts:list'))[0]!.lastUsedAt).toBe('2026-11-26T01:00:00.000Z')
    const afterFirst = fileId()
    expect(afterFirst).not.toBe(before)
    now = T0 + 40_000
    await value('clipboard:copy-code', id)
    expect(clipboard.writes).toHaveLength(2)
    expect(fileId()).toBe(afterFirst)
    now = T0 + 60_000
    await value('clipboard:copy-code', id)
    expect((await value('accounts:list'))[0]!.lastUsedAt).toBe('2026-11-26T01:01:00.000Z')
  })
})
