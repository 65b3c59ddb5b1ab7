/**
 * Main's handler table over a throwaway vault, for handler tests: every dependency has a quiet
 * default (no dialog picks, main's confirmation says yes, a fake clipboard on manual timers),
 * and a test overrides only what it looks at.
 */
import { join } from 'node:path'
import { ClipboardClearer } from '../../../electron/app/clipboard-clearer'
import { SettingsStore } from '../../../electron/app/settings-store'
import { fileStamp, VaultHolder } from '../../../electron/app/vault-holder'
import { dispatch } from '../../../electron/ipc/dispatch'
import { createHandlers, type HandlerDeps, type Handlers } from '../../../electron/ipc/handlers'
import type { SecretStore } from '../../../electron/secrets/secret-store'
import { METADATA_FILE } from '../../../electron/vault/paths'
import { Vault } from '../../../electron/vault/vault'
import type { ChannelName, Channels, IpcResult } from '../../../shared/ipc/channels'
import { FakeClipboard, ManualTimers } from './fakes'

/** The page's own frame, as dispatch sees a trusted sender. */
export const OURS = { url: 'warifu://app/index.html', isMainFrame: true }

/** The handler table on a vault in `dir`; the vault's clock is `overrides.now` (default 0). */
export function handlerTable(dir: string, store: SecretStore, overrides: Partial<HandlerDeps> = {}): Handlers {
  const now = overrides.now ?? (() => 0)
  return createHandlers({
    vault: new VaultHolder(() => Vault.open({ dir, store, now }), fileStamp(join(dir, METADATA_FILE))),
    accountsChanged: () => undefined,
    clipboard: new ClipboardClearer(new FakeClipboard(), new ManualTimers()),
    pickImageFile: () => Promise.resolve(null),
    backupDialogs: { pickSavePath: () => Promise.resolve(null), pickImportFiles: () => Promise.resolve(null) },
    settings: new SettingsStore(dir),
    locale: () => 'en-US',
    prepareScreenScan: () => Promise.resolve(1),
    confirm: () => Promise.resolve(true),
    ...overrides,
    now,
  })
}

/** Calls through dispatch as the page would: the raw result, its value (or a thrown failure), or its error code. */
export function channelCaller(handlers: () => Handlers) {
  const call = (channel: ChannelName, ...args: unknown[]): Promise<IpcResult<unknown>> =>
    dispatch(handlers(), channel, args, OURS, {})
  async function value<C extends ChannelName>(channel: C, ...args: unknown[]): Promise<Channels[C]['result']> {
    const result = await call(channel, ...args)
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`)
    return result.value as Channels[C]['result']
  }
  const errorOf = async (channel: ChannelName, ...args: unknown[]): Promise<string> => {
    const result = await call(channel, ...args)
    return result.ok ? 'ok' : result.error.code
  }
  return { call, value, errorOf }
}
