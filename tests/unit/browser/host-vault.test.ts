import { describe, expect, it } from 'vitest'
import { vaultHostDeps } from '../../../electron/cli/commands/browser-host'
import { answerRequest } from '../../../electron/browser/host'
import type { CliIo } from '../../../electron/cli/io'
import { Vault } from '../../../electron/vault/vault'
import { parseOtpUri } from '../../../shared/otp/uri'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'

const MONEX = parseOtpUri('otpauth://totp/Monex:taro?secret=JBSWY3DPEHPK3PXP&issuer=Monex')
const page = { v: 1, type: 'code-for-page', url: 'https://monex.co.jp/' } as const

describe('vaultHostDeps (the host over the user\u2019s vault)', () => {
  const tempDir = useTempDir('warifu-host-vault-')

  it('fills from a live account, never from one in Recently deleted, and sees another process\u2019s changes', async () => {
    const dir = tempDir()
    const store = new MemorySecretStore()
    const open = () => Vault.open({ dir, store, now: () => 59_000 })
    const io: CliIo = {
      out: () => undefined,
      err: () => undefined,
      readStdin: () => Promise.resolve(''),
      now: () => 59_000,
      openVault: open,
    }
    const deps = { ...vaultHostDeps(io, dir), notifyFill: () => undefined }
    const writer = await open()
    const account = await writer.add(MONEX, { sites: ['monex.co.jp'] })
    expect(await answerRequest(page, deps)).toMatchObject({ type: 'code', code: '996554', name: 'Monex (taro)' })
    // Another Warifu (the app, the CLI) moves it to Recently deleted while the host stays warm.
    await writer.remove(account.id)
    expect(await answerRequest(page, deps)).toEqual({ v: 1, type: 'no-account' })
    await writer.restore(account.id)
    expect(await answerRequest(page, deps)).toMatchObject({ type: 'code' })
  })

  it('answers access-removed from the flag in the data folder', async () => {
    const dir = tempDir()
    const { setBrowserAccessRemoved } = await import('../../../electron/browser/access')
    const io = { openVault: () => Promise.reject(new Error('not opened')), now: () => 0 } as unknown as CliIo
    await setBrowserAccessRemoved(dir, true, 0)
    expect(await answerRequest(page, vaultHostDeps(io, dir))).toEqual({ v: 1, type: 'access-removed' })
  })
})
