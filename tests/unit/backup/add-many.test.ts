import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Vault } from '../../../electron/vault/vault'
import { KeychainUnavailableError } from '../../../shared/errors'
import type { OtpParams } from '../../../shared/otp/account'
import { MemorySecretStore } from '../../support/memory-secret-store'

/** Refuses the third keychain write, after two succeeded. */
class FailThirdSet extends MemorySecretStore {
  private sets = 0
  override set(id: string, secret: string): Promise<void> {
    if (++this.sets === 3) return Promise.reject(new KeychainUnavailableError('refused'))
    return super.set(id, secret)
  }
}

const acct = (i: number): OtpParams => ({
  type: 'totp',
  secret: 'JBSWY3DPEHPK3PXP',
  issuer: `I${i}`,
  label: `u${i}`,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
})

describe('Vault.addMany', () => {
  it('adds nothing and leaves no keychain entry when one keychain write fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'warifu-addmany-'))
    try {
      const store = new FailThirdSet()
      const vault = await Vault.open({ dir, store })
      await expect(vault.addMany([acct(1), acct(2), acct(3), acct(4)])).rejects.toMatchObject({
        code: 'KEYCHAIN_UNAVAILABLE',
      })
      expect(vault.list()).toEqual([])
      expect(store.entries.size).toBe(0)
      expect(JSON.parse(await readFile(join(dir, 'vault.json'), 'utf8')).accounts).toEqual([])
      const reopened = await Vault.open({ dir, store })
      expect(reopened.problems).toEqual([])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
  it('writes all records without pending state when it succeeds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'warifu-addmany-'))
    try {
      const vault = await Vault.open({ dir, store: new MemorySecretStore() })
      const added = await vault.addMany([acct(1), acct(2)])
      const file = JSON.parse(await readFile(join(dir, 'vault.json'), 'utf8')) as {
        accounts: { id: string; pending?: string }[]
      }
      expect(file.accounts.map((a) => [a.id, a.pending])).toEqual(added.map((a) => [a.id, undefined]))
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
