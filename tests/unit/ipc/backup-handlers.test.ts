/**
 * The Export and Import screens' channels, through dispatch (parsers, error mapping) over a real
 * Vault with an in-memory keychain and fake dialogs. The real keychain is covered by the e2e test.
 */
import { readFileSync, statSync, writeFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { beforeEach, describe, expect, it } from 'vitest'
import { ClipboardClearer } from '../../../electron/app/clipboard-clearer'
import { SettingsStore } from '../../../electron/app/settings-store'
import { fileStamp, VaultHolder } from '../../../electron/app/vault-holder'
import { dispatch } from '../../../electron/ipc/dispatch'
import { createHandlers, type Handlers } from '../../../electron/ipc/handlers'
import { scanImageFile } from '../../../electron/scan/scan-file'
import { METADATA_FILE } from '../../../electron/vault/paths'
import { Vault } from '../../../electron/vault/vault'
import type { QrMatrix } from '../../../shared/backup/preview'
import {
  collectMigrationBatches,
  formatMigrationUris,
  parseMigrationUri,
} from '../../../shared/formats/google-migration'
import type { ChannelName, Channels, IpcResult } from '../../../shared/ipc/channels'
import type { OtpParams } from '../../../shared/otp/account'
import { parseOtpUri } from '../../../shared/otp/uri'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'
import { FakeClipboard, ManualTimers } from './fakes'

const ORIGINS = {}
const OURS = { url: 'warifu://app/index.html', isMainFrame: true }
const T = Date.parse('2026-11-24T09:00:00Z')
const BROKER = parseOtpUri('otpauth://totp/Monex:taro?secret=JBSWY3DPEHPK3PXP&issuer=Monex')
const BANK = parseOtpUri('otpauth://totp/Bank:hanako?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank&digits=8')
// SHA256 and a 60 s period: Google Authenticator's transfer format cannot hold it.
const ODD = parseOtpUri('otpauth://totp/Odd:x?secret=KRSXG5CTMVRXEZLU&issuer=Odd&algorithm=SHA256&period=60')
const PASSWORD = 'correct horse battery staple'

/** One app's main side: its own data dir, keychain and dialogs. */
function makeMain(dir: string) {
  const store = new MemorySecretStore()
  const dialogs = { save: null as string | null, open: null as string[] | null, asked: [] as string[] }
  const holder = new VaultHolder(() => Vault.open({ dir, store, now: () => T }), fileStamp(join(dir, METADATA_FILE)))
  const handlers: Handlers = createHandlers({
    vault: holder,
    accountsChanged: () => {},
    now: () => T,
    clipboard: new ClipboardClearer(new FakeClipboard(), new ManualTimers()),
    pickImageFile: () => Promise.resolve(null),
    backupDialogs: {
      pickSavePath: (format) => {
        dialogs.asked.push(format)
        return Promise.resolve(dialogs.save)
      },
      pickImportFiles: () => {
        dialogs.asked.push('import')
        return Promise.resolve(dialogs.open)
      },
    },
    settings: new SettingsStore(dir),
    locale: () => 'en-US',
    prepareScreenScan: () => Promise.resolve(1),
    confirm: () => Promise.resolve(true),
  })
  const call = (channel: ChannelName, ...args: unknown[]): Promise<IpcResult<unknown>> =>
    dispatch(handlers, channel, args, OURS, ORIGINS)
  async function value<C extends ChannelName>(channel: C, ...args: unknown[]): Promise<Channels[C]['result']> {
    const result = await call(channel, ...args)
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`)
    return result.value as Channels[C]['result']
  }
  async function errorOf(channel: ChannelName, ...args: unknown[]): Promise<string> {
    const result = await call(channel, ...args)
    if (result.ok) throw new Error(`${channel} succeeded`)
    return result.error.code
  }
  const secrets = async () => {
    const v = await holder.get()
    return v.list().map((a) => v.params(a.id))
  }
  return { store, dialogs, holder, value, errorOf, secrets }
}

/** Draws a QR matrix as a PNG (4 px a module, a quiet zone of 4) so the real scan pipeline can read it. */
function matrixPng(matrix: QrMatrix, path: string): void {
  const scale = 4
  const side = (matrix.size + 8) * scale
  const png = new PNG({ width: side, height: side })
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scale) - 4
      const my = Math.floor(y / scale) - 4
      const inside = mx >= 0 && my >= 0 && mx < matrix.size && my < matrix.size
      const dark = inside && matrix.modules[my * matrix.size + mx] === 1
      const i = (y * side + x) * 4
      png.data.fill(dark ? 0 : 255, i, i + 3)
      png.data[i + 3] = 255
    }
  }
  writeFileSync(path, PNG.sync.write(png))
}

const names = (accounts: readonly { issuer: string; label: string }[]) => accounts.map((a) => `${a.issuer}/${a.label}`)

describe('the backup channels', () => {
  const tempDir = useTempDir()
  let dir: string
  let app: ReturnType<typeof makeMain>

  beforeEach(async () => {
    dir = tempDir()
    app = makeMain(join(dir, 'app'))
    for (const params of [BROKER, BANK]) await (await app.holder.get()).add(params)
  })

  it('reminds until an encrypted export is written and verified, which holds no secret in clear', async () => {
    expect(await app.value('backup:status')).toEqual({ addedSinceBackup: 2, needsBackup: true })
    app.dialogs.save = join(dir, 'backup.json')
    const done = await app.value('backup:export', { format: 'aegis', password: PASSWORD })
    expect(done).toEqual({ file: 'backup.json', exported: 2, isBackup: true })
    expect(app.dialogs.asked).toEqual(['aegis'])
    expect(statSync(join(dir, 'backup.json')).mode & 0o777).toBe(0o600)
    const written = readFileSync(join(dir, 'backup.json'), 'utf8')
    expect(written).not.toContain(BROKER.secret)
    expect(written).not.toContain('taro')
    expect(await app.value('backup:status')).toMatchObject({ addedSinceBackup: 0, needsBackup: false })
  })

  it('writes nothing when the save dialog is cancelled, and never a plain file without confirmation', async () => {
    expect(await app.value('backup:export', { format: 'aegis', password: PASSWORD })).toBeNull()
    expect(await app.errorOf('backup:export', { format: 'otpauth' })).toBe('USAGE')
    expect(await app.errorOf('backup:export', { format: 'aegis', password: '' })).toBe('USAGE')
    // The refused calls never reached the dialog.
    expect(app.dialogs.asked).toEqual(['aegis'])
    expect(await app.value('backup:status')).toMatchObject({ needsBackup: true })

    app.dialogs.save = join(dir, 'plain.txt')
    const done = await app.value('backup:export', { format: 'otpauth', confirmPlain: true })
    expect(done).toMatchObject({ file: 'plain.txt', exported: 2 })
    expect(readFileSync(join(dir, 'plain.txt'), 'utf8').trim().split('\n')).toHaveLength(2)
  })

  it('shows phone transfer codes that scan back to the accounts, and lists what they leave out', async () => {
    await (await app.holder.get()).add(ODD)
    const phone = await app.value('backup:phone-codes')
    expect(phone.exported).toBe(2)
    expect(phone.leftOut).toEqual([
      { issuer: 'Odd', label: 'x', limit: 'algorithm', reason: expect.stringMatching(/SHA256/) },
    ])
    expect(phone.codes).toHaveLength(1)
    const png = join(dir, 'code.png')
    matrixPng(phone.codes[0]!, png)
    const texts = await scanImageFile(png)
    const collected = collectMigrationBatches(texts.map(parseMigrationUri))
    expect(collected.incomplete).toEqual([])
    expect(collected.accounts.accounts).toEqual([BROKER, BANK])
    // Showing codes to a phone is not a backup.
    expect(await app.value('backup:status')).toMatchObject({ needsBackup: true })
  })

  it('imports an encrypted export into an empty vault: password asked, wrong one refused, all added', async () => {
    app.dialogs.save = join(dir, 'backup.json')
    await app.value('backup:export', { format: 'aegis', password: PASSWORD })
    const other = makeMain(join(dir, 'other'))
    expect(await other.value('import:add-files', null)).toBeNull()
    other.dialogs.open = [join(dir, 'backup.json')]
    const { session, sources } = (await other.value('import:add-files', null))!
    expect(sources).toEqual(['backup.json'])
    expect(await other.errorOf('import:preview', session, null)).toBe('BACKUP_PASSWORD_REQUIRED')
    expect(await other.errorOf('import:preview', session, 'wrong password')).toBe('BACKUP_WRONG_PASSWORD')
    expect(await other.secrets()).toEqual([])

    const preview = await other.value('import:preview', session, PASSWORD)
    expect(names(preview.toAdd)).toEqual(['Monex/taro', 'Bank/hanako'])
    expect(JSON.stringify(preview)).not.toContain(BROKER.secret)
    const { added } = await other.value('import:commit', preview.id)
    expect(names(added)).toEqual(['Monex/taro', 'Bank/hanako'])
    expect(await other.secrets()).toEqual([BROKER, BANK])
    // A preview commits once, and the import is over.
    expect(await other.errorOf('import:commit', preview.id)).toBe('USAGE')
    expect(await other.errorOf('import:preview', session, PASSWORD)).toBe('USAGE')
  })

  it('collects a Google Authenticator export over several scans and names the codes still missing', async () => {
    const { uris } = formatMigrationUris(
      Array.from({ length: 12 }, (_, i): OtpParams => ({ ...BROKER, label: `user${i}` })),
      77,
    )
    expect(uris).toHaveLength(2)
    const first = await app.value('import:add-texts', null, [uris[0]], 'Screenshot')
    expect(first.sources).toEqual(['Screenshot 1'])
    const partial = await app.value('import:preview', first.session, null)
    expect(partial.incompleteBatches).toEqual([{ batchId: 77, batchSize: 2, missing: [1] }])
    expect(partial.toAdd).toHaveLength(10)

    const both = await app.value('import:add-texts', first.session, [uris[1]], 'Screenshot')
    expect(both).toEqual({ session: first.session, sources: ['Screenshot 1', 'Screenshot 2'] })
    // The earlier preview went stale with the new source.
    expect(await app.errorOf('import:commit', partial.id)).toBe('USAGE')
    const full = await app.value('import:preview', first.session, null)
    expect(full.incompleteBatches).toEqual([])
    expect(full.toAdd).toHaveLength(12)
    await app.value('import:commit', full.id)
    expect(await app.secrets()).toHaveLength(14)
  })

  it('marks accounts already saved as duplicates and adds nothing for them', async () => {
    const { session } = await app.value(
      'import:add-texts',
      null,
      ['otpauth://totp/Monex:taro?secret=JBSWY3DPEHPK3PXP&issuer=Monex\nnot a uri'],
      'Pasted text',
    )
    const preview = await app.value('import:preview', session, null)
    expect(preview.toAdd).toEqual([])
    expect(names(preview.duplicates)).toEqual(['Monex/taro'])
    expect(preview.rejected).toHaveLength(1)
    expect((await app.value('import:commit', preview.id)).added).toEqual([])
    expect(await app.secrets()).toEqual([BROKER, BANK])
  })

  it('changes nothing when the keychain fails during the commit, and lets the user try again', async () => {
    const { session } = await app.value('import:add-texts', null, [uriOf(ODD)], 'Pasted text')
    const preview = await app.value('import:preview', session, null)
    app.store.available = false
    expect(await app.errorOf('import:commit', preview.id)).toBe('KEYCHAIN_UNAVAILABLE')
    app.store.available = true
    expect(await app.secrets()).toEqual([BROKER, BANK])
    expect(await app.errorOf('import:commit', preview.id)).toBe('USAGE')
    const again = await app.value('import:preview', session, null)
    await app.value('import:commit', again.id)
    expect(await app.secrets()).toEqual([BROKER, BANK, ODD])
  })

  it('refuses an unknown or discarded import, and an import of too many sources', async () => {
    const unknown = '0b5f3c1e-9a7d-4c2b-8e6f-1a2b3c4d5e6f'
    expect(await app.errorOf('import:preview', unknown, null)).toBe('USAGE')
    const { session } = await app.value('import:add-texts', null, ['x'], 'Pasted text')
    await app.value('import:discard', session)
    expect(await app.errorOf('import:add-texts', session, ['y'], 'Pasted text')).toBe('USAGE')
    expect(await app.errorOf('import:add-files', session)).toBe('USAGE')
    // Refused before main's dialog opened.
    expect(app.dialogs.asked).toEqual([])
    const big = await app.value('import:add-texts', null, Array(64).fill('x'), 'Pasted text')
    expect(await app.errorOf('import:add-texts', big.session, ['x'], 'Pasted text')).toBe('USAGE')
    expect(existsSync(join(dir, 'app', METADATA_FILE))).toBe(true)
  })
})

function uriOf(p: OtpParams): string {
  return `otpauth://totp/${p.issuer}:${p.label}?secret=${p.secret}&issuer=${p.issuer}&algorithm=${p.algorithm}&period=${p.type === 'totp' ? p.period : 30}`
}
