import { describe, expect, it } from 'vitest'
import { fold } from '../../../shared/text/fold'
import { Vault } from '../../../electron/vault/vault'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'

describe('fold', () => {
  it.each([
    ['まねっくす', 'マネックス'],
    ['ﾏﾈｯｸｽ', 'マネックス'],
    ['ＳＢＩ証券', 'sbi証券'],
    ['らくてん', 'ラクテン'],
    ['いすゞ', 'イスヾ'],
    ['ゔ', 'ヴ'],
    ['GitHub', 'github'],
  ])('folds %s to %s', (text, folded) => {
    expect(fold(text)).toBe(folded)
  })

  it('finds a katakana name from hiragana and half-width kana', () => {
    expect(fold('マネックス証券').includes(fold('まねっくす'))).toBe(true)
    expect(fold('マネックス証券').includes(fold('ﾏﾈｯｸｽ'))).toBe(true)
  })

  it('leaves text without hiragana as the same string', () => {
    expect(fold('monex 証券')).toBe('monex 証券')
  })
})

describe('Vault search uses the shared fold (the CLI matches what the list shows)', () => {
  const tempDir = useTempDir()

  it('finds マネックス証券 by まねっくす and by ﾏﾈｯｸｽ', async () => {
    const vault = await Vault.open({ dir: tempDir(), store: new MemorySecretStore(), now: () => 1_700_000_000_000 })
    const base = { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30 } as const
    const monex = await vault.add({
      ...base,
      secret: 'JBSWY3DPEHPK3PXPJBSWY3DP',
      issuer: 'マネックス証券',
      label: 'taro',
    })
    await vault.add({ ...base, secret: 'GEZDGNBVGY3TQOJQGEZDGNBV', issuer: '楽天証券', label: 'hanako' })
    expect(vault.search('まねっくす').map((a) => a.id)).toEqual([monex.id])
    expect(vault.find('ﾏﾈｯｸｽ').id).toBe(monex.id)
    expect(vault.find('まねっくすしょうけん'.slice(0, 5)).id).toBe(monex.id)
  })
})
