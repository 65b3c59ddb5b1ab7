import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { ClipboardClearer } from '../../../electron/app/clipboard-clearer'
import { trayLabels } from '../../../electron/app/language'
import { SettingsStore } from '../../../electron/app/settings-store'
import {
  menuLabel,
  notifyAfterChanges,
  trayMenuTemplate,
  TRAY_MAX_ACCOUNTS,
  type TrayMenuItem,
} from '../../../electron/app/tray-menu'
import { fileStamp, VaultHolder } from '../../../electron/app/vault-holder'
import { createHandlers, type Handlers } from '../../../electron/ipc/handlers'
import { METADATA_FILE } from '../../../electron/vault/paths'
import { Vault } from '../../../electron/vault/vault'
import { totpCode } from '../../../shared/otp/codes'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'
import { FakeClipboard, ManualTimers } from '../ipc/fakes'

const SECRET = 'JBSWY3DPEHPK3PXP'
const uri = (issuer: string, label: string) =>
  `otpauth://totp/${encodeURIComponent(issuer)}:${label}?secret=${SECRET}&issuer=${encodeURIComponent(issuer)}`
const NOW = Date.UTC(2026, 10, 26, 2, 0, 5)

const labelsOf = (menu: TrayMenuItem[]) => menu.map((i) => ('label' in i ? i.label : '---'))
const clickable = (menu: TrayMenuItem[], label: string) => {
  const item = menu.find((i) => 'label' in i && i.label === label)
  if (!item || !('click' in item)) throw new Error(`no item ${label}`)
  return item.click
}

describe('the tray menu', () => {
  const tempDir = useTempDir()
  let handlers: Handlers
  let clipboard: FakeClipboard
  let timers: ManualTimers

  beforeEach(() => {
    const dir = tempDir()
    clipboard = new FakeClipboard()
    timers = new ManualTimers()
    handlers = createHandlers({
      vault: new VaultHolder(
        () => Vault.open({ dir, store: new MemorySecretStore(), now: () => NOW }),
        fileStamp(join(dir, METADATA_FILE)),
      ),
      accountsChanged: () => undefined,
      now: () => NOW,
      clipboard: new ClipboardClearer(clipboard, timers),
      pickImageFile: () => Promise.resolve(null),
      backupDialogs: { pickSavePath: () => Promise.resolve(null), pickImportFiles: () => Promise.resolve(null) },
      settings: new SettingsStore(dir),
      locale: () => 'ja-JP',
      prepareScreenScan: () => Promise.resolve(1),
      confirm: () => Promise.resolve(true),
    })
  })

  it('lists only pinned accounts, by name and never a code, and copies the chosen one through the list\u2019s own copy', async () => {
    const monex = await handlers['accounts:add-from-uri'](uri('マネックス証券', 'taro'))
    await handlers['accounts:add-from-uri'](uri('SBI証券', 'hanako'))
    const rakuten = await handlers['accounts:add-from-uri'](uri('楽天銀行', 'jiro'))
    await handlers['accounts:set-pinned'](rakuten.id, true)
    await handlers['accounts:set-pinned'](monex.id, true)
    const copied: string[] = []
    let copying: Promise<unknown> = Promise.resolve()
    const menu = trayMenuTemplate(await handlers['accounts:list'](), trayLabels('ja'), {
      show: () => undefined,
      quit: () => undefined,
      copy: (id) => {
        copied.push(id)
        copying = handlers['clipboard:copy-code'](id)
      },
    })
    expect(labelsOf(menu)).toEqual([
      '認証コードをコピー',
      'マネックス証券 (taro)',
      '楽天銀行 (jiro)',
      '---',
      'Warifu を表示',
      '---',
      '終了',
    ])
    const code = totpCode({ secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30 }, NOW).code
    expect(JSON.stringify(menu)).not.toContain(code)
    clickable(menu, '楽天銀行 (jiro)')()
    await copying
    expect(copied).toEqual([rakuten.id])
    expect(clipboard.writes).toEqual([code])
    // Cleared after the delay like any copy (30 s by default), and the use is recorded.
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([30_000])
    expect((await handlers['accounts:list']()).find((a) => a.id === rakuten.id)?.lastUsedAt).toBe(
      '2026-11-26T02:00:00.000Z',
    )
  })

  it('says how to get an account there when none is pinned, and leaves out counter-based ones', async () => {
    const hotp = await handlers['accounts:add-from-uri'](`otpauth://hotp/X:y?secret=${SECRET}&issuer=X&counter=0`)
    await handlers['accounts:set-pinned'](hotp.id, true)
    const menu = trayMenuTemplate(await handlers['accounts:list'](), trayLabels('en'), {
      show: () => undefined,
      quit: () => undefined,
      copy: () => undefined,
    })
    expect(labelsOf(menu)).toEqual([
      'Pin an account to copy its code from here',
      '---',
      'Show Warifu',
      '---',
      'Quit Warifu',
    ])
  })

  it('shows at most TRAY_MAX_ACCOUNTS and escapes & so a name cannot make a mnemonic', () => {
    expect(menuLabel({ issuer: 'AT&T', label: '' })).toBe('AT&&T')
    expect(menuLabel({ issuer: '', label: 'me' })).toBe('me')
    const many = Array.from({ length: 30 }, (_, i) => ({
      id: i.toString(16).padStart(16, '0'),
      type: 'totp' as const,
      period: 30,
      issuer: `S${i}`,
      label: '',
      algorithm: 'SHA1' as const,
      digits: 6,
      createdAt: '',
      sites: [],
      pinned: true as const,
    }))
    const menu = trayMenuTemplate(many, trayLabels('en'), { show: () => 0, quit: () => 0, copy: () => 0 })
    expect(menu.filter((i) => 'click' in i)).toHaveLength(TRAY_MAX_ACCOUNTS + 2)
  })

  it('is rebuilt after every change to the accounts, and not after reads or copies', async () => {
    let changes = 0
    const wrapped = notifyAfterChanges(handlers, () => changes++)
    const { id } = await wrapped['accounts:add-from-uri'](uri('A', 'b'))
    expect(changes).toBe(1)
    await wrapped['accounts:set-pinned'](id, true)
    await wrapped['accounts:rename'](id, { issuer: 'B', label: 'b' })
    expect(changes).toBe(3)
    await wrapped['accounts:list']()
    await wrapped['codes:current']()
    await wrapped['clipboard:copy-code'](id)
    await wrapped['accounts:preview-uri'](uri('C', 'd'))
    expect(changes).toBe(3)
    await wrapped['settings:set-language']('en')
    expect(changes).toBe(4)
    // A refused change tells nothing.
    await expect(wrapped['accounts:set-pinned']('fedcba9876543210', true)).rejects.toMatchObject({
      code: 'ACCOUNT_NOT_FOUND',
    })
    expect(changes).toBe(4)
  })
})
