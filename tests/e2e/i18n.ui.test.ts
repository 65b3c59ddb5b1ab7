/**
 * The renderer's message tables: every error code main can send has its own text in both languages
 * (the renderer never shows a raw message), and the Japanese table has exactly the English keys.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { en } from '../../renderer/i18n/en'
import { ja } from '../../renderer/i18n/ja'
import { t } from '../../renderer/i18n'
import { INTERNAL_ERROR_CODE, UNTRUSTED_SENDER_CODE } from '../../shared/ipc/channels'
import { ROOT } from '../support/tools'

/** The members of shared/errors.ts's ErrorCode union, read from the source (a type has no runtime value). */
function errorCodes(): string[] {
  const source = readFileSync(join(ROOT, 'shared', 'errors.ts'), 'utf8')
  const union = /export type ErrorCode =([\s\S]*?)\n\n/.exec(source)?.[1] ?? ''
  return [...union.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]!)
}

describe('renderer i18n tables', () => {
  it('reads the error codes from shared/errors.ts', () => {
    expect(errorCodes()).toContain('KEYCHAIN_UNAVAILABLE')
  })

  it.each([...errorCodes(), INTERNAL_ERROR_CODE, UNTRUSTED_SENDER_CODE])('has text for %s in en and ja', (code) => {
    const key = `error.${code}` as keyof typeof en
    expect(en[key], `en ${key}`).toBeTruthy()
    expect(ja[key], `ja ${key}`).toBeTruthy()
    expect(ja[key]).not.toBe(en[key])
  })

  it('has the same keys and placeholders in ja as in en', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort())
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)(?:\|[^}]*)?\}/g)].map((m) => m[1]).sort()
      expect(names(ja[key]), key).toEqual(names(en[key]))
    }
  })

  it('writes English counts with Intl.PluralRules (1 account, 2 accounts)', () => {
    expect(t('import.done', { count: 1 })).toBe('Imported 1 account.')
    expect(t('import.done', { count: 2 })).toBe('Imported 2 accounts.')
    expect(t('backup.reminderNever', { count: 1 })).toBe('No backup yet (1 account).')
  })
})
