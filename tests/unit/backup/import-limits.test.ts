/**
 * Totals one import may reach, whatever each source holds: sources, accounts, GA export codes,
 * and the pasted text main keeps for an import in the app (issue 9).
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ImportSessions, MAX_SESSION_TEXT_CHARS } from '../../../electron/app/import-sessions'
import { MAX_IMPORT_SOURCES, previewImport } from '../../../electron/backup/import'
import { Vault } from '../../../electron/vault/vault'
import { MAX_ENTRIES } from '../../../shared/formats/safe-json'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'

const line = (i: number) => `otpauth://totp/I${i}:u?secret=JBSWY3DPEHPK3PXP&issuer=I${i}`
const list = (from: number, count: number) => Array.from({ length: count }, (_, i) => line(from + i)).join('\n')

describe('import totals', () => {
  const tempDir = useTempDir()
  const vault = () => Vault.open({ dir: join(tempDir(), 'data'), store: new MemorySecretStore() })

  it('refuses more accounts in one import than one file may hold, summed over its sources', async () => {
    const half = MAX_ENTRIES / 2 + 1
    const sources = [
      { kind: 'text' as const, text: list(0, half) },
      { kind: 'text' as const, text: list(half, half) },
    ]
    await expect(previewImport(await vault(), sources)).rejects.toMatchObject({ code: 'BACKUP_TOO_LARGE' })
    const preview = await previewImport(await vault(), sources.slice(0, 1))
    expect(preview.toAdd).toHaveLength(half)
  })

  it('refuses more sources than one import reads', async () => {
    const sources = Array.from({ length: MAX_IMPORT_SOURCES + 1 }, (_, i) => ({ kind: 'text' as const, text: line(i) }))
    await expect(previewImport(await vault(), sources)).rejects.toMatchObject({ code: 'USAGE' })
  })

  it('keeps at most 8 MiB of pasted text for one import in the app', () => {
    const sessions = new ImportSessions()
    const chunk = 'x'.repeat(MAX_SESSION_TEXT_CHARS / 4)
    const { session } = sessions.addTexts(null, [chunk, chunk, chunk], 'Pasted')
    expect(() => sessions.addTexts(session, [chunk, 'y'], 'Pasted')).toThrow(
      expect.objectContaining({ code: 'BACKUP_TOO_LARGE' }),
    )
    expect(sessions.addTexts(session, [chunk], 'Pasted').sources).toHaveLength(4)
  })
})
