import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { ALGORITHMS, cleanName, type OtpParams } from '../../../shared/otp/account'
import { base32FromBytes } from '../../../shared/otp/secret'
import { formatOtpUri, parseOtpUri } from '../../../shared/otp/uri'

// Names as the vault stores them (cleaned: no controls or bidi overrides, spaces folded), any Unicode otherwise.
const name = fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => cleanName(s, 'label'))

const account: fc.Arbitrary<OtpParams> = fc
  .record({
    bytes: fc.uint8Array({ minLength: 10, maxLength: 64 }),
    issuer: name,
    label: name,
    algorithm: fc.constantFrom(...ALGORITHMS),
    digits: fc.integer({ min: 6, max: 10 }),
    hotp: fc.boolean(),
    period: fc.integer({ min: 1, max: 3600 }),
    counter: fc.maxSafeNat(),
  })
  .map(({ bytes, hotp, period, counter, ...rest }) => {
    const common = { ...rest, secret: base32FromBytes(bytes) }
    return hotp ? { type: 'hotp' as const, ...common, counter } : { type: 'totp' as const, ...common, period }
  })

describe('otpauth URI properties', () => {
  it('format then parse gives back the same account', () => {
    fc.assert(
      fc.property(account, (a) => {
        expect(parseOtpUri(formatOtpUri(a))).toEqual(a)
      }),
      { numRuns: 2000 },
    )
  })

  const anyText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.string({ maxLength: 200 }).map((s) => `otpauth://totp/${s}`),
    fc.tuple(fc.string(), fc.string(), fc.string()).map(([a, b, c]) => `otpauth://${a}/${b}?secret=${c}&digits=${b}`),
    fc
      .tuple(fc.constantFrom('totp', 'hotp', 'TOTP'), fc.webSegment(), fc.webQueryParameters())
      .map(([t, l, q]) => `otpauth://${t}/${l}?secret=JBSWY3DPEHPK3PXP&${q}`),
  )

  it('throws nothing but a typed AppError for any input string', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        try {
          parseOtpUri(text)
        } catch (error) {
          expect(error).toBeInstanceOf(AppError)
        }
      }),
      { numRuns: 5000 },
    )
  })
})
