import { describe, expect, it } from 'vitest'
import { fold } from '../../../shared/text/fold'
import { runCli } from '../../../electron/cli/cli'
import type { CliIo } from '../../../electron/cli/io'
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

describe('warifu code finds an account the way the list does', () => {
  const tempDir = useTempDir()

  it('warifu code まねっくす prints マネックス証券’s code', async () => {
    const dir = tempDir()
    const store = new MemorySecretStore()
    const out: string[] = []
    const err: string[] = []
    const io: CliIo = {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readStdin: () => Promise.resolve(''),
      now: () => 59_000,
      openVault: () => Vault.open({ dir, store, now: () => 59_000 }),
    }
    const issuer = encodeURIComponent('マネックス証券')
    expect(await runCli(['add', `otpauth://totp/${issuer}:taro?secret=JBSWY3DPEHPK3PXP&issuer=${issuer}`], io)).toBe(0)
    for (const query of ['まねっくす', 'ﾏﾈｯｸｽ', 'マネックス']) {
      expect(await runCli(['code', query], io)).toBe(0)
      // The same key and clock as tests/unit/cli/cli.test.ts: 996554 at T=59.
      expect(out.at(-1)).toBe('996554')
    }
    expect(err.filter((l) => /No account/.test(l))).toEqual([])
  })
})
