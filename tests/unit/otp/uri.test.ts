import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { formatOtpUri, parseOtpUri } from '../../../shared/otp/uri'

const S = 'JBSWY3DPEHPK3PXP' // 80 bits

type Accepted = [name: string, uri: string, expected: Record<string, unknown>]
const accepted: Accepted[] = [
  [
    'a plain TOTP URI with defaults',
    `otpauth://totp/ACME:alice@example.com?secret=${S}&issuer=ACME`,
    { type: 'totp', issuer: 'ACME', label: 'alice@example.com', secret: S, algorithm: 'SHA1', digits: 6, period: 30 },
  ],
  ['a lower-case secret', `otpauth://totp/x?secret=${S.toLowerCase()}`, { secret: S, issuer: '', label: 'x' }],
  ['a secret with spaces', `otpauth://totp/x?secret=JBSW%20Y3DP%20EHPK%203PXP`, { secret: S }],
  ['a secret with hyphens', `otpauth://totp/x?secret=JBSW-Y3DP-EHPK-3PXP`, { secret: S }],
  [
    'a secret with = padding',
    `otpauth://totp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ======`,
    { secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' },
  ],
  [
    '+ as a space in issuer and label',
    `otpauth://totp/Air+Canada:John+Doe?secret=${S}&issuer=Air+Canada`,
    { issuer: 'Air Canada', label: 'John Doe' },
  ],
  [
    '%3A between issuer prefix and account',
    `otpauth://totp/ACME%3Aalice?secret=${S}`,
    { issuer: 'ACME', label: 'alice' },
  ],
  ['a space after the colon', `otpauth://totp/ACME:%20%20alice?secret=${S}`, { issuer: 'ACME', label: 'alice' }],
  [
    'UTF-8 Japanese issuer',
    `otpauth://totp/%E6%A5%BD%E5%A4%A9%E8%A8%BC%E5%88%B8:taro?secret=${S}&issuer=%E6%A5%BD%E5%A4%A9%E8%A8%BC%E5%88%B8`,
    { issuer: '楽天証券', label: 'taro' },
  ],
  [
    'the issuer parameter over the label prefix',
    `otpauth://totp/Old:alice?secret=${S}&issuer=New`,
    { issuer: 'New', label: 'alice' },
  ],
  [
    'the label prefix when issuer is absent',
    `otpauth://totp/Prefix:alice?secret=${S}`,
    { issuer: 'Prefix', label: 'alice' },
  ],
  [
    'an empty issuer parameter falls back to the prefix',
    `otpauth://totp/Prefix:alice?secret=${S}&issuer=`,
    { issuer: 'Prefix' },
  ],
  ['no issuer at all', `otpauth://totp/alice?secret=${S}`, { issuer: '', label: 'alice' }],
  ['algorithm in lower case', `otpauth://totp/x?secret=${S}&algorithm=sha256`, { algorithm: 'SHA256' }],
  ['algorithm spelled SHA-512', `otpauth://totp/x?secret=${S}&algorithm=SHA-512`, { algorithm: 'SHA512' }],
  ['7 digits and a 20 s period', `otpauth://totp/x?secret=${S}&digits=7&period=20`, { digits: 7, period: 20 }],
  ['10 digits and a 3600 s period', `otpauth://totp/x?secret=${S}&digits=10&period=3600`, { digits: 10, period: 3600 }],
  ['a 1 s period', `otpauth://totp/x?secret=${S}&period=1`, { period: 1 }],
  ['HOTP with a counter', `otpauth://hotp/x?secret=${S}&counter=42`, { type: 'hotp', counter: 42 }],
  ['upper-case scheme and type', `OTPAUTH://TOTP/x?secret=${S}`, { type: 'totp' }],
  [
    'unknown parameters',
    `otpauth://totp/x?secret=${S}&image=https%3A%2F%2Fe.x%2Fa.png&codeDisplay=%7B%7D&foo`,
    { secret: S },
  ],
  ['surrounding whitespace', `  otpauth://totp/x?secret=${S}\n`, { label: 'x' }],
  ['upper-case parameter names', `otpauth://totp/x?SECRET=${S}&Digits=8`, { digits: 8 }],
  ['a fragment', `otpauth://totp/x?secret=${S}#ignored`, { secret: S }],
  ['HOTP at the largest counter', `otpauth://hotp/x?secret=${S}&counter=9007199254740991`, { counter: 2 ** 53 - 1 }],
  // Stripped, not refused: an import never loses an account over a stray character.
  ['a control character in the label', `otpauth://totp/a%00b?secret=${S}`, { label: 'a b' }],
  [
    'C1 controls and a line break',
    `otpauth://totp/a%C2%85%0D%0Ab?secret=${S}&issuer=I%1B%5B2J`,
    { label: 'a b', issuer: 'I [2J' },
  ],
  ['a right-to-left override', `otpauth://totp/x?secret=${S}&issuer=%E2%80%AEmoc.xenom`, { issuer: 'moc.xenom' }],
  ['bidi isolates and marks', `otpauth://totp/%E2%81%A6a%E2%81%A9%E2%80%8Fb?secret=${S}`, { label: 'ab' }],
]

type Rejected = [name: string, uri: string, code: string]
const rejected: Rejected[] = [
  ['an http URL', `https://example.com/?secret=${S}`, 'INVALID_OTP_URI'],
  ['an unknown type', `otpauth://steam/x?secret=${S}`, 'INVALID_OTP_URI'],
  ['no secret', 'otpauth://totp/x?issuer=ACME', 'INVALID_OTP_URI'],
  ['an empty secret', 'otpauth://totp/x?secret=', 'INVALID_SECRET'],
  ['a secret of only separators', 'otpauth://totp/x?secret=----', 'INVALID_SECRET'],
  ['a non-base32 secret', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PX1', 'INVALID_SECRET'],
  ['a secret under 80 bits', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PX', 'SECRET_TOO_SHORT'],
  ['an unknown algorithm', `otpauth://totp/x?secret=${S}&algorithm=MD5`, 'INVALID_ALGORITHM'],
  ['5 digits', `otpauth://totp/x?secret=${S}&digits=5`, 'INVALID_DIGITS'],
  ['11 digits', `otpauth://totp/x?secret=${S}&digits=11`, 'INVALID_DIGITS'],
  ['non-numeric digits', `otpauth://totp/x?secret=${S}&digits=six`, 'INVALID_DIGITS'],
  ['a period of 0', `otpauth://totp/x?secret=${S}&period=0`, 'INVALID_PERIOD'],
  ['a period over 3600', `otpauth://totp/x?secret=${S}&period=3601`, 'INVALID_PERIOD'],
  ['a negative period', `otpauth://totp/x?secret=${S}&period=-30`, 'INVALID_PERIOD'],
  ['HOTP without a counter', `otpauth://hotp/x?secret=${S}`, 'INVALID_OTP_URI'],
  ['HOTP with a negative counter', `otpauth://hotp/x?secret=${S}&counter=-1`, 'INVALID_COUNTER'],
  ['a broken %-escape', `otpauth://totp/%E6%A5?secret=${S}`, 'INVALID_OTP_URI'],
  ['HOTP with a counter past 2^53-1', `otpauth://hotp/x?secret=${S}&counter=9007199254740992`, 'INVALID_COUNTER'],
  ['a huge text', `otpauth://totp/x?secret=${S}&pad=${'a'.repeat(9000)}`, 'INVALID_OTP_URI'],
  ['an empty string', '', 'INVALID_OTP_URI'],
]

function errorOf(run: () => unknown): AppError {
  try {
    run()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected a rejection')
}

describe('parseOtpUri', () => {
  it.each(accepted)('accepts %s', (_name, uri, expected) => {
    expect(parseOtpUri(uri)).toMatchObject(expected)
  })

  it.each(rejected)('rejects %s with %s', (_name, uri, code) => {
    const error = errorOf(() => parseOtpUri(uri))
    expect(error.code).toBe(code)
    // Messages never echo the URI or any part of the secret.
    expect(error.message).not.toContain('otpauth://')
    expect(error.message).not.toContain('JBSW')
    expect(error.message).not.toContain('3PX')
  })
})

describe('formatOtpUri', () => {
  it('writes the issuer as prefix and parameter, with every parameter explicit', () => {
    const uri = formatOtpUri({
      type: 'totp',
      secret: S,
      issuer: 'SBI 証券',
      label: 'a:b',
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
    })
    expect(uri).toBe(
      `otpauth://totp/SBI%20%E8%A8%BC%E5%88%B8:a%3Ab?secret=${S}&issuer=SBI%20%E8%A8%BC%E5%88%B8&algorithm=SHA256&digits=8&period=60`,
    )
  })
  it('keeps a colon in a label without issuer from being read as a prefix', () => {
    const account = {
      type: 'hotp' as const,
      secret: S,
      issuer: '',
      label: 'a:b',
      algorithm: 'SHA1' as const,
      digits: 6,
      counter: 3,
    }
    expect(parseOtpUri(formatOtpUri(account))).toEqual(account)
  })
})
