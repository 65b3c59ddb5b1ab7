import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { translations as zxcvbnEnglish } from '@zxcvbn-ts/language-en'
import { loadPasswordEstimator } from '../../../shared/backup/password-estimator'
import {
  knownFeedback,
  lengthHint,
  MIN_PASSWORD_LENGTH,
  STRENGTH_SUGGESTIONS,
  STRENGTH_WARNINGS,
  strengthOfScore,
} from '../../../shared/backup/password-strength'
import { passwordStrengthLine } from '../../../electron/cli/password-hint'
import { en } from '../../../renderer/i18n/en'
import { ja } from '../../../renderer/i18n/ja'
import { ROOT } from '../../support/tools'

describe('the backup password strength hint (zxcvbn-ts)', () => {
  // Each check takes up to a few hundred ms (Levenshtein over the dictionaries): one load for all.
  const rate = loadPasswordEstimator()

  it.each([
    'password',
    '12345678',
    'qwertyuiop',
    'Password1',
    'monex2025',
    'sakura1234',
    'arigatou123',
    'Tr0ub4dor&3',
    'aaaaaaaaaaaaaaaaaaaa',
    'abcdefghijk',
  ])('%j is weak', async (password) => {
    expect((await rate)(password).strength).toBe('weak')
  })

  it.each(['correct horse battery staple', 'vivid-otter-plinth-marrow-47', 'x7#Kq9!mZ2$pW4vL'])(
    '%j is strong',
    async (password) => {
      expect((await rate)(password).strength).toBe('strong')
    },
  )

  it('says why a heavily used password is weak, as keys the UI translates', async () => {
    expect((await rate)('password')).toEqual({ strength: 'weak', warning: 'topTen', suggestions: ['anotherWord'] })
  })

  it('rates empty and short passwords without the dictionaries, counting characters, not UTF-16 units', async () => {
    expect(lengthHint('')).toBe('empty')
    expect(lengthHint('Ab1!xyz')).toBe('too-short')
    // Seven emoji are fourteen UTF-16 units but seven characters.
    expect(lengthHint('🔑🗝🔐🔒🔓🏦💴')).toBe('too-short')
    expect(lengthHint('🔑🗝🔐🔒🔓🏦💴💶')).toBeUndefined()
    expect(MIN_PASSWORD_LENGTH).toBe(8)
    expect((await rate)('abc').strength).toBe('too-short')
  })

  it('maps zxcvbn scores 0-2 to weak, 3 to fair, 4 to strong', () => {
    expect([0, 1, 2, 3, 4].map(strengthOfScore)).toEqual(['weak', 'weak', 'weak', 'fair', 'strong'])
  })

  it('knows every feedback key zxcvbn-ts has, and drops one it does not know', () => {
    expect([...STRENGTH_WARNINGS].sort()).toEqual(Object.keys(zxcvbnEnglish.warnings).sort())
    expect([...STRENGTH_SUGGESTIONS].sort()).toEqual(Object.keys(zxcvbnEnglish.suggestions).sort())
    expect(knownFeedback({ warning: 'newInV9', suggestions: ['useWords', 'alsoNew'] })).toEqual({
      warning: null,
      suggestions: ['useWords'],
    })
  })

  it('has an English and a Japanese text for every feedback key', () => {
    const keys = [
      ...STRENGTH_WARNINGS.map((w) => `password.warning.${w}` as const),
      ...STRENGTH_SUGGESTIONS.map((s) => `password.suggestion.${s}` as const),
    ]
    for (const key of keys) {
      expect(en[key], key).toMatch(/\S/)
      expect(ja[key], key).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/)
    }
  })

  it('gives the CLI the app’s English hint', async () => {
    expect(await passwordStrengthLine('password')).toBe(
      `Password strength: ${en['password.hint.weak']} ${en['password.warning.topTen']} ${en['password.suggestion.anotherWord']}`,
    )
    expect(await passwordStrengthLine('correct horse battery staple')).toBe(
      `Password strength: ${en['password.hint.strong']}`,
    )
  })
})

describe('where the password estimator is bundled', () => {
  const read = (file: string) => (existsSync(join(ROOT, file)) ? readFileSync(join(ROOT, file), 'utf8') : undefined)
  // A key of language-common's dictionary: present only where the dictionaries were bundled.
  const DICTIONARY = 'diceware-common'

  it.skipIf(!existsSync(join(ROOT, 'dist/renderer/strength.worker.js')))(
    'keeps the dictionaries out of the renderer, main and CLI bundles (only the strength worker carries them)',
    () => {
      expect(read('dist/renderer/strength.worker.js')).toContain(DICTIONARY)
      for (const bundle of ['dist/renderer/app.js', 'dist/electron/main.cjs', 'dist/cli/warifu-all.cjs']) {
        expect(read(bundle), bundle).not.toContain(DICTIONARY)
      }
      // `warifu code` (run in loops by scripts) carries not even the loader.
      expect(read('dist/cli/warifu-code.cjs') ?? '').not.toContain('zxcvbn')
    },
  )
})
