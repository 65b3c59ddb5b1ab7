import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { OtpParams } from '../../../shared/otp/account'
import { parseMetadata, serializeMetadata, type MetadataFile } from '../../../electron/vault/metadata'
import { isStoredSites, normalizeSites, sitesFromBackup } from '../../../electron/vault/sites'
import { Vault } from '../../../electron/vault/vault'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'

const totp: OtpParams = {
  type: 'totp',
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DP',
  issuer: 'Monex',
  label: 'taro',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
}
const NOW = 1_700_000_000_000
const ID = '0123456789abcdef'

function setup(dir: string) {
  const store = new MemorySecretStore()
  const open = () => Vault.open({ dir, store, now: () => NOW })
  const metadata = () => readFileSync(join(dir, 'vault.json'), 'utf8')
  return { store, open, metadata }
}

/** A vault file as a Warifu before sites wrote it. */
const OLD_FILE = JSON.stringify({
  format: 'warifu-vault',
  version: 1,
  accounts: [
    {
      id: ID,
      type: 'totp',
      issuer: 'Monex',
      label: 'taro',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      createdAt: '2026-01-01T00:00:00.000Z',
    },
  ],
})

function withSites(sites: unknown): string {
  const file = JSON.parse(OLD_FILE) as { accounts: Record<string, unknown>[] }
  file.accounts[0]!.sites = sites
  return JSON.stringify(file)
}

