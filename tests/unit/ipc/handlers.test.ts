import { spawnSync } from 'node:child_process'
import { writeFileSync, truncateSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { ClipboardClearer } from '../../../electron/app/clipboard-clearer'
import { SettingsStore } from '../../../electron/app/settings-store'
import { fileStamp, VaultHolder } from '../../../electron/app/vault-holder'
import { dispatch } from '../../../electron/ipc/dispatch'
import { createHandlers, MAX_IMAGE_BYTES, type Handlers } from '../../../electron/ipc/handlers'
import { METADATA_FILE } from '../../../electron/vault/paths'
import { Vault } from '../../../electron/vault/vault'
import { parseOtpUri } from '../../../shared/otp/uri'
import type { ChannelName, Channels, IpcResult, ManualEntry } from '../../../shared/ipc/channels'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'
import { hasTool, skipUnless } from '../../support/tools'
import { FakeClipboard, ManualTimers, settle } from './fakes'

// RFC 6238 appendix B: the SHA1 seed "12345678901234567890" in base32.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
const RFC_URI = `otpauth://totp/Example:alice@example.com?secret=${RFC_SECRET}&issuer=Example&digits=8&period=30`
const T = 1111111109_000
const ORIGINS = {}
const OURS = { url: 'warifu://app/index.html', isMainFrame: true }
const oathtoolAbsent = skipUnless(hasTool('oathtool'), 'oathtool')

const manual = (over: Partial<ManualEntry> = {}): ManualEntry => ({
  secret: 'JBSW Y3DP EHPK 3PXP',
  issuer: 'Broker',
  label: 'me@example.com',
  algorithm: 'SHA1',
  digits: 6,
  type: 'totp',
  period: 30,
  counter: 0,
  ...over,
})

describe('the IPC handler table', () => {
  const tempDir = useTempDir()
  let dir: string
  let store: MemorySecretStore
  let clipboard: FakeClipboard
  let timers: ManualTimers
  let now: number
  let picked: string | null
  let handlers: Handlers
  let changes: number

  beforeEach(() => {
    dir = tempDir()
    store = new MemorySecretStore()
    clipboard = new FakeClipboard()
    timers = new ManualTimers()
    now = T
    picked = null
    changes = 0
    handlers = createHandlers({
      vault: new VaultHolder(() => Vault.open({ dir, store, now: () => now }), fileStamp(join(dir, METADATA_FILE))),
      accountsChanged: () => changes++,
      now: () => now,
      clipboard: new ClipboardClearer(clipboard, timers),
      pickImageFile: () => Promise.resolve(picked),
      backupDialogs: { pickSavePath: () => Promise.resolve(null), pickImportFiles: () => Promise.resolve(null) },
      settings: new SettingsStore(dir),
      locale: () => 'ja-JP',
      prepareScreenScan: () => Promise.resolve(2),
      // Main's own dialog says yes here; tests/unit/ipc/confirm-handlers.test.ts covers the no.
      confirm: () => Promise.resolve(true),
    })
  })

  async function call<C extends ChannelName>(channel: C, ...args: unknown[]): Promise<IpcResult<unknown>> {
    return dispatch(handlers, channel, args, OURS, ORIGINS)
  }
  async function value<C extends ChannelName>(channel: C, ...args: unknown[]): Promise<Channels[C]['result']> {
    const result = await call(channel, ...args)
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`)
    return result.value as Channels[C]['result']
  }

  it('adds from a URI and lists the account without its secret', async () => {
    const added = await value('accounts:add-from-uri', RFC_URI)
    expect(added).toMatchObject({ issuer: 'Example', label: 'alice@example.com', digits: 8, type: 'totp' })
    const list = await value('accounts:list')
    expect(list).toEqual([added])
    expect(JSON.stringify(list)).not.toContain(RFC_SECRET)
    expect(JSON.stringify(added)).not.toContain(RFC_SECRET)
    expect(store.secretOf(added.id)).toBe(RFC_SECRET)
  })

  it('never returns a secret from accounts:list, codes:current or a preview', async () => {
    await value('accounts:add-from-uri', RFC_URI)
    await value('accounts:add-manual', manual())
    const texts = [
      await value('accounts:list'),
      await value('codes:current'),
      await value('accounts:preview-uri', RFC_URI),
      await value('accounts:preview-manual', manual()),
    ].map((v) => JSON.stringify(v))
    for (const text of texts) {
      expect(text).not.toContain(RFC_SECRET)
      expect(text).not.toContain('JBSWY3DPEHPK3PXP')
      expect(text).not.toMatch(/secret/i)
    }
  })

  it('gives the RFC 6238 code 07081804 at T=1111111109 with the next code', async () => {
    const { id } = await value('accounts:add-from-uri', RFC_URI)
    const [snapshot] = await value('codes:current')
    expect(snapshot).toMatchObject({ id, code: '07081804', period: 30, secondsLeft: 1 })
    // RFC 6238: T=1111111111 lies in the next 30 s step and gives 14050471.
    expect(snapshot!.next).toBe('14050471')
  })

  it.skipIf(oathtoolAbsent)('agrees with oathtool for SHA256, 7 digits, 45 s', async () => {
    await value('accounts:add-manual', manual({ algorithm: 'SHA256', digits: 7, period: 45 }))
    for (const at of [0, 59_000, T, 1_700_000_123_456]) {
      now = at
      const [snapshot] = await value('codes:current')
      const seconds = Math.floor(at / 1000)
      const run = (s: number) =>
        spawnSync('oathtool', ['--totp=SHA256', '-d', '7', '-s', '45', '-N', `@${s}`, '-b', 'JBSWY3DPEHPK3PXP'], {
          encoding: 'utf8',
        }).stdout.trim()
      expect(snapshot!.code).toBe(run(seconds))
      expect(snapshot!.next).toBe(run(seconds + 45))
    }
  })

  it('previews a URI with its code and duplicates without saving', async () => {
    const p1 = await value('accounts:preview-uri', RFC_URI)
    expect(p1).toMatchObject({ issuer: 'Example', code: '07081804', secondsLeft: 1, duplicateOf: [] })
    expect(await value('accounts:list')).toEqual([])
    const { id } = await value('accounts:add-from-uri', RFC_URI)
    expect((await value('accounts:preview-uri', RFC_URI)).duplicateOf).toEqual([id])
  })

  it('rejects a bad URI or setup key with its typed code and saves nothing', async () => {
    const bad = [
      [await call('accounts:add-from-uri', 'https://example.com'), 'INVALID_OTP_URI'],
      [await call('accounts:add-manual', manual({ secret: 'not base32!' })), 'INVALID_SECRET'],
      [await call('accounts:add-manual', manual({ secret: 'JBSWY3DP' })), 'SECRET_TOO_SHORT'],
      [await call('accounts:add-manual', manual({ digits: 5 })), 'INVALID_DIGITS'],
      [await call('accounts:add-manual', manual({ period: 0 })), 'INVALID_PERIOD'],
      [await call('accounts:add-manual', manual({ issuer: '', label: ' ' })), 'INVALID_ACCOUNT'],
      // Controls and bidi overrides are stripped: names of nothing else are no names.
      [await call('accounts:preview-manual', manual({ issuer: '\u202e', label: '\u0007 \u200f' })), 'INVALID_ACCOUNT'],
    ] as const
    for (const [result, code] of bad) {
      expect(result).toMatchObject({ ok: false, error: { code } })
      if (!result.ok) expect(result.error.message).not.toContain('base32!')
    }
    expect(await value('accounts:list')).toEqual([])
    expect(store.entries.size).toBe(0)
  })

  it('renames, moves and removes (to Recently deleted, keychain entry kept)', async () => {
    const a = await value('accounts:add-manual', manual({ issuer: 'A' }))
    const b = await value('accounts:add-manual', manual({ issuer: 'B' }))
    expect(await value('accounts:rename', a.id, { issuer: 'A2', label: 'x' })).toMatchObject({
      issuer: 'A2',
      label: 'x',
    })
    expect((await value('accounts:move', b.id, 0)).map((s) => s.issuer)).toEqual(['B', 'A2'])
    expect((await value('accounts:remove', b.id)).map((s) => s.id)).toEqual([a.id])
    expect(store.secretOf(b.id)).toBeDefined()
    expect((await value('accounts:deleted')).map((s) => s.id)).toEqual([b.id])
    expect(await call('accounts:remove', b.id)).toMatchObject({ ok: false, error: { code: 'ACCOUNT_NOT_FOUND' } })
  })

  it('refuses accounts:rename to empty names (INVALID_ACCOUNT, nothing changed)', async () => {
    const a = await value('accounts:add-manual', manual({ issuer: 'A' }))
    expect(await call('accounts:rename', a.id, { issuer: '', label: '' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ACCOUNT' },
    })
    expect(await value('accounts:list')).toEqual([a])
  })

  it('reveals a secret only through accounts:reveal-secret, and nothing more than the key', async () => {
    const { id } = await value('accounts:add-from-uri', RFC_URI)
    expect(await value('accounts:reveal-secret', id)).toEqual({ secret: RFC_SECRET })
  })

  it('advances HOTP counters and copies the last HOTP code shown', async () => {
    // RFC 4226 appendix D: counter 0 -> 755224, 1 -> 287082.
    const { id } = await value('accounts:add-manual', manual({ type: 'hotp', secret: RFC_SECRET, counter: 0 }))
    expect(await call('clipboard:copy-code', id)).toMatchObject({ ok: false, error: { code: 'USAGE' } })
    expect(await value('codes:next-hotp', id)).toEqual({ code: '755224', counter: 0 })
    expect(await value('codes:next-hotp', id)).toEqual({ code: '287082', counter: 1 })
    await value('clipboard:copy-code', id)
    expect(clipboard.text).toBe('287082')
    expect(await value('codes:current')).toEqual([])
  })

  it('clears the copied code after 30 s if the clipboard still holds it', async () => {
    const { id } = await value('accounts:add-from-uri', RFC_URI)
    expect(await value('clipboard:copy-code', id)).toEqual({ clearAfterSeconds: 30 })
    expect(clipboard.text).toBe('07081804')
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([30_000])
    timers.fireAll()
    await settle()
    expect(clipboard.text).toBe('')
  })

  it('clears the copied code after the delay chosen in the settings (10 s), read at each copy', async () => {
    const { id } = await value('accounts:add-from-uri', RFC_URI)
    await value('settings:update', { clipboardSeconds: 10 })
    expect(await value('clipboard:copy-code', id)).toEqual({ clearAfterSeconds: 10 })
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([10_000])
    await value('settings:update', { clipboardSeconds: 90 })
    expect(await value('clipboard:copy-code', id)).toEqual({ clearAfterSeconds: 90 })
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([90_000])
    timers.fireAll()
    await settle()
    expect(clipboard.text).toBe('')
  })

  it('saves theme, density and the clipboard delay, and refuses other values', async () => {
    expect(await value('settings:get')).toMatchObject({ theme: 'system', density: 'comfortable', clipboardSeconds: 30 })
    await value('settings:update', { theme: 'dark', density: 'compact' })
    expect(await value('settings:get')).toMatchObject({ theme: 'dark', density: 'compact', clipboardSeconds: 30 })
    expect(await new SettingsStore(dir).get()).toMatchObject({ theme: 'dark', density: 'compact', language: 'system' })
    for (const bad of [{ theme: 'sepia' }, { clipboardSeconds: 5 }, { clipboardSeconds: '30' }, {}, { locale: 'x' }])
      expect(await call('settings:update', bad)).toMatchObject({ ok: false, error: { code: 'USAGE' } })
    expect(await value('settings:get')).toMatchObject({ theme: 'dark', density: 'compact', clipboardSeconds: 30 })
  })

  it('leaves the clipboard alone if the user copied something else since', async () => {
    const { id } = await value('accounts:add-from-uri', RFC_URI)
    await value('clipboard:copy-code', id)
    clipboard.text = 'the user’s own text'
    timers.fireAll()
    await settle()
    expect(clipboard.text).toBe('the user’s own text')
  })

  it('keeps one clear timer: a second copy replaces the first', async () => {
    const { id } = await value('accounts:add-from-uri', RFC_URI)
    await value('clipboard:copy-code', id)
    now += 30_000
    await value('clipboard:copy-code', id)
    expect(timers.pending.size).toBe(1)
    expect(clipboard.text).toBe('14050471')
  })

  it('returns the picked image bytes, null when cancelled, and refuses huge files', async () => {
    expect(await value('scan:open-image')).toBeNull()
    picked = join(dir, 'qr.png')
    writeFileSync(picked, Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]))
    const image = (await value('scan:open-image'))!
    expect(image.name).toBe('qr.png')
    expect([...image.bytes]).toEqual([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])
    picked = join(dir, 'huge.png')
    writeFileSync(picked, '')
    truncateSync(picked, MAX_IMAGE_BYTES + 1)
    expect(await call('scan:open-image')).toMatchObject({ ok: false, error: { code: 'IMAGE_TOO_LARGE' } })
  })

  it('refuses a directory, a FIFO or a vanished file as NOT_AN_IMAGE without hanging', async () => {
    picked = dir
    expect(await call('scan:open-image')).toMatchObject({ ok: false, error: { code: 'NOT_AN_IMAGE' } })
    picked = join(dir, 'gone.png')
    expect(await call('scan:open-image')).toMatchObject({ ok: false, error: { code: 'NOT_AN_IMAGE' } })
    if (process.platform !== 'win32') {
      picked = join(dir, 'fifo.png')
      expect(spawnSync('mkfifo', [picked]).status).toBe(0)
      expect(await call('scan:open-image')).toMatchObject({ ok: false, error: { code: 'NOT_AN_IMAGE' } })
    }
  })

  it('saves the language choice and reports the OS locale', async () => {
    expect(await value('settings:get')).toMatchObject({ locale: 'ja-JP', language: 'system' })
    await value('settings:set-language', 'en')
    expect(await value('settings:get')).toMatchObject({ locale: 'ja-JP', language: 'en' })
    expect(await new SettingsStore(dir).get()).toMatchObject({ language: 'en' })
  })

  it('arms a screen scan for each display', async () => {
    expect(await value('scan:prepare-screens')).toEqual({ screens: 2 })
  })

  it('reports KEYCHAIN_UNAVAILABLE, then opens the vault once the keychain is back', async () => {
    store.available = false
    expect(await value('app:status')).toMatchObject({ vault: 'unavailable', error: { code: 'KEYCHAIN_UNAVAILABLE' } })
    expect(await call('accounts:list')).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } })
    store.available = true
    expect(await value('app:status')).toEqual({ vault: 'ready', problems: [] })
    expect(await value('accounts:list')).toEqual([])
  })

  it('picks up accounts another process (the CLI) added or removed, and says so once', async () => {
    const mine = await value('accounts:add-manual', manual({ issuer: 'Mine' }))
    expect(changes).toBe(0)
    // The CLI: its own Vault over the same directory and keychain.
    const cli = await Vault.open({ dir, store, now: () => now })
    const theirs = await cli.add(parseOtpUri(RFC_URI))
    expect((await value('accounts:list')).map((a) => a.id)).toEqual([mine.id, theirs.id])
    expect(changes).toBe(1)
    // Its secret is known too: its code is there and can be copied.
    expect((await value('codes:current')).find((c) => c.id === theirs.id)?.code).toBe('07081804')
    await value('clipboard:copy-code', theirs.id)
    expect(clipboard.text).toBe('07081804')
    expect(changes).toBe(1)
    await cli.remove(mine.id)
    expect((await value('codes:current')).map((c) => c.id)).toEqual([theirs.id])
    expect(changes).toBe(2)
    await value('accounts:rename', theirs.id, { issuer: 'Renamed', label: '' })
    await value('accounts:list')
    expect(changes).toBe(2)
  })
})
