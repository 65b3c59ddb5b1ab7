import { describe, expect, it } from 'vitest'
import { mayHoldSecret, pathForEcho, quoteForEcho } from '../../../shared/echo'

describe('shared/echo', () => {
  it.each([
    'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME',
    'OTPAUTH-MIGRATION://offline?data=abc',
    'secret=JBSW',
    'JBSWY3DPEHPK3PXP',
    'jbswy3dpehpk3pxp',
    'JBSW Y3DP EHPK 3PXP',
    'jbsw-y3dp-ehpk-3pxp',
    'x JBSWY3DPEHPK3PXPQQ y',
    'a'.repeat(41),
    'monex\u001b[2Jcleared',
    'evil\u202egnp.exe',
    'a%3Db',
  ])('never echoes %j', (text) => {
    expect(mayHoldSecret(text)).toBe(true)
    expect(quoteForEcho(text, 'that search')).toBe('that search')
  })

  it.each(['monex', '楽天証券', 'rakuten bank', 'github', '3c684a8b', '3c684a8b4b43bcae', 'alice@example.com'])(
    'echoes the plain search word %j',
    (text) => {
      expect(mayHoldSecret(text)).toBe(false)
      expect(quoteForEcho(text, 'that search')).toBe(`"${text}"`)
    },
  )

  it('shows ordinary file paths, not one that is a pasted link', () => {
    expect(pathForEcho('/home/taro/Downloads/aegis-backup-2026-01-05.json')).toBe(
      '/home/taro/Downloads/aegis-backup-2026-01-05.json',
    )
    expect(pathForEcho('otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP')).toBe('that file')
    expect(pathForEcho('/tmp/JBSWY3DPEHPK3PXPJBSW.png', '(it)')).toBe('(it)')
  })
})
