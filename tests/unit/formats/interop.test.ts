/**
 * Interop details found by real clients (issue 12, item 15): 2FAS's service name, `#` comments in
 * otpauth lists, and Aegis vault content version 3 groups both ways.
 */
import { describe, expect, it } from 'vitest'
import { aegisEntries, aegisPlainFile, AEGIS_DB_VERSION_GROUPS } from '../../../shared/formats/aegis'
import { identifySource } from '../../../shared/formats/detect'
import { parseOtpauthList } from '../../../shared/formats/otpauth-list'
import { twoFasEntries } from '../../../shared/formats/twofas'
import type { OtpParams } from '../../../shared/otp/account'

const MONEX: OtpParams = {
  type: 'totp',
  secret: 'JBSWY3DPEHPK3PXP',
  issuer: 'Monex',
  label: 'hanako',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
}
const SBI: OtpParams = { ...MONEX, secret: 'GEZDGNBVGY3TQOJQ', issuer: 'SBI', label: 'taro' }
const BANK: OtpParams = { ...MONEX, secret: 'MFRGGZDFMZTWQ2LK', issuer: 'Bank', label: 'jiro' }
const UUIDS = [
  '00000000-0000-4000-8000-000000000001',
  '00000000-0000-4000-8000-000000000002',
  '00000000-0000-4000-8000-000000000003',
]

describe('2FAS import names', () => {
  it('takes the service name first, as 2FAS Android 5.2.0 writes it ({"name": "Example 1", "otp": {"issuer": "Ledgy"}})', () => {
    const { accounts } = twoFasEntries([
      { name: 'Example 1', secret: 'JBSWY3DPEHPK3PXP', otp: { issuer: 'Ledgy', account: 'hanako', tokenType: 'TOTP' } },
    ])
    expect(accounts.map((a) => [a.issuer, a.label])).toEqual([['Example 1', 'hanako']])
  })

  it('falls back to otp.issuer when the name is missing or blank', () => {
    const { accounts } = twoFasEntries([
      { secret: 'JBSWY3DPEHPK3PXP', otp: { issuer: 'Ledgy' } },
      { name: '  ', secret: 'GEZDGNBVGY3TQOJQ', otp: { issuer: 'Deno' } },
    ])
    expect(accounts.map((a) => a.issuer)).toEqual(['Ledgy', 'Deno'])
  })

  it('names a rejected entry by its service name too', () => {
    const { rejected } = twoFasEntries([{ name: 'Example 1', secret: '1', otp: { issuer: 'Ledgy' } }])
    expect(rejected.map((r) => r.issuer)).toEqual(['Example 1'])
  })
})

describe('otpauth lists with # comments', () => {
  const LIST = [
    '# Exported from a hand-kept list',
    'otpauth://totp/Monex:hanako?secret=JBSWY3DPEHPK3PXP&issuer=Monex',
    '   # indented comment',
    '#otpauth://totp/Old:gone?secret=GEZDGNBVGY3TQOJQ',
    'not a link',
  ].join('\n')

  it('skips comment lines quietly; other text is still listed as an error', () => {
    const { accounts, rejected } = parseOtpauthList(LIST)
    expect(accounts.map((a) => a.issuer)).toEqual(['Monex'])
    expect(rejected).toHaveLength(1)
    expect(rejected[0]!.code).toBe('INVALID_OTP_URI')
  })

  it('reads a list that starts with a comment as an otpauth list', () => {
    const identified = identifySource(LIST)
    expect(identified.format).toBe('otpauth-list')
  })
})

describe('Aegis vault content version 3 groups', () => {
  it('writes version 3 with groups {uuid, name} when tags exist, entries naming theirs by uuid', () => {
    const text = aegisPlainFile(
      [MONEX, SBI, BANK],
      UUIDS,
      [],
      [{ tags: ['証券'] }, { tags: ['証券', '仕事'] }, undefined],
    )
    const db = (JSON.parse(text) as { db: Record<string, unknown> }).db
    expect(db.version).toBe(AEGIS_DB_VERSION_GROUPS)
    const groups = db.groups as { uuid: string; name: string }[]
    expect(groups.map((g) => g.name)).toEqual(['証券', '仕事'])
    for (const g of groups)
      expect(g.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    const byName = new Map(groups.map((g) => [g.name, g.uuid]))
    const entries = db.entries as { groups: string[] }[]
    expect(entries.map((e) => e.groups)).toEqual([[byName.get('証券')], [byName.get('証券'), byName.get('仕事')], []])
  })

  it('keeps version 1 and no groups field when no account has a tag', () => {
    const db = (JSON.parse(aegisPlainFile([MONEX], UUIDS.slice(0, 1))) as { db: Record<string, unknown> }).db
    expect(db.version).toBe(1)
    expect('groups' in db).toBe(false)
  })

  it('brings the groups of a file Aegis wrote (v3, no Warifu field) back as tags', () => {
    const content = {
      version: 3,
      groups: [
        { uuid: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Work' },
        { uuid: 'aaaaaaaa-0000-4000-8000-000000000002', name: '銀行' },
      ],
      entries: [
        entry(MONEX, { groups: ['aaaaaaaa-0000-4000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000001'] }),
        entry(SBI, { groups: [] }),
        // A uuid with no group, and a non-string, are left out; the entry still imports.
        entry(BANK, { groups: ['ffffffff-0000-4000-8000-000000000009', 42, 'aaaaaaaa-0000-4000-8000-000000000001'] }),
      ],
    }
    const parsed = aegisEntries(content)
    expect(parsed.accounts).toHaveLength(3)
    expect(parsed.accounts.map((a) => parsed.tags?.get(a))).toEqual([['銀行', 'Work'], undefined, ['Work']])
  })

  it('reads version 2\u2019s single group name', () => {
    const parsed = aegisEntries({ version: 2, entries: [entry(MONEX, { group: 'Personal' })] })
    expect(parsed.tags?.get(parsed.accounts[0]!)).toEqual(['Personal'])
  })

  it('round-trips: tags written as groups come back (Warifu field and groups fold to one list)', () => {
    const text = aegisPlainFile([MONEX, SBI], UUIDS.slice(0, 2), [], [{ tags: ['証券', '仕事'] }, { tags: ['仕事'] }])
    const parsed = aegisEntries((JSON.parse(text) as { db: unknown }).db)
    const tags = parsed.accounts.map((a) => [...new Set(parsed.tags?.get(a) as string[])])
    expect(tags).toEqual([['証券', '仕事'], ['仕事']])
  })
})

function entry(p: OtpParams, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'totp',
    uuid: '00000000-0000-4000-8000-0000000000ff',
    name: p.label,
    issuer: p.issuer,
    note: '',
    favorite: false,
    icon: null,
    info: { secret: p.secret, algo: 'SHA1', digits: 6, period: 30 },
    ...extra,
  }
}
