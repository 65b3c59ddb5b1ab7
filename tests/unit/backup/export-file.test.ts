import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  exportTempName,
  removeStaleExportTemps,
  stageExport,
  writeVerifiedExport,
} from '../../../electron/backup/export-file'
import { exportBackup } from '../../../electron/backup/index'
import { Vault } from '../../../electron/vault/vault'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
const tempDir = useTempDir('warifu-export-file-')
/** A pid no process has (Linux pid_max is at most 2^22). */
const DEAD_PID = 2 ** 30 - 7

describe('export temp files', () => {
  it('writes owner-only under a recognisable temp name, then renames it over the target', async () => {
    const dir = tempDir()
    const target = join(dir, 'moving.txt')
    const staged = await stageExport(target, 'secret text')
    expect(staged.tempPath).toMatch(new RegExp(`[/\\\\]\\.warifu-export-${process.pid}-[0-9a-f]{12}\\.tmp$`))
    if (process.platform !== 'win32') expect(statSync(staged.tempPath).mode & 0o777).toBe(0o600)
    await staged.commit()
    expect(readdirSync(dir)).toEqual(['moving.txt'])
    expect(readFileSync(target, 'utf8')).toBe('secret text')
  })

  it('removes the temp file and keeps the old target when verification fails between write and rename', async () => {
    const dir = tempDir()
    const target = join(dir, 'backup.txt')
    writeFileSync(target, 'the previous good backup')
    let seen: string[] = []
    await expect(
      writeVerifiedExport([{ path: target, data: `otpauth://totp/x?secret=${SECRET}` }], (temps) => {
        seen = temps
        expect(readFileSync(temps[0]!, 'utf8')).toContain(SECRET)
        return Promise.reject(new Error('read back differs'))
      }),
    ).rejects.toThrow('read back differs')
    expect(seen).toHaveLength(1)
    expect(readdirSync(dir)).toEqual(['backup.txt'])
    expect(readFileSync(target, 'utf8')).toBe('the previous good backup')
  })

  it('removes the temp file when the rename fails', async () => {
    const dir = tempDir()
    // A non-empty directory cannot be replaced by a file.
    mkdirSync(join(dir, 'taken', 'inside'), { recursive: true })
    await expect(
      writeVerifiedExport([{ path: join(dir, 'taken'), data: SECRET }], () => Promise.resolve()),
    ).rejects.toThrow()
    expect(readdirSync(dir)).toEqual(['taken'])
  })

  it('removes every staged file of a multi-file export when one fails', async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'b.png', 'x'), { recursive: true })
    await expect(
      writeVerifiedExport(
        [
          { path: join(dir, 'a.png'), data: 'a' },
          { path: join(dir, 'b.png'), data: 'b' },
        ],
        () => Promise.reject(new Error('no')),
      ),
    ).rejects.toThrow('no')
    expect(readdirSync(dir)).toEqual(['b.png'])
  })

  it('cleans temp files left by a writer that is gone, and only those', async () => {
    const dir = tempDir()
    const stale = exportTempName(DEAD_PID)
    const live = exportTempName(4242)
    const own = exportTempName(process.pid)
    for (const name of [stale, live, own, '.warifu-export-1-nothex.tmp', 'notes.tmp']) {
      writeFileSync(join(dir, name), SECRET)
    }
    mkdirSync(join(dir, exportTempName(DEAD_PID + 1)))
    const removed = await removeStaleExportTemps(dir, (pid) => pid === 4242)
    expect(removed).toEqual([stale])
    expect(readdirSync(dir)).not.toContain(stale)
    expect(readdirSync(dir)).toEqual(expect.arrayContaining([live, own, 'notes.tmp']))
  })

  it('an export into a folder with a crashed export’s temp file removes it', async () => {
    const dir = tempDir()
    const vault = await Vault.open({ dir: join(dir, 'vault'), store: new MemorySecretStore() })
    await vault.add({
      type: 'totp',
      secret: SECRET,
      issuer: 'ACME',
      label: 'alice',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    })
    const out = join(dir, 'out')
    mkdirSync(out)
    const crashed = exportTempName(DEAD_PID)
    writeFileSync(join(out, crashed), `otpauth://totp/ACME:alice?secret=${SECRET}\n`)
    const result = await exportBackup(vault, {
      format: 'otpauth',
      outPath: join(out, 'moving.txt'),
      confirmPlain: true,
    })
    expect(result.exported).toBe(1)
    expect(readdirSync(out)).toEqual(['moving.txt'])
  })
})
