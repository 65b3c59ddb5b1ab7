import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { OtpParams } from '../../../shared/otp/account'
import { totpCode, hotpCode } from '../../../shared/otp/codes'
import { serializeMetadata, type MetadataFile } from '../../../electron/vault/metadata'
import { Vault } from '../../../electron/vault/vault'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DP'
const totp: OtpParams = {
  type: 'totp',
  secret: SECRET,
  issuer: 'Monex',
  label: 'taro',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
}
const hotp: OtpParams = {
  type: 'hotp',
  secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  issuer: 'Bank',
  label: 'h',
  algorithm: 'SHA1',
  digits: 6,
  counter: 5,
}
const NOW = 1_700_000_000_000

function setup(dir: string) {
  const store = new MemorySecretStore()
  const open = () => Vault.open({ dir, store, now: () => NOW })
  const metadata = () => readFileSync(join(dir, 'vault.json'), 'utf8')
  const writeMetadata = (file: MetadataFile) => writeFileSync(join(dir, 'vault.json'), serializeMetadata(file))
  return { store, open, metadata, writeMetadata }
}

describe('Vault', () => {
  const tempDir = useTempDir()

  it('adds, lists, codes and removes an account', async () => {
    const { store, open } = setup(tempDir())
    const vault = await open()
    const added = await vault.add(totp)
    expect(added).toMatchObject({
      issuer: 'Monex',
      label: 'taro',
      type: 'totp',
      period: 30,
      createdAt: new Date(NOW).toISOString(),
    })
    expect(store.secretOf(added.id)).toBe(SECRET)
    const reopened = await open()
    expect(reopened.list()).toEqual([added])
    expect(reopened.problems).toEqual([])
    expect(reopened.totp(added.id, NOW).code).toBe(totpCode(totp, NOW).code)
    await reopened.remove(added.id)
    expect((await open()).list()).toEqual([])
    await reopened.purge(added.id)
    expect(store.entries.size).toBe(0)
  })

  it('never writes a secret to the metadata file, which is owner-only', async () => {
    const dir = tempDir()
    const { open, metadata } = setup(dir)
    const vault = await open()
    await vault.add(totp)
    await vault.add(hotp)
    expect(metadata()).not.toContain(SECRET)
    expect(metadata()).not.toContain(hotp.secret)
    expect(metadata()).not.toMatch(/secret/i)
    expect(statSync(join(dir, 'vault.json')).mode & 0o777).toBe(0o600)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
  })

  it('saves the advanced HOTP counter before returning the code', async () => {
    const { open, metadata } = setup(tempDir())
    const vault = await open()
    const { id } = await vault.add(hotp)
    const first = await vault.nextHotp(id)
    expect(first).toMatchObject({ code: hotpCode(hotp, 5), counter: 5 })
    expect(JSON.parse(metadata()).accounts[0].counter).toBe(6)
    expect((await (await open()).nextHotp(id)).code).toBe(hotpCode(hotp, 6))
  })

  it('finds accounts by id, id prefix, or a unique search, and reports ambiguity', async () => {
    const { open } = setup(tempDir())
    const vault = await open()
    const a = await vault.add(totp)
    const b = await vault.add({ ...totp, issuer: 'Monex Securities', label: 'jiro' })
    await vault.add({ ...totp, issuer: 'ＳＢＩ', label: 'x' })
    expect(vault.find(a.id).id).toBe(a.id)
    expect(vault.find(b.id.slice(0, 8)).id).toBe(b.id)
    expect(vault.find('jiro').id).toBe(b.id)
    expect(vault.find('sbi').issuer).toBe('ＳＢＩ') // width-insensitive
    expect(vault.find('monex').id).toBe(a.id) // exact issuer wins among several matches
    expect(() => vault.find('o')).toThrow(expect.objectContaining({ code: 'AMBIGUOUS_ACCOUNT' }))
    expect(() => vault.find('nothing')).toThrow(expect.objectContaining({ code: 'ACCOUNT_NOT_FOUND' }))
  })

  it('renames and reorders', async () => {
    const { open } = setup(tempDir())
    const vault = await open()
    const a = await vault.add(totp)
    const b = await vault.add(hotp)
    await vault.move(b.id, 0)
    await vault.rename(a.id, { issuer: ' 楽天証券 ', label: 'hanako' })
    const again = await open()
    expect(again.list().map((x) => [x.id, x.issuer, x.label])).toEqual([
      [b.id, 'Bank', 'h'],
      [a.id, '楽天証券', 'hanako'],
    ])
  })

  it('refuses a rename that leaves neither an issuer nor a name, and writes nothing', async () => {
    const { open, metadata } = setup(tempDir())
    const vault = await open()
    const a = await vault.add(totp)
    const before = metadata()
    for (const names of [
      { issuer: '', label: '' },
      { issuer: ' \u202e ', label: '\t' },
    ]) {
      await expect(vault.rename(a.id, names)).rejects.toMatchObject({ code: 'INVALID_ACCOUNT' })
    }
    expect(metadata()).toBe(before)
    const b = await vault.add({ ...totp, issuer: '' })
    // Clearing only the one name left is refused too; clearing one of two is fine.
    await expect(vault.rename(b.id, { label: '' })).rejects.toMatchObject({ code: 'INVALID_ACCOUNT' })
    expect(await vault.rename(a.id, { issuer: '' })).toMatchObject({ issuer: '', label: 'taro' })
    expect((await open()).get(b.id)).toMatchObject({ issuer: '', label: 'taro' })
  })

  it('fails with KEYCHAIN_UNAVAILABLE and touches nothing when the keychain is off', async () => {
    const dir = tempDir()
    const { store, open } = setup(dir)
    await (await open()).add(totp)
    const before = readFileSync(join(dir, 'vault.json'), 'utf8')
    store.available = false
    await expect(open()).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' })
    expect(readFileSync(join(dir, 'vault.json'), 'utf8')).toBe(before)
  })

  it('takes back the pending record when the keychain refuses the secret', async () => {
    const { store, open, metadata } = setup(tempDir())
    const vault = await open()
    store.failNextSet = true
    await expect(vault.add(totp)).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' })
    expect(JSON.parse(metadata()).accounts).toEqual([])
    expect((await open()).problems).toEqual([])
  })

  it('refuses a damaged metadata file and leaves it untouched', async () => {
    const dir = tempDir()
    const { open } = setup(dir)
    writeFileSync(join(dir, 'vault.json'), '{"format":"warifu-vault","version":1,"accounts":[{"id":1}]}')
    await expect(open()).rejects.toMatchObject({ code: 'VAULT_CORRUPT' })
    writeFileSync(join(dir, 'vault.json'), '{not json')
    await expect(open()).rejects.toMatchObject({ code: 'VAULT_CORRUPT' })
    expect(readFileSync(join(dir, 'vault.json'), 'utf8')).toBe('{not json')
  })

  describe('repairs an interrupted change on open', () => {
    const record = {
      id: '0123456789abcdef',
      type: 'totp',
      issuer: 'Monex',
      label: 'taro',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      createdAt: '2026-01-01T00:00:00.000Z',
      sites: [] as string[],
    } as const

    it('completes an add whose secret reached the keychain', async () => {
      const { store, open, writeMetadata, metadata } = setup(tempDir())
      writeMetadata({ format: 'warifu-vault', version: 1, accounts: [{ ...record, pending: 'add' }] })
      store.entries.set(record.id, SECRET)
      const vault = await open()
      expect(vault.list()).toEqual([record])
      expect(vault.problems).toEqual([{ kind: 'add-completed', account: record }])
      expect(metadata()).not.toContain('pending')
    })

    it('rolls back and reports an add whose secret never reached the keychain', async () => {
      const { open, writeMetadata } = setup(tempDir())
      writeMetadata({ format: 'warifu-vault', version: 1, accounts: [{ ...record, pending: 'add' }] })
      const vault = await open()
      expect(vault.list()).toEqual([])
      expect(vault.problems).toEqual([{ kind: 'add-rolled-back', issuer: 'Monex', label: 'taro' }])
    })

    it('finishes a removal', async () => {
      const { store, open, writeMetadata } = setup(tempDir())
      writeMetadata({ format: 'warifu-vault', version: 1, accounts: [{ ...record, pending: 'remove' }] })
      store.entries.set(record.id, SECRET)
      const vault = await open()
      expect(vault.list()).toEqual([])
      expect(store.entries.size).toBe(0)
      expect(vault.problems).toEqual([{ kind: 'remove-completed', issuer: 'Monex', label: 'taro' }])
    })

    it('reports, and keeps, a keychain secret of this vault that no account uses', async () => {
      const { store, open, writeMetadata } = setup(tempDir())
      writeMetadata({ format: 'warifu-vault', version: 1, vaultId: '00000000000000f1', accounts: [] })
      store.entries.set('00000000000000f1/fedcba9876543210', SECRET)
      const vault = await open()
      expect(vault.problems).toEqual([{ kind: 'orphan-secret', id: 'fedcba9876543210' }])
      expect(store.entries.get('00000000000000f1/fedcba9876543210')).toBe(SECRET)
    })

    it('reports an account whose secret is missing, and keeps the account', async () => {
      const { open, writeMetadata } = setup(tempDir())
      writeMetadata({ format: 'warifu-vault', version: 1, accounts: [record] })
      const vault = await open()
      expect(vault.list()).toEqual([record])
      expect(vault.problems).toEqual([{ kind: 'missing-secret', account: record }])
      expect(() => vault.totp(record.id, NOW)).toThrow(expect.objectContaining({ code: 'SECRET_MISSING' }))
    })
  })
})

describe('Vault.refresh', () => {
  const tempDir = useTempDir()

  it('sees accounts another process added', async () => {
    const dir = tempDir()
    const { open } = setup(dir)
    const app = await open()
    const cli = await open()
    const added = await cli.add(totp)
    expect(app.list()).toEqual([])
    await app.refresh()
    expect(app.list()).toEqual([added])
    expect(app.totp(added.id, NOW).code).toBe(totpCode(totp, NOW).code)
  })
})
