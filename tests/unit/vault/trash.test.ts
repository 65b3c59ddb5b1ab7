import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { serializeMetadata, type MetadataFile } from '../../../electron/vault/metadata'
import { Vault } from '../../../electron/vault/vault'
import type { OtpParams } from '../../../shared/otp/account'
import { TRASH_DAYS } from '../../../shared/types'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DP'
const totp = (issuer: string, label = 'taro'): OtpParams => ({
  type: 'totp',
  secret: SECRET,
  issuer,
  label,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
})
const T0 = 1_700_000_000_000
const DAY = 24 * 60 * 60 * 1000

function setup(dir: string) {
  const store = new MemorySecretStore()
  const clock = { now: T0 }
  const open = () => Vault.open({ dir, store, now: () => clock.now })
  const metadata = () => JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8')) as MetadataFile
  const writeMetadata = (file: MetadataFile) => writeFileSync(join(dir, 'vault.json'), serializeMetadata(file))
  return { store, clock, open, metadata, writeMetadata }
}

describe('Vault: Recently deleted', () => {
  const tempDir = useTempDir()

  it('moves a removed account to Recently deleted, keeping its secret and its place', async () => {
    const { store, open, metadata } = setup(tempDir())
    const vault = await open()
    const a = await vault.add(totp('Monex'))
    const b = await vault.add(totp('SBI'))
    await vault.remove(a.id)

    expect(vault.list()).toEqual([b])
    expect(store.secretOf(a.id)).toBe(SECRET)
    expect(metadata().accounts[0]).toMatchObject({ id: a.id, deletedAt: new Date(T0).toISOString() })
    expect(vault.deleted()).toEqual([{ ...a, deletedAt: new Date(T0).toISOString(), daysLeft: TRASH_DAYS }])

    const reopened = await open()
    expect(reopened.list()).toEqual([b])
    // Its secret is not an orphan: nothing to report.
    expect(reopened.problems).toEqual([])
    expect(reopened.orphanIds()).toEqual([])
  })

  it('hides deleted accounts from search, find, codes, duplicates and every per-account call', async () => {
    const { open } = setup(tempDir())
    const vault = await open()
    const a = await vault.add(totp('Monex'))
    await vault.remove(a.id)
    expect(vault.search('monex')).toEqual([])
    expect(() => vault.find('monex')).toThrow(expect.objectContaining({ code: 'ACCOUNT_NOT_FOUND' }))
    expect(() => vault.find(a.id)).toThrow(expect.objectContaining({ code: 'ACCOUNT_NOT_FOUND' }))
    expect(() => vault.params(a.id)).toThrow(expect.objectContaining({ code: 'ACCOUNT_NOT_FOUND' }))
    expect(() => vault.totp(a.id)).toThrow(expect.objectContaining({ code: 'ACCOUNT_NOT_FOUND' }))
    expect(vault.duplicatesOf(totp('Monex'))).toEqual([])
    await expect(vault.rename(a.id, { issuer: 'X' })).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' })
    await expect(vault.remove(a.id)).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' })
  })

  it('restores an account at its old place in the list, with its codes', async () => {
    const { open } = setup(tempDir())
    const vault = await open()
    const a = await vault.add(totp('Monex'))
    const b = await vault.add(totp('SBI'))
    await vault.remove(a.id)
    expect(await vault.restore(a.id)).toEqual(a)
    expect(vault.list()).toEqual([a, b])
    expect(vault.deleted()).toEqual([])
    expect(vault.totp(a.id).code).toMatch(/^\d{6}$/)
    await expect(vault.restore(a.id)).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' })
    await expect(vault.restore(b.id)).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' })
  })

  it('moves by the visible index, deleted records in between keeping their places', async () => {
    const { open } = setup(tempDir())
    const vault = await open()
    const a = await vault.add(totp('A'))
    const gone = await vault.add(totp('Gone'))
    const c = await vault.add(totp('C'))
    await vault.remove(gone.id)
    await vault.move(c.id, 0)
    expect(vault.list().map((x) => x.issuer)).toEqual(['C', 'A'])
    await vault.move(c.id, 5)
    expect(vault.list().map((x) => x.issuer)).toEqual(['A', 'C'])
    await vault.restore(gone.id)
    expect(vault.list().map((x) => x.issuer)).toEqual(['A', 'Gone', 'C'])
    expect(a.issuer).toBe('A')
  })

  it('counts the days left at the injected clock, and purges on open once 30 days have passed', async () => {
    const { store, clock, open } = setup(tempDir())
    const vault = await open()
    const a = await vault.add(totp('Monex'))
    const b = await vault.add(totp('SBI'))
    await vault.remove(a.id)
    clock.now = T0 + 12 * DAY
    await vault.remove(b.id)

    clock.now = T0 + 29 * DAY + 1
    const day29 = await open()
    expect(day29.deleted().map((d) => [d.issuer, d.daysLeft])).toEqual([
      ['SBI', 13],
      ['Monex', 1],
    ])
    expect(store.secretOf(a.id)).toBeDefined()

    clock.now = T0 + TRASH_DAYS * DAY
    const day30 = await open()
    expect(day30.deleted().map((d) => d.issuer)).toEqual(['SBI'])
    expect(store.secretOf(a.id)).toBeUndefined()
    expect(store.secretOf(b.id)).toBeDefined()
    expect(day30.problems).toEqual([])
  })

  it('deletes forever only what is in Recently deleted, secret included', async () => {
    const { store, open, metadata } = setup(tempDir())
    const vault = await open()
    const a = await vault.add(totp('Monex'))
    await expect(vault.purge(a.id)).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' })
    expect(store.secretOf(a.id)).toBeDefined()
    await vault.remove(a.id)
    await vault.purge(a.id)
    expect(store.entries.size).toBe(0)
    expect(metadata().accounts).toEqual([])
    expect(vault.deleted()).toEqual([])
  })

  it('finds a deleted account by id, id prefix or search text', async () => {
    const { open } = setup(tempDir())
    const vault = await open()
    const a = await vault.add(totp('Monex'))
    const b = await vault.add(totp('Monex', 'hanako'))
    const live = await vault.add(totp('SBI'))
    await vault.remove(a.id)
    await vault.remove(b.id)
    expect(vault.findDeleted(a.id).id).toBe(a.id)
    expect(vault.findDeleted(b.id.slice(0, 15)).id).toBe(b.id)
    expect(vault.findDeleted('hanako').id).toBe(b.id)
    expect(() => vault.findDeleted('monex')).toThrow(expect.objectContaining({ code: 'AMBIGUOUS_ACCOUNT' }))
    expect(() => vault.findDeleted(live.id)).toThrow(expect.objectContaining({ code: 'ACCOUNT_NOT_FOUND' }))
  })

  describe('a purge interrupted at each step is finished on the next open', () => {
    const deletedAt = new Date(T0).toISOString()
    const record = {
      id: '0123456789abcdef',
      type: 'totp' as const,
      issuer: 'Monex',
      label: 'taro',
      algorithm: 'SHA1' as const,
      digits: 6,
      period: 30,
      createdAt: deletedAt,
      sites: [],
      deletedAt,
    }

    it('after the pending mark (secret still in the keychain)', async () => {
      const { store, open, writeMetadata, metadata } = setup(tempDir())
      writeMetadata({ format: 'warifu-vault', version: 1, accounts: [{ ...record, pending: 'remove' }] })
      store.entries.set(record.id, SECRET)
      const vault = await open()
      expect(vault.deleted()).toEqual([])
      expect(store.entries.size).toBe(0)
      expect(metadata().accounts).toEqual([])
      expect(vault.problems).toEqual([{ kind: 'remove-completed', issuer: 'Monex', label: 'taro' }])
    })

    it('after the keychain delete', async () => {
      const { open, writeMetadata, metadata } = setup(tempDir())
      writeMetadata({ format: 'warifu-vault', version: 1, accounts: [{ ...record, pending: 'remove' }] })
      const vault = await open()
      expect(vault.deleted()).toEqual([])
      expect(metadata().accounts).toEqual([])
      expect(vault.problems).toEqual([{ kind: 'remove-completed', issuer: 'Monex', label: 'taro' }])
    })

    it('keeps a deleted account whose keychain refuses the delete, to finish later', async () => {
      const { store, clock, open, metadata } = setup(tempDir())
      const vault = await open()
      const a = await vault.add(totp('Monex'))
      await vault.remove(a.id)
      store.delete = () => Promise.reject(new Error('keychain locked'))
      await expect(vault.purge(a.id)).rejects.toThrow('keychain locked')
      expect(metadata().accounts[0]).toMatchObject({ id: a.id, pending: 'remove' })
      expect(store.secretOf(a.id)).toBeDefined()
      clock.now = T0 + DAY
      delete (store as { delete?: unknown }).delete
      const reopened = await open()
      expect(store.secretOf(a.id)).toBeUndefined()
      expect(reopened.deleted()).toEqual([])
    })
  })

  it('rejects a deletion date that is not a date', async () => {
    const dir = tempDir()
    const { open } = setup(dir)
    const bad = {
      id: '0123456789abcdef',
      type: 'totp' as const,
      issuer: 'M',
      label: '',
      algorithm: 'SHA1' as const,
      digits: 6,
      period: 30,
      createdAt: new Date(T0).toISOString(),
      deletedAt: 'soon',
    }
    writeFileSync(join(dir, 'vault.json'), JSON.stringify({ format: 'warifu-vault', version: 1, accounts: [bad] }))
    await expect(open()).rejects.toMatchObject({ code: 'VAULT_CORRUPT' })
  })
})
