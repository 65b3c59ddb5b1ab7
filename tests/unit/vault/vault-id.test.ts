/**
 * Keychain entries tied to their vault: "<vault id>/<account id>", the vault id recorded in the
 * metadata file. Two vaults sharing one keychain service never see each other's secrets; a vault
 * from before vault ids moves its entries on open, and a failure at any step loses nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { OtpParams } from '../../../shared/otp/account'
import { totpCode } from '../../../shared/otp/codes'
import { parseMetadata } from '../../../electron/vault/metadata'
import { Vault } from '../../../electron/vault/vault'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'

const NOW = 1_700_000_000_000
const SECRET_A = 'JBSWY3DPEHPK3PXPJBSWY3DP'
const SECRET_B = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
const totp = (label: string, secret: string): OtpParams & { type: 'totp' } => ({
  type: 'totp',
  secret,
  issuer: 'Monex',
  label,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
})
const record = (id: string, label: string) => ({
  id,
  type: 'totp',
  issuer: 'Monex',
  label,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  createdAt: '2026-01-01T00:00:00.000Z',
})
const ID_A = '00000000000000a1'
const ID_B = '00000000000000b2'

const open = (dir: string, store: MemorySecretStore) => Vault.open({ dir, store, now: () => NOW })
const vaultIdOf = (dir: string) => parseMetadata(readFileSync(join(dir, 'vault.json'), 'utf8')).vaultId

/** A vault written before vault ids: no id in the file, entries named by the bare account id. */
function legacyVault(dir: string, store: MemorySecretStore) {
  writeFileSync(
    join(dir, 'vault.json'),
    JSON.stringify({ format: 'warifu-vault', version: 1, accounts: [record(ID_A, 'a'), record(ID_B, 'b')] }),
  )
  store.entries.set(ID_A, SECRET_A)
  store.entries.set(ID_B, SECRET_B)
}

