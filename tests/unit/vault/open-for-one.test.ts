/**
 * Vault.openForOne (what `warifu code <search>` opens): the account file and the chosen account's
 * secret only, never a listing of the whole keychain service; the full open whenever something
 * needs it (no vault id yet, an interrupted change, a secret not under this vault's name).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Vault } from '../../../electron/vault/vault'
import { parseOtpUri } from '../../../shared/otp/uri'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'

const SECRET = 'JBSWY3DPEHPK3PXP'
const uri = (issuer: string, secret = SECRET) => `otpauth://totp/${issuer}:me?secret=${secret}&issuer=${issuer}`

/** A memory keychain that counts what it was asked. */
class CountingStore extends MemorySecretStore {
  lists = 0
  gets: string[] = []
  override list() {
    this.lists++
    return super.list()
  }
  override get(id: string) {
    this.gets.push(id)
    return super.get(id)
  }
}

describe('Vault.openForOne', () => {
  const tempDir = useTempDir()

  async function vaultWith(issuers: string[]) {
    const dir = tempDir()
    const store = new CountingStore()
    const vault = await Vault.open({ dir, store, now: () => 59_000 })
    for (const issuer of issuers)
      await vault.add(parseOtpUri(uri(issuer, issuer === 'Other' ? 'GEZDGNBVGY3TQOJQ' : SECRET)))
    store.lists = 0
    store.gets = []
    return { dir, store }
  }

  it('reads only the chosen account secret, and gives its code (996554 at 59 s, as oathtool)', async () => {
    const { dir, store } = await vaultWith(['Monex', 'Other', 'Rakuten'])
    const vault = await Vault.openForOne({ dir, store, now: () => 59_000 }, (v) => v.find('monex').id)
    const monex = vault.find('monex')
    expect(vault.totp(monex.id).code).toBe('996554')
    expect(store.lists).toBe(0)
    // The probe entry, then the one account's entry under this vault's name.
    expect(store.gets.filter((g) => g !== '.warifu-probe')).toEqual([
      expect.stringMatching(new RegExp(`^[0-9a-f]{16}/${monex.id}$`)),
    ])
    expect(() => vault.totp(vault.find('other').id)).toThrow(expect.objectContaining({ code: 'SECRET_MISSING' }))
  })

  it('answers an unknown search with ACCOUNT_NOT_FOUND, reading no secret', async () => {
    const { dir, store } = await vaultWith(['Monex'])
    await expect(Vault.openForOne({ dir, store }, (v) => v.find('nobody').id)).rejects.toMatchObject({
      code: 'ACCOUNT_NOT_FOUND',
    })
    expect(store.lists).toBe(0)
    expect(store.gets.filter((g) => g !== '.warifu-probe')).toEqual([])
  })

  it('spends a counter-based account counter as the full open does', async () => {
    const dir = tempDir()
    const store = new CountingStore()
    const full = await Vault.open({ dir, store })
    const bank = await full.add(parseOtpUri(`otpauth://hotp/Bank:h?secret=${SECRET}&issuer=Bank&counter=3`))
    const one = await Vault.openForOne({ dir, store }, (v) => v.find('bank').id)
    expect(await one.nextHotp(bank.id)).toMatchObject({ code: '143627', counter: 3 })
    expect((await Vault.open({ dir, store })).get(bank.id)).toMatchObject({ counter: 4 })
  })

  it('falls back to the full open for an interrupted change or a secret not under the vault name', async () => {
    const { dir, store } = await vaultWith(['Monex'])
    const path = join(dir, 'vault.json')
    const file = JSON.parse(readFileSync(path, 'utf8')) as { accounts: Record<string, unknown>[] }
    writeFileSync(path, JSON.stringify({ ...file, accounts: [{ ...file.accounts[0], pending: 'add' }] }))
    await Vault.openForOne({ dir, store }, (v) => v.find('monex').id).catch(() => undefined)
    expect(store.lists).toBeGreaterThan(0)

    const other = await vaultWith(['Monex'])
    for (const name of [...other.store.entries.keys()]) {
      // The entry moved back to its bare legacy name: the full open finds it and moves it again.
      if (name.includes('/')) {
        other.store.entries.set(name.split('/')[1]!, other.store.entries.get(name)!)
        other.store.entries.delete(name)
      }
    }
    const vault = await Vault.openForOne(
      { dir: other.dir, store: other.store, now: () => 59_000 },
      (v) => v.find('monex').id,
    )
    expect(other.store.lists).toBeGreaterThan(0)
    expect(vault.totp(vault.find('monex').id).code).toBe('996554')
  })
})
