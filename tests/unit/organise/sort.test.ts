import { describe, expect, it } from 'vitest'
import { allTags, pinnedAccounts, sortAccounts, storedIndexFor, withTag } from '../../../shared/organise'
import type { AccountSummary } from '../../../shared/types'

let seq = 0
function account(issuer: string, label = '', extra: Partial<AccountSummary> = {}): AccountSummary {
  seq++
  return {
    id: seq.toString(16).padStart(16, '0'),
    type: 'totp',
    period: 30,
    issuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    createdAt: '2026-01-01T00:00:00.000Z',
    sites: [],
    ...extra,
  } as AccountSummary
}
const names = (list: AccountSummary[]) => list.map((a) => `${a.issuer}${a.label ? `/${a.label}` : ''}`)

describe('the list order', () => {
  const monex = account('マネックス証券', 'taro', { lastUsedAt: '2026-11-26T01:00:00.000Z', tags: ['証券'] })
  const sbi = account('SBI証券', 'hanako', { tags: ['証券'] })
  const github = account('GitHub', 'me', { pinned: true, tags: ['仕事'] })
  const rakuten = account('楽天銀行', '', { lastUsedAt: '2026-11-26T02:00:00.000Z', tags: ['銀行'] })
  const amazon = account('amazon', 'b')
  const amazonA = account('Amazon', 'a')
  const stored = [monex, sbi, github, rakuten, amazon, amazonA]

  it('manual: pinned first, the rest in the user\u2019s order', () => {
    expect(names(sortAccounts(stored, 'manual'))).toEqual([
      'GitHub/me',
      'マネックス証券/taro',
      'SBI証券/hanako',
      '楽天銀行',
      'amazon/b',
      'Amazon/a',
    ])
  })

  it('A–Z: pinned first, then issuer then label with Japanese collation (case-insensitive Latin, kana before kanji)', () => {
    expect(names(sortAccounts(stored, 'name'))).toEqual([
      'GitHub/me',
      'Amazon/a',
      'amazon/b',
      'SBI証券/hanako',
      'マネックス証券/taro',
      '楽天銀行',
    ])
  })

  it('recently used: pinned first, then the latest copy first, never-copied ones last in manual order', () => {
    expect(names(sortAccounts(stored, 'recent'))).toEqual([
      'GitHub/me',
      '楽天銀行',
      'マネックス証券/taro',
      'SBI証券/hanako',
      'amazon/b',
      'Amazon/a',
    ])
  })

  it('tags: every tag once, sorted; filtering by one, or all for null', () => {
    // Kanji in the Japanese collation's order (JIS, close to the reading: ぎんこう, しごと, しょうけん).
    expect(allTags(stored)).toEqual(['銀行', '仕事', '証券'])
    expect(names(withTag(stored, '証券'))).toEqual(['マネックス証券/taro', 'SBI証券/hanako'])
    expect(withTag(stored, null)).toHaveLength(6)
    expect(names(pinnedAccounts(stored))).toEqual(['GitHub/me'])
  })

  it('a move in the shown list lands at the stored place of the account shown there', () => {
    const shown = sortAccounts(stored, 'manual')
    // Shown index 1 is マネックス証券, stored at 0.
    expect(storedIndexFor(stored, shown, 1)).toBe(0)
    expect(storedIndexFor(stored, shown, 0)).toBe(2)
    expect(storedIndexFor(stored, shown, 99)).toBe(5)
  })
})
