import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseMetadata, serializeMetadata } from '../../../electron/vault/metadata'
import { isStoredTags, normalizeTags, usedAtMinute } from '../../../electron/vault/organise'
import { Vault } from '../../../electron/vault/vault'
import type { OtpParams } from '../../../shared/otp/account'
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
const NOW = Date.UTC(2026, 10, 26, 2, 30, 45, 123)

/** A vault file as a Warifu before pins and tags wrote it. */
function oldFile(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format: 'warifu-vault',
    version: 1,
    accounts: [
      {
        id: '0123456789abcdef',
        type: 'totp',
        issuer: 'Monex',
        label: 'taro',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        createdAt: '2026-01-01T00:00:00.000Z',
        ...extra,
      },
    ],
  })
}

describe('organising accounts in the vault', () => {
  const tempDir = useTempDir()

  it('reads a file without pins, tags or last use as it was, and writes it back byte for byte', () => {
    const file = parseMetadata(oldFile())
    const account = file.accounts[0]!
    expect(account.pinned).toBeUndefined()
    expect(account.tags).toBeUndefined()
    expect(account.lastUsedAt).toBeUndefined()
    expect(serializeMetadata(file)).not.toMatch(/pinned|tags|lastUsedAt/)
  })

  it.each([
    ['a pin that is not true', { pinned: false }, 'bad pin'],
    ['a pin that is a string', { pinned: 'yes' }, 'bad pin'],
    ['tags that are not a list', { tags: '証券' }, 'bad tag'],
    ['an empty tag list', { tags: [] }, 'bad tag'],
    ['an empty tag', { tags: [''] }, 'bad tag'],
    ['a tag with a bidi override', { tags: ['\u202e証券'] }, 'bad tag'],
    ['a tag twice', { tags: ['Work', 'work'] }, 'bad tag'],
    ['a 33-character tag', { tags: ['x'.repeat(33)] }, 'bad tag'],
    ['nine tags', { tags: Array.from({ length: 9 }, (_, i) => `t${i}`) }, 'bad tag'],
    ['a last use that is no date', { lastUsedAt: 'yesterday' }, 'bad last-used date'],
    ['a last use with seconds', { lastUsedAt: '2026-11-26T02:30:45.000Z' }, 'bad last-used date'],
  ])('refuses %s as damaged', (_, extra, detail) => {
    expect(() => parseMetadata(oldFile(extra))).toThrow(expect.objectContaining({ code: 'VAULT_CORRUPT' }))
    expect(() => parseMetadata(oldFile(extra))).toThrow(detail)
  })

  it('the writer refuses what the reader would refuse (a tag not as stored), so it never reaches the disk', () => {
    const file = parseMetadata(oldFile())
    file.accounts[0]!.tags = ['  証券']
    expect(() => serializeMetadata(file)).toThrow(expect.objectContaining({ code: 'VAULT_WRITE_REFUSED' }))
    file.accounts[0]!.tags = ['証券']
    file.accounts[0]!.lastUsedAt = new Date(NOW).toISOString()
    expect(() => serializeMetadata(file)).toThrow(expect.objectContaining({ code: 'VAULT_WRITE_REFUSED' }))
  })

  it('normalizes tags like names: trimmed, control and bidi characters out, case- and width-folded duplicates dropped', () => {
    expect(normalizeTags([' 証券 ', 'Ｗｏｒｋ', 'work', 'a\u0007b', '銀行'])).toEqual([
      '証券',
      'Ｗｏｒｋ',
      'a b',
      '銀行',
    ])
    expect(() => normalizeTags(['   '])).toThrow(expect.objectContaining({ code: 'INVALID_TAG' }))
    expect(normalizeTags(['𠮷'.repeat(32)])).toHaveLength(1)
    expect(() => normalizeTags(['𠮷'.repeat(33)])).toThrow(expect.objectContaining({ code: 'INVALID_TAG' }))
    expect(isStoredTags(['証券'])).toBe(true)
    expect(isStoredTags(['証券 '])).toBe(false)
    expect(usedAtMinute(NOW)).toBe('2026-11-26T02:30:00.000Z')
  })

  it('keeps pins, tags and last use across opens, and a removed and restored account keeps them', async () => {
    const dir = tempDir()
    const store = new MemorySecretStore()
    const open = () => Vault.open({ dir, store, now: () => NOW })
    const vault = await open()
    const { id } = await vault.add(totp)
    await vault.setPinned(id, true)
    await vault.setTags(id, ['証券', '仕事'])
    expect(await vault.markUsed(id)).toBe(true)
    const stored = JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8')).accounts[0]
    expect(stored).toMatchObject({ pinned: true, tags: ['証券', '仕事'], lastUsedAt: '2026-11-26T02:30:00.000Z' })
    await vault.remove(id)
    await vault.restore(id)
    expect((await open()).get(id)).toMatchObject({ pinned: true, tags: ['証券', '仕事'] })
  })

  it('markUsed writes at most once a minute', async () => {
    const dir = tempDir()
    let now = NOW
    const vault = await Vault.open({ dir, store: new MemorySecretStore(), now: () => now })
    const { id } = await vault.add(totp)
    expect(await vault.markUsed(id)).toBe(true)
    now += 10_000
    expect(await vault.markUsed(id)).toBe(false)
    now += 60_000
    expect(await vault.markUsed(id)).toBe(true)
    expect(vault.get(id).lastUsedAt).toBe('2026-11-26T02:31:00.000Z')
  })

  it('refuses tags for an account in Recently deleted or one that does not exist', async () => {
    const vault = await Vault.open({ dir: tempDir(), store: new MemorySecretStore(), now: () => NOW })
    const { id } = await vault.add(totp)
    await vault.remove(id)
    await expect(vault.setTags(id, ['x'])).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' })
    await expect(vault.setPinned('fedcba9876543210', true)).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' })
  })
})
