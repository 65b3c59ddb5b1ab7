import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ClipboardClearer } from '../../../electron/app/clipboard-clearer'
import { SETTINGS_FILE, SettingsStore } from '../../../electron/app/settings-store'
import { fileStamp, VaultHolder } from '../../../electron/app/vault-holder'
import { dispatch } from '../../../electron/ipc/dispatch'
import { createHandlers } from '../../../electron/ipc/handlers'
import { METADATA_FILE } from '../../../electron/vault/paths'
import { Vault } from '../../../electron/vault/vault'
import type { ChannelName, IpcResult } from '../../../shared/ipc/channels'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'
import { FakeClipboard, ManualTimers } from './fakes'

const OURS = { url: 'warifu://app/index.html', isMainFrame: true }

function handlersIn(dir: string) {
  const store = new MemorySecretStore()
  const handlers = createHandlers({
    vault: new VaultHolder(() => Vault.open({ dir, store, now: () => 0 }), fileStamp(join(dir, METADATA_FILE))),
    accountsChanged: () => {},
    now: () => 0,
    clipboard: new ClipboardClearer(new FakeClipboard(), new ManualTimers()),
    pickImageFile: () => Promise.resolve(null),
    backupDialogs: { pickSavePath: () => Promise.resolve(null), pickImportFiles: () => Promise.resolve(null) },
    settings: new SettingsStore(dir),
    locale: () => 'ja-JP',
    prepareScreenScan: () => Promise.resolve(1),
    confirm: () => Promise.resolve(true),
  })
  return (channel: ChannelName, ...args: unknown[]): Promise<IpcResult<unknown>> =>
    dispatch(handlers, channel, args, OURS, {})
}

describe('the hide-codes setting', () => {
  const tempDir = useTempDir()

  it('is off by default, saved by settings:update, and read back by a new start', async () => {
    const dir = tempDir()
    const call = handlersIn(dir)
    expect(await call('settings:get')).toMatchObject({ ok: true, value: { hideCodes: false } })
    expect(await call('settings:update', { hideCodes: true })).toEqual({ ok: true, value: undefined })
    expect(JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8'))).toMatchObject({ hideCodes: true })
    expect(await handlersIn(dir)('settings:get')).toMatchObject({ ok: true, value: { hideCodes: true } })
  })

  it('refuses anything but true or false, and drops a damaged value from the file', async () => {
    const dir = tempDir()
    const call = handlersIn(dir)
    for (const bad of ['yes', 1, null]) {
      expect(await call('settings:update', { hideCodes: bad })).toMatchObject({ ok: false, error: { code: 'USAGE' } })
    }
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ hideCodes: 'on', theme: 'dark' }))
    expect(await handlersIn(dir)('settings:get')).toMatchObject({
      ok: true,
      value: { hideCodes: false, theme: 'dark' },
    })
  })
})