describe('vault ids in keychain entry names', () => {
  const tempDir = useTempDir()

  it('records a random vault id with the first write and names each entry "<vault id>/<account id>"', async () => {
    const dir = tempDir()
    const store = new MemorySecretStore()
    const vault = await open(dir, store)
    const added = await vault.add(totp('taro', SECRET_A))
    const vaultId = vaultIdOf(dir)
    expect(vaultId).toMatch(/^[0-9a-f]{16}$/)
    expect([...store.entries.keys()]).toEqual([`${vaultId}/${added.id}`])
    // A second vault's id is its own.
    const other = tempDir()
    await (await open(other, store)).add(totp('jiro', SECRET_B))
    expect(vaultIdOf(other)).not.toBe(vaultId)
  })

  it('refuses a file whose vault id is not 16 hex digits, as a damaged file', () => {
    const text = JSON.stringify({ format: 'warifu-vault', version: 1, vaultId: '../x', accounts: [] })
    expect(() => parseMetadata(text)).toThrow(expect.objectContaining({ code: 'VAULT_CORRUPT' }))
  })

  it('keeps two vaults on one keychain service apart: no orphan notes, no adopting the other’s secrets', async () => {
    const store = new MemorySecretStore()
    const [home1, home2] = [tempDir(), tempDir()]
    const a = await (await open(home1, store)).add(totp('a', SECRET_A))
    const b = await (await open(home2, store)).add(totp('b', SECRET_B))
    const [one, two] = [await open(home1, store), await open(home2, store)]
    expect(one.problems).toEqual([])
    expect(two.problems).toEqual([])
    expect(one.orphanIds()).toEqual([])
    expect(two.orphanIds()).toEqual([])
    expect(one.list().map((x) => x.id)).toEqual([a.id])
    expect(two.list().map((x) => x.id)).toEqual([b.id])
    await expect(one.adoptOrphan(b.id, totp('stolen', ''))).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' })
    // Deleting one vault's account for good leaves the other's secret alone.
    await one.remove(a.id)
    await one.purge(a.id)
    expect(store.secretOf(b.id)).toBe(SECRET_B)
    expect((await open(home2, store)).totp(b.id, NOW).code).toBe(totpCode(totp('b', SECRET_B), NOW).code)
  })

  it('moves a legacy vault’s entries to its own names on open, keeping every code', async () => {
    const dir = tempDir()
    const store = new MemorySecretStore()
    legacyVault(dir, store)
    const vault = await open(dir, store)
    const vaultId = vaultIdOf(dir)!
    expect([...store.entries.keys()].sort()).toEqual([`${vaultId}/${ID_A}`, `${vaultId}/${ID_B}`])
    expect(vault.problems).toEqual([])
    expect(vault.totp(ID_A, NOW).code).toBe(totpCode(totp('a', SECRET_A), NOW).code)
    expect(vault.totp(ID_B, NOW).code).toBe(totpCode(totp('b', SECRET_B), NOW).code)
    // Opened again: nothing left to move, nothing reported.
    expect((await open(dir, store)).problems).toEqual([])
    expect(vaultIdOf(dir)).toBe(vaultId)
  })

  // Every keychain call of the migration in turn fails (as a crash there would stop it): the open
  // fails or reads on, and the next open with a working keychain has every secret, each once.
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9])('loses nothing when keychain call %i of the move fails', async (failAt) => {
    const dir = tempDir()
    const store = new MemorySecretStore()
    legacyVault(dir, store)
    let calls = 0
    const failing = {
      probe: () => store.probe(),
      list: () => (++calls === failAt ? Promise.reject(new Error('keychain gone')) : store.list()),
      get: (id: string) => (++calls === failAt ? Promise.reject(new Error('keychain gone')) : store.get(id)),
      set: (id: string, s: string) =>
        ++calls === failAt ? Promise.reject(new Error('keychain gone')) : store.set(id, s),
      delete: (id: string) => (++calls === failAt ? Promise.reject(new Error('keychain gone')) : store.delete(id)),
    }
    const first = await Vault.open({ dir, store: failing, now: () => NOW }).catch(() => undefined)
    // Calls 1 and 9 are the open's listings before and after the move (it fails, as with any
    // unusable keychain); a failure within the move (2-8) does not keep the accounts from opening.
    if (failAt > 1 && failAt < 9) {
      expect([first!.params(ID_A).secret, first!.params(ID_B).secret]).toEqual([SECRET_A, SECRET_B])
    }
    const vault = await open(dir, store)
    expect(vault.problems).toEqual([])
    expect(vault.params(ID_A).secret).toBe(SECRET_A)
    expect(vault.params(ID_B).secret).toBe(SECRET_B)
    const vaultId = vaultIdOf(dir)!
    expect([...store.entries.keys()].sort()).toEqual([`${vaultId}/${ID_A}`, `${vaultId}/${ID_B}`])
  })

  it('never reports a legacy entry no account names (it may be another vault’s), but offers it to adopt', async () => {
    const dir = tempDir()
    const store = new MemorySecretStore()
    store.entries.set('fedcba9876543210', SECRET_A)
    store.entries.set('1111111111111111/2222222222222222', SECRET_B) // another vault's
    const vault = await open(dir, store)
    expect(vault.problems).toEqual([])
    expect(vault.orphanIds()).toEqual(['fedcba9876543210'])
    await vault.adoptOrphan('fedcba9876543210', totp('adopted', ''))
    const vaultId = vaultIdOf(dir)!
    // Copied to this vault's name; the legacy entry is left for a vault that may still count on
    // it, and the other vault's entry is untouched.
    expect(Object.fromEntries(store.entries)).toEqual({
      [`${vaultId}/fedcba9876543210`]: SECRET_A,
      fedcba9876543210: SECRET_A,
      '1111111111111111/2222222222222222': SECRET_B,
    })
    // The next open moves it like any legacy entry of its accounts (a vault that also counted on
    // it copies it from this vault's name: see the next test).
    const again = await open(dir, store)
    expect(again.problems).toEqual([])
    expect(again.orphanIds()).toEqual([])
    expect(again.params('fedcba9876543210').secret).toBe(SECRET_A)
    expect([...store.entries.keys()].sort()).toEqual(
      ['1111111111111111/2222222222222222', `${vaultId}/fedcba9876543210`].sort(),
    )
  })

  it('a copy of a legacy vault keeps its secrets after the original moved them', async () => {
    const store = new MemorySecretStore()
    const original = tempDir()
    legacyVault(original, store)
    const copy = tempDir()
    writeFileSync(join(copy, 'vault.json'), readFileSync(join(original, 'vault.json')))
    // The copy opens first and moves the entries; the original still finds them as its own.
    await open(copy, store)
    const vault = await open(original, store)
    expect(vault.problems).toEqual([])
    expect(vault.params(ID_A).secret).toBe(SECRET_A)
    expect(vault.params(ID_B).secret).toBe(SECRET_B)
    // Each has its own entries now; deleting an account in one leaves the other's.
    expect(store.entries.size).toBe(4)
    await vault.remove(ID_A)
    await vault.purge(ID_A)
    expect((await open(copy, store)).params(ID_A).secret).toBe(SECRET_A)
  })
})
