/** previewImport's options for the CLI: allowDuplicates (warifu add --allow-duplicate), progress events, empty input. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { commitImport, previewImport, type ImportProgress } from '../../../electron/backup/index'
import { Vault } from '../../../electron/vault/vault'
import { MemorySecretStore } from '../../support/memory-secret-store'

const MONEX = 'otpauth://totp/Monex:hanako?secret=JBSWY3DPEHPK3PXP&issuer=Monex'
const SBI = 'otpauth://totp/SBI:taro?secret=GEZDGNBVGY3TQOJQ&issuer=SBI'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'warifu-import-options-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const open = () => Vault.open({ dir, store: new MemorySecretStore() })
const text = (t: string) => ({ kind: 'text' as const, text: t, name: 'standard input' })

describe('previewImport options', () => {
  it('skips accounts saved already by default, and adds them again with allowDuplicates', async () => {
    const vault = await open()
    await commitImport(vault, await previewImport(vault, [text(MONEX)]))
    const skipped = await previewImport(vault, [text(`${MONEX}\n${SBI}`)])
    expect(skipped.toAdd.map((a) => a.issuer)).toEqual(['SBI'])
    expect(skipped.duplicates.map((a) => a.issuer)).toEqual(['Monex'])

    const again = await previewImport(vault, [text(`${MONEX}\n${SBI}\n${SBI}`)], { allowDuplicates: true })
    // Saved already: added again. Twice in the same text: still once.
    expect(again.toAdd.map((a) => a.issuer)).toEqual(['Monex', 'SBI'])
    expect(again.duplicates.map((a) => a.issuer)).toEqual(['SBI'])
    await commitImport(vault, again)
    expect(vault.list().map((a) => a.issuer)).toEqual(['Monex', 'Monex', 'SBI'])
  })

  it('refuses empty input in plain words, adding nothing', async () => {
    const vault = await open()
    await expect(previewImport(vault, [text(' \n\n')])).rejects.toMatchObject({
      code: 'BACKUP_UNSUPPORTED',
      message: 'standard input is empty: there is nothing to import.',
    })
  })

  it('reports each source as it is read', async () => {
    const vault = await open()
    const events: ImportProgress[] = []
    await previewImport(vault, [text(MONEX), { kind: 'text', text: SBI, name: 'link 2' }], {
      onProgress: (e) => events.push(e),
    })
    expect(events).toEqual([
      { stage: 'reading', name: 'standard input', index: 0, total: 2 },
      { stage: 'reading', name: 'link 2', index: 1, total: 2 },
    ])
  })
})
