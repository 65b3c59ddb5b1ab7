/** Cases the fuzz pass (tests/fuzz/formats.fuzz.test.ts) found, kept as plain regression tests. */
import { describe, expect, it } from 'vitest'
import { aegisEntries, readAegisFile } from '../../../shared/formats/aegis'
import { identifySource } from '../../../shared/formats/detect'
import { MAX_BACKUP_BYTES } from '../../../shared/formats/safe-json'
import { readTwoFasFile } from '../../../shared/formats/twofas'

const LONG = 'JBSWY3DPEHPK3PXP'.repeat(1000)

describe('format error messages found by fuzzing', () => {
  it('never repeat a version field\u2019s text (it could be anything, of any length)', () => {
    const cases = [
      () => readAegisFile(JSON.stringify({ version: LONG, header: {}, db: {} })),
      () => aegisEntries({ version: LONG, entries: [] }),
      () => readTwoFasFile(JSON.stringify({ schemaVersion: LONG, services: [] })),
    ]
    for (const run of cases) {
      expect(run).toThrow(expect.objectContaining({ code: 'BACKUP_UNSUPPORTED' }))
      try {
        run()
      } catch (error) {
        expect((error as Error).message).not.toContain('JBSWY3DP')
        expect((error as Error).message.length).toBeLessThan(100)
      }
    }
    expect(() => readAegisFile(JSON.stringify({ version: 2, header: {}, db: {} }))).toThrow(/version 2;/)
  })

  it('refuses a file of millions of short lines as it counts them (it took seconds and ~600 MB)', () => {
    const text = 'x\n'.repeat(MAX_BACKUP_BYTES / 2 - 1)
    const started = performance.now()
    expect(() => identifySource(text)).toThrow(expect.objectContaining({ code: 'BACKUP_TOO_LARGE' }))
    expect(performance.now() - started).toBeLessThan(1000)
  })
})
