/** The renderer's pure helpers: how codes are grouped, how search folds text, how scans are sorted. */
import { describe, expect, it, vi } from 'vitest'
import { displayName, groupCode, groupSecret } from '../../renderer/format'
import { languageForLocale, setLanguage } from '../../renderer/i18n'
import { fold } from '../../shared/text/fold'
import { classifyTexts } from '../../renderer/views/scan-result-view'

describe('renderer format helpers', () => {
  it.each([
    ['123456', '123 456'],
    ['1234567', '123 4567'],
    ['12345678', '1234 5678'],
    ['1234567890', '12345 67890'],
    ['', ''],
  ])('groups %j as %j', (code, grouped) => expect(groupCode(code)).toBe(grouped))

  it('groups a secret in fours for reading', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP')
    expect(groupSecret('JBSWY3')).toBe('JBSW Y3')
  })

  it('names an account by issuer and label, or whichever is set', () => {
    expect(displayName({ issuer: 'GitHub', label: 'alice' })).toBe('GitHub (alice)')
    expect(displayName({ issuer: '', label: 'alice' })).toBe('alice')
    expect(displayName({ issuer: 'GitHub', label: '' })).toBe('GitHub')
  })

  it('sets the parentheses full-width in Japanese: マネックス証券（hanako）', () => {
    vi.stubGlobal('document', { documentElement: {} })
    try {
      setLanguage('ja')
      expect(displayName({ issuer: 'マネックス証券', label: 'hanako' })).toBe('マネックス証券（hanako）')
    } finally {
      setLanguage('en')
      vi.unstubAllGlobals()
    }
  })

  it('folds full-width letters and half-width kana for search', () => {
    expect(fold('ＧｉｔＨｕｂ')).toBe('github')
    expect(fold('ｶﾀｶﾅ')).toBe('カタカナ')
    expect(fold('SBI証券')).toBe('sbi証券')
    expect(fold('まねっくす')).toBe('マネックス')
  })

  it('follows a Japanese locale and defaults to English', () => {
    expect(languageForLocale('ja')).toBe('ja')
    expect(languageForLocale('ja-JP')).toBe('ja')
    expect(languageForLocale('en-US')).toBe('en')
    expect(languageForLocale('jv')).toBe('en')
    expect(languageForLocale('')).toBe('en')
  })

  it('sorts scanned texts into setup links, GA exports and anything else', () => {
    expect(
      classifyTexts([
        'otpauth://totp/a?secret=A',
        'OTPAUTH://hotp/b?secret=B',
        'otpauth-migration://offline?data=x',
        'https://x',
      ]),
    ).toEqual({
      otp: ['otpauth://totp/a?secret=A', 'OTPAUTH://hotp/b?secret=B'],
      migration: ['otpauth-migration://offline?data=x'],
      other: 1,
    })
  })
})