describe('sites of accounts', () => {
  const tempDir = useTempDir()

  it('normalizes what is typed: URLs and case give the registrable domain, duplicates collapse, order kept', () => {
    expect(normalizeSites(['https://www.monex.co.jp/login', 'MONEX.CO.JP.', 'sbisec.co.jp'])).toEqual([
      'monex.co.jp',
      'sbisec.co.jp',
    ])
    expect(() => normalizeSites(['co.jp'])).toThrow(expect.objectContaining({ code: 'INVALID_SITE' }))
    const many = Array.from({ length: 17 }, (_, i) => `site${i}.com`)
    expect(() => normalizeSites(many)).toThrow(expect.objectContaining({ code: 'INVALID_SITE' }))
    expect(normalizeSites(many.slice(0, 16))).toHaveLength(16)
  })

  it('saves sites with a new account in the same write and keeps them across opens', async () => {
    const { open, metadata } = setup(tempDir())
    const vault = await open()
    const added = await vault.add(totp, { sites: ['https://www.monex.co.jp/'] })
    expect(added.sites).toEqual(['monex.co.jp'])
    expect(JSON.parse(metadata()).accounts[0].sites).toEqual(['monex.co.jp'])
    expect((await open()).get(added.id).sites).toEqual(['monex.co.jp'])
  })

  it('refuses a bad site on add with INVALID_SITE and writes nothing', async () => {
    const { store, open, metadata } = setup(tempDir())
    const vault = await open()
    await expect(vault.add(totp, { sites: ['192.168.0.1'] })).rejects.toMatchObject({ code: 'INVALID_SITE' })
    expect(store.entries.size).toBe(0)
    expect(() => metadata()).toThrow()
  })

  it('setSites replaces, clears, and refuses bad input without writing', async () => {
    const { open, metadata } = setup(tempDir())
    const vault = await open()
    const { id } = await vault.add(totp)
    expect(vault.get(id).sites).toEqual([])
    // Empty sites are left out of the file: an older Warifu reads it the same.
    expect(metadata()).not.toContain('sites')
    expect((await vault.setSites(id, ['monex.co.jp', 'www.monex.co.jp', 'monex.com'])).sites).toEqual([
      'monex.co.jp',
      'monex.com',
    ])
    const before = metadata()
    await expect(vault.setSites(id, ['monex.co.jp', 'not a domain'])).rejects.toMatchObject({ code: 'INVALID_SITE' })
    await expect(vault.setSites(id, ['https://monex.co.jp@evil.example/'])).rejects.toMatchObject({
      code: 'INVALID_SITE',
    })
    expect(metadata()).toBe(before)
    expect((await vault.setSites(id, [])).sites).toEqual([])
    expect(metadata()).not.toContain('sites')
    await expect(vault.setSites('fedcba9876543210', ['monex.co.jp'])).rejects.toMatchObject({
      code: 'ACCOUNT_NOT_FOUND',
    })
  })

  it('addMany saves each account with its own sites', async () => {
    const { open } = setup(tempDir())
    const vault = await open()
    const other = { ...totp, secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', issuer: 'SBI' }
    const added = await vault.addMany([totp, other], [['monex.co.jp']])
    expect(added.map((a) => a.sites)).toEqual([['monex.co.jp'], []])
    // Existing callers (no sites) still work.
    expect((await vault.addMany([{ ...other, label: 'x' }]))[0]!.sites).toEqual([])
    await expect(vault.addMany([{ ...other, label: 'y' }], [['co.jp']])).rejects.toMatchObject({
      code: 'INVALID_SITE',
    })
    expect((await open()).list()).toHaveLength(3)
  })

  it('keeps the sites of a deleted account, and a restore brings them back', async () => {
    const { open } = setup(tempDir())
    const vault = await open()
    const { id } = await vault.add(totp, { sites: ['monex.co.jp'] })
    await vault.remove(id)
    expect(vault.deleted()[0]!.sites).toEqual(['monex.co.jp'])
    expect((await (await open()).restore(id)).sites).toEqual(['monex.co.jp'])
  })

  it('opens an older vault without sites as accounts with none', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'vault.json'), OLD_FILE)
    const store = new MemorySecretStore()
    store.entries.set(ID, totp.secret)
    const vault = await Vault.open({ dir, store, now: () => NOW })
    expect(vault.get(ID).sites).toEqual([])
    // And writing it back keeps the file free of a sites key.
    await vault.rename(ID, { label: 'hanako' })
    expect(readFileSync(join(dir, 'vault.json'), 'utf8')).not.toContain('sites')
  })

  it.each([
    ['not a list', 'monex.co.jp'],
    ['a number', [42]],
    ['not parsed', ['https://www.monex.co.jp/']],
    ['upper case', ['MONEX.CO.JP']],
    ['a suffix', ['co.jp']],
    ['a duplicate', ['monex.co.jp', 'monex.co.jp']],
    ['too many', Array.from({ length: 17 }, (_, i) => `s${i}.com`)],
  ])('the reader refuses sites that are %s (VAULT_CORRUPT)', (_what, sites) => {
    expect(() => parseMetadata(withSites(sites))).toThrow(expect.objectContaining({ code: 'VAULT_CORRUPT' }))
  })

  it('the writer refuses what the reader would refuse (VAULT_WRITE_REFUSED), so it never reaches the disk', () => {
    const file = parseMetadata(OLD_FILE)
    const bad: MetadataFile = { ...file, accounts: [{ ...file.accounts[0]!, sites: ['WWW.Monex.co.jp'] }] }
    expect(() => serializeMetadata(bad)).toThrow(expect.objectContaining({ code: 'VAULT_WRITE_REFUSED' }))
    const good: MetadataFile = { ...file, accounts: [{ ...file.accounts[0]!, sites: ['monex.co.jp'] }] }
    expect(parseMetadata(serializeMetadata(good)).accounts[0]!.sites).toEqual(['monex.co.jp'])
  })

  it('isStoredSites accepts exactly what normalizeSites stores', () => {
    expect(isStoredSites([])).toBe(true)
    expect(isStoredSites(['monex.co.jp', 'sbisec.co.jp'])).toBe(true)
    expect(isStoredSites(['www.monex.co.jp'])).toBe(false)
  })

  it('sitesFromBackup keeps the good sites and counts the rest', () => {
    expect(sitesFromBackup(['monex.co.jp', 'co.jp', 42, 'https://www.sbisec.co.jp/'])).toEqual({
      sites: ['monex.co.jp', 'sbisec.co.jp'],
      leftOut: 2,
    })
    expect(sitesFromBackup('monex.co.jp')).toEqual({ sites: [], leftOut: 1 })
  })

  it('remembers a dismissed site suggestion per account, in the account file', async () => {
    const { open, metadata } = setup(tempDir())
    const vault = await open()
    const a = await vault.add(totp)
    const b = await vault.add({ ...totp, label: 'hanako', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' })
    const c = await vault.add(
      { ...totp, label: 'jiro', secret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU' },
      {
        sites: ['monex.co.jp'],
      },
    )
    expect(vault.withoutSitesUndismissed().map((x) => x.id)).toEqual([a.id, b.id])
    await vault.dismissSiteSuggestion(a.id)
    expect(JSON.parse(metadata()).accounts[0].siteSuggestionDismissed).toBe(true)
    const again = await open()
    expect(again.withoutSitesUndismissed().map((x) => x.id)).toEqual([b.id])
    // Not part of what the page or the CLI sees.
    expect(again.get(a.id)).not.toHaveProperty('siteSuggestionDismissed')
    expect(c.sites).toEqual(['monex.co.jp'])
    expect(() =>
      parseMetadata(withSites(undefined).replace('"createdAt"', '"siteSuggestionDismissed":false,"createdAt"')),
    ).toThrow(expect.objectContaining({ code: 'VAULT_CORRUPT' }))
  })
})
