import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { commitImport, exportBackup, previewImport } from '../../../electron/backup/index'
import { Vault } from '../../../electron/vault/vault'
import { aegisEntries, aegisPlainFile } from '../../../shared/formats/aegis'
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

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'warifu-favorites-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const open = (sub: string) => Vault.open({ dir: path.join(dir, sub), store: new MemorySecretStore() })

describe('pins in Aegis exports (Aegis\u2019s favourite)', () => {
  it.each(['aegis', 'aegis-plain'] as const)(
    '%s: a pinned account is written as a favourite and comes back pinned',
    async (format) => {
      const source = await open('source')
      const [monex] = await source.addMany([MONEX, OTHER])
      await source.setPinned(monex!.id, true)
      const outPath = path.join(dir, `out-${format}.json`)
      await exportBackup(source, { format, outPath, password: 'pw', confirmPlain: true, testOnlyScryptCost: FAST })
      if (format === 'aegis-plain') {
        const entries = JSON.parse(readFileSync(outPath, 'utf8')).db.entries as { issuer: string; favorite: boolean }[]
        expect(entries.map((e) => [e.issuer, e.favorite])).toEqual([
          ['マネックス証券', true],
          ['Monex', false],
        ])
      }
      const target = await open('target')
      const preview = await previewImport(target, [{ kind: 'file', path: outPath }], { password: 'pw' })
      const added = await commitImport(target, preview)
      expect(added.map((a) => [a.issuer, a.pinned === true])).toEqual([
        ['マネックス証券', true],
        ['Monex', false],
      ])
      expect((await open('target')).list().map((a) => a.pinned === true)).toEqual([true, false])
    },
  )

  it('reads only favorite: true as a pin (another app\u2019s file with no field, or a string, pins nothing)', () => {
    const file = JSON.parse(
      aegisPlainFile([MONEX, OTHER], ['u1', 'u2'], [], [{ pinned: false }, { pinned: true }]),
    ) as {
      db: { entries: Record<string, unknown>[] }
    }
    file.db.entries[0]!.favorite = 'true'
    const parsed = aegisEntries(file.db)
    expect(parsed.accounts.map((a) => parsed.favorites?.has(a) === true)).toEqual([false, true])
    delete file.db.entries[1]!.favorite
    expect(aegisEntries(file.db).favorites).toBeUndefined()
  })
})

describe('tags in Warifu\u2019s Aegis exports (its extra field)', () => {
  it.each(['aegis', 'aegis-plain'] as const)('%s: tags go out and come back', async (format) => {
    const source = await open('source')
    const [monex] = await source.addMany([MONEX, OTHER])
    await source.setTags(monex!.id, ['証券', '仕事'])
    const outPath = path.join(dir, `tags-${format}.json`)
    await exportBackup(source, { format, outPath, password: 'pw', confirmPlain: true, testOnlyScryptCost: FAST })
    const target = await open('target')
    const added = await commitImport(
      target,
      await previewImport(target, [{ kind: 'file', path: outPath }], { password: 'pw' }),
    )
    expect(added.map((a) => a.tags)).toEqual([['証券', '仕事'], undefined])
  })

  it('keeps the good tags of a hand-edited file and drops the rest', async () => {
    const text = aegisPlainFile([MONEX], ['u1'], [[]], [{ tags: ['証券'] }])
    const file = JSON.parse(text) as { db: { entries: Record<string, Record<string, unknown>>[] } }
    file.db.entries[0]!.warifu!.tags = ['証券', '', 42, 'x'.repeat(33), '\u202e銀行', 'SHOKEN', 'shoken', ...'abcdefgh']
    const filePath = path.join(dir, 'edited.json')
    writeFileSync(filePath, JSON.stringify(file))
    const target = await open('target')
    const added = await commitImport(target, await previewImport(target, [{ kind: 'file', path: filePath }], {}))
    expect(added[0]!.tags).toEqual(['証券', '銀行', 'SHOKEN', 'a', 'b', 'c', 'd', 'e'])
  })
})
