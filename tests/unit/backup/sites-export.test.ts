import { readFile } from 'node:fs/promises'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { commitImport, exportBackup, previewImport } from '../../../electron/backup/index'
import { Vault } from '../../../electron/vault/vault'
import { aegisEntries, aegisPlainFile, readAegisFile, WARIFU_EXTRA_KEY } from '../../../shared/formats/aegis'
import type { OtpParams } from '../../../shared/otp/account'
import { MemorySecretStore } from '../../support/memory-secret-store'

const FAST = { n: 1024, r: 8, p: 1 }
const MONEX: OtpParams = {
  type: 'totp',
  secret: 'JBSWY3DPEHPK3PXP',
  issuer: 'マネックス証券',
  label: 'taro',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
}
const OTHER: OtpParams = { ...MONEX, secret: 'GEZDGNBVGY3TQOJQ', issuer: 'Monex', label: 'hanako' }
const HOTP: OtpParams = {
  type: 'hotp',
  secret: 'KUVJJOM753IHTNDSZVCNKL7GII',
  issuer: 'Nowhere Widgets',
  label: 'x',
  algorithm: 'SHA1',
  digits: 6,
  counter: 7,
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'warifu-sites-backup-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const open = (sub: string) => Vault.open({ dir: path.join(dir, sub), store: new MemorySecretStore() })

async function source(): Promise<Vault> {
  const vault = await open('source')
  await vault.addMany([MONEX, OTHER, HOTP], [['monex.co.jp', 'monex.com'], [], ['widgets.example.com']])
  return vault
}

describe('sites in Warifu\u2019s Aegis exports', () => {
  it.each(['aegis', 'aegis-plain'] as const)(
    '%s: export -> import gives every account its sites back',
    async (format) => {
      const outPath = path.join(dir, `out-${format}.json`)
      await exportBackup(await source(), {
        format,
        outPath,
        password: 'pw',
        confirmPlain: true,
        testOnlyScryptCost: FAST,
      })
      const target = await open('target')
      const preview = await previewImport(target, [{ kind: 'file', path: outPath }], { password: 'pw' })
      // An account exported without sites stays without (no suggestion comes back in its place).
      expect(preview.toAdd.map((a) => a.sites)).toEqual([['monex.co.jp', 'monex.com'], [], ['example.com']])
      await commitImport(target, preview)
      expect(target.list().map((a) => a.sites)).toEqual([['monex.co.jp', 'monex.com'], [], ['example.com']])
    },
  )

  it('writes the field on each entry, beside Aegis\u2019s own keys, which Aegis\u2019s reader ignores', async () => {
    const outPath = path.join(dir, 'plain.json')
    await exportBackup(await source(), { format: 'aegis-plain', outPath, confirmPlain: true })
    const json = JSON.parse(await readFile(outPath, 'utf8'))
    // Aegis's own structure is unchanged: version, header with null slots/params, db.version, db.entries.
    expect(Object.keys(json)).toEqual(['version', 'header', 'db'])
    expect(Object.keys(json.db)).toEqual(['version', 'entries'])
    expect(Object.keys(json.db.entries[0])).toEqual([
      'type',
      'uuid',
      'name',
      'issuer',
      'note',
      'favorite',
      'icon',
      'info',
      WARIFU_EXTRA_KEY,
    ])
    expect(json.db.entries[0][WARIFU_EXTRA_KEY]).toEqual({ sites: ['monex.co.jp', 'monex.com'] })
    expect(json.db.entries[1][WARIFU_EXTRA_KEY]).toEqual({ sites: [] })
    // Read as any Aegis file: the same accounts.
    const file = readAegisFile(JSON.stringify(json))
    if (file.kind !== 'plain') throw new Error('expected plain')
    expect(aegisEntries(file.content).accounts).toEqual([MONEX, OTHER, HOTP])
  })

  it('an Aegis file from another app (no field) gets the known service\u2019s suggestion', async () => {
    const file = path.join(dir, 'aegis.json')
    writeFileSync(
      file,
      aegisPlainFile([MONEX, HOTP], ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']),
    )
    const target = await open('target')
    const preview = await previewImport(target, [{ kind: 'file', path: file }])
    expect(preview.toAdd.map((a) => a.sites)).toEqual([['monex.co.jp'], []])
    await commitImport(target, preview)
    expect(target.list()[0]!.sites).toEqual(['monex.co.jp'])
  })

  it('drops a bad site with a count in the preview, and imports the account without it', async () => {
    const text = aegisPlainFile(
      [MONEX, OTHER],
      ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'],
    )
    const json = JSON.parse(text)
    json.db.entries[0][WARIFU_EXTRA_KEY] = { sites: ['monex.co.jp', 'co.jp', 'https://x@evil.example/', 7] }
    json.db.entries[1][WARIFU_EXTRA_KEY] = { sites: 'monex.co.jp' }
    const file = path.join(dir, 'bad-sites.json')
    writeFileSync(file, JSON.stringify(json))
    const target = await open('target')
    const preview = await previewImport(target, [{ kind: 'file', path: file }])
    expect(preview.toAdd.map((a) => [a.sites, a.sitesLeftOut])).toEqual([
      [['monex.co.jp'], 3],
      [[], 1],
    ])
    expect(preview.rejected).toEqual([])
    await commitImport(target, preview)
    expect(target.list().map((a) => a.sites)).toEqual([['monex.co.jp'], []])
  })
})
