import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readMetadata, serializeMetadata, type AccountRecord } from '../../../electron/vault/metadata'
import { useTempDir } from '../../support/temp-dir'

const good = {
  id: '0123456789abcdef',
  type: 'totp',
  issuer: 'A',
  label: 'b',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  createdAt: '2026-01-01T00:00:00.000Z',
  sites: [],
}

describe('metadata file', () => {
  const tempDir = useTempDir()
  const read = (content: unknown) => {
    const path = join(tempDir(), 'vault.json')
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
    return readMetadata(path)
  }
  const wrap = (accounts: unknown[]) => ({ format: 'warifu-vault', version: 1, accounts })

  it('reads a missing file as an empty vault', async () => {
    expect(await readMetadata(join(tempDir(), 'none.json'))).toEqual({
      format: 'warifu-vault',
      version: 1,
      accounts: [],
    })
  })

  it('round-trips accounts, order and the last backup time', async () => {
    const accounts = [
      good,
      { ...good, id: 'fedcba9876543210', type: 'hotp', counter: 9, period: undefined },
    ] as AccountRecord[]
    const file = {
      format: 'warifu-vault' as const,
      version: 1 as const,
      lastBackupAt: '2026-02-02T00:00:00.000Z',
      accounts,
    }
    const back = await read(serializeMetadata(file))
    expect(back.accounts.map((a) => a.id)).toEqual(['0123456789abcdef', 'fedcba9876543210'])
    expect(back.accounts[1]).toMatchObject({ type: 'hotp', counter: 9 })
    expect(back.lastBackupAt).toBe('2026-02-02T00:00:00.000Z')
  })

  it('writes only known fields, so a stray secret field never reaches the disk', () => {
    const record = { ...good, secret: 'JBSWY3DPEHPK3PXP' } as unknown as AccountRecord
    expect(serializeMetadata({ format: 'warifu-vault', version: 1, accounts: [record] })).not.toContain(
      'JBSWY3DPEHPK3PXP',
    )
  })

  it('keeps the import batch of an interrupted add, and only there', async () => {
    const batch = '00112233aabbccdd'
    const file = await read(wrap([{ ...good, pending: 'add', batch }]))
    expect(file.accounts[0]).toMatchObject({ pending: 'add', batch })
    expect(serializeMetadata(file)).toContain(batch)
    expect(serializeMetadata({ ...file, accounts: [{ ...file.accounts[0]!, pending: undefined }] })).not.toContain(
      batch,
    )
  })

  it.each([
    ['not JSON', '{'],
    ['another file', { format: 'other', version: 1, accounts: [] }],
    ['a newer version', { format: 'warifu-vault', version: 2, accounts: [] }],
    ['a bad id', wrap([{ ...good, id: '../../etc' }])],
    ['a bad algorithm', wrap([{ ...good, algorithm: 'MD5' }])],
    ['bad digits', wrap([{ ...good, digits: 4 }])],
    ['a bad period', wrap([{ ...good, period: 0 }])],
    ['a bad type', wrap([{ ...good, type: 'steam' }])],
    ['a duplicate id', wrap([good, good])],
    ['a bad pending state', wrap([{ ...good, pending: 'maybe' }])],
    ['a bad import batch', wrap([{ ...good, pending: 'add', batch: 'x' }])],
    ['an import batch on a settled account', wrap([{ ...good, batch: '0123456789abcdef' }])],
  ])('refuses %s with VAULT_CORRUPT', async (_name, content) => {
    await expect(read(content)).rejects.toMatchObject({ code: 'VAULT_CORRUPT' })
  })
})
