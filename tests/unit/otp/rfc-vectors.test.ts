import { describe, expect, it } from 'vitest'
import { hotpCode, totpCode } from '../../../shared/otp/codes'
import { base32FromBytes } from '../../../shared/otp/secret'
import type { Algorithm } from '../../../shared/otp/account'

const ascii = (s: string) => base32FromBytes(new TextEncoder().encode(s))

describe('RFC 4226 appendix D (HOTP, SHA1, 6 digits)', () => {
  const secret = ascii('12345678901234567890')
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489']
  it.each(expected.map((code, counter) => [counter, code] as const))('generates counter %i as %s', (counter, code) => {
    expect(hotpCode({ secret, algorithm: 'SHA1', digits: 6 }, counter)).toBe(code)
  })
})

describe('RFC 6238 appendix B (TOTP, 8 digits, 30 s)', () => {
  // The RFC's seeds: the ASCII digits repeated to the hash's block-ish length.
  const seeds: Record<Algorithm, string> = {
    SHA1: ascii('12345678901234567890'),
    SHA256: ascii('12345678901234567890123456789012'),
    SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
  }
  const table: [number, string, Algorithm][] = [
    [59, '94287082', 'SHA1'],
    [59, '46119246', 'SHA256'],
    [59, '90693936', 'SHA512'],
    [1111111109, '07081804', 'SHA1'],
    [1111111109, '68084774', 'SHA256'],
    [1111111109, '25091201', 'SHA512'],
    [1111111111, '14050471', 'SHA1'],
    [1111111111, '67062674', 'SHA256'],
    [1111111111, '99943326', 'SHA512'],
    [1234567890, '89005924', 'SHA1'],
    [1234567890, '91819424', 'SHA256'],
    [1234567890, '93441116', 'SHA512'],
    [2000000000, '69279037', 'SHA1'],
    [2000000000, '90698825', 'SHA256'],
    [2000000000, '38618901', 'SHA512'],
    [20000000000, '65353130', 'SHA1'],
    [20000000000, '77737706', 'SHA256'],
    [20000000000, '47863826', 'SHA512'],
  ]
  it.each(table)('generates T=%i as %s with %s', (t, code, algorithm) => {
    expect(totpCode({ secret: seeds[algorithm], algorithm, digits: 8, period: 30 }, t * 1000).code).toBe(code)
  })
})

describe('totpCode timing', () => {
  const params = { secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1' as const, digits: 6, period: 30 }
  it('counts seconds left to the end of the step', () => {
    expect(totpCode(params, 59_000)).toMatchObject({ step: 1, secondsLeft: 1, expiresAt: 60_000 })
    expect(totpCode(params, 60_000)).toMatchObject({ step: 2, secondsLeft: 30, expiresAt: 90_000 })
    expect(totpCode(params, 60_001)).toMatchObject({ step: 2, secondsLeft: 30 })
  })
  it('pads 9 and 10 digit codes to their length', () => {
    for (const digits of [9, 10]) {
      expect(totpCode({ ...params, digits }, 1_700_000_000_000).code).toMatch(new RegExp(`^\\d{${digits}}$`))
    }
  })
})
