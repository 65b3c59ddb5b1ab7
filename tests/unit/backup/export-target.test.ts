import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultExportName, exportFilters } from '../../../electron/app/backup-dialog-options'
import { exportBackup } from '../../../electron/backup/export'
import { METADATA_FILE } from '../../../electron/vault/paths'
import { Vault } from '../../../electron/vault/vault'
import { parseOtpUri } from '../../../shared/otp/uri'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'

const URI = 'otpauth://totp/Monex:taro?secret=JBSWY3DPEHPK3PXP&issuer=Monex'

describe('where an export may be written', () => {
  const tempDir = useTempDir()

  it('refuses the data folder (the account list itself, a file beside it, or through a link)', async () => {
    const root = tempDir()
    const dir = join(root, 'data')
    const vault = await Vault.open({ dir, store: new MemorySecretStore() })
    await vault.add(parseOtpUri(URI))
    const before = readFileSync(join(dir, METADATA_FILE), 'utf8')
    symlinkSync(dir, join(root, 'link'))
    mkdirSync(join(root, 'elsewhere'))
    for (const outPath of [
      join(dir, METADATA_FILE),
      join(dir, 'backup.json'),
      join(dir, 'sub', 'backup.json'),
      join(root, 'link', METADATA_FILE),
      join(root, 'elsewhere', '..', 'data', 'x.txt'),
    ]) {
      await expect(exportBackup(vault, { format: 'otpauth', outPath, confirmPlain: true })).rejects.toMatchObject({
        code: 'EXPORT_TARGET_REFUSED',
        message: expect.stringContaining('outside'),
      })
    }
    expect(readFileSync(join(dir, METADATA_FILE), 'utf8')).toBe(before)
    for (const written of ['backup.json', 'x.txt', 'sub']) expect(existsSync(join(dir, written))).toBe(false)
    // A folder whose name only starts like the data folder's is fine.
    const result = await exportBackup(vault, { format: 'otpauth', outPath: `${dir}-export.txt`, confirmPlain: true })
    expect(result.exported).toBe(1)
  })

  it('suggests file names that say what the file is', () => {
    const day = new Date('2026-11-24T23:00:00Z')
    expect(defaultExportName('aegis', day)).toBe('warifu-backup-2026-11-24.json')
    expect(defaultExportName('aegis-plain', day)).toBe('warifu-plain-aegis-2026-11-24.json')
    expect(defaultExportName('otpauth', day)).toBe('warifu-plain-otpauth-2026-11-24.txt')
    expect(exportFilters('otpauth')[0]!.extensions).toEqual(['txt'])
    expect(exportFilters('aegis')[0]!.extensions).toEqual(['json'])
  })
})
