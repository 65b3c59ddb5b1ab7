import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { hotpCode, totpCode } from '../../../shared/otp/codes'
import { base32FromBytes } from '../../../shared/otp/secret'
import type { Algorithm } from '../../../shared/otp/account'
import { seededRandom } from '../../support/seeded-random'
import { hasTool, skipUnless } from '../../support/tools'

const CASES = 600
const ALGS: Algorithm[] = ['SHA1', 'SHA256', 'SHA512']

interface Case {
  secret: string
  algorithm: Algorithm
  digits: number
  period: number
  time: number
}

function makeCases(): Case[] {
  const next = seededRandom(0x5741_5249)
  const pick = (n: number) => Math.floor(next() * n)
  return Array.from({ length: CASES }, () => {
    const bytes = Uint8Array.from({ length: 10 + pick(55) }, () => pick(256))
    return {
      secret: base32FromBytes(bytes),
      algorithm: ALGS[pick(3)]!,
      // oathtool prints 6, 7 or 8 digits.
      digits: 6 + pick(3),
      period: [30, 60, 15, 1, 3600, 20, 45][pick(7)]!,
      time: pick(4_102_444_800), // up to 2100-01-01
    }
  })
}

describe.skipIf(skipUnless(hasTool('oathtool'), 'oathtool'))('codes agree with oathtool', () => {
  it(`on ${CASES} seeded random TOTP cases (secret, algorithm, digits, period, time)`, () => {
    const cases = makeCases()
    // One oathtool process per case, run through one shell to keep it quick.
    const script = cases
      .map((c) => `oathtool --totp=${c.algorithm} -b -d ${c.digits} -s ${c.period}s -N @${c.time} ${c.secret}`)
      .join('\n')
    const theirs = execFileSync('sh', ['-e'], { input: script, encoding: 'utf8' }).trim().split('\n')
    expect(theirs).toHaveLength(CASES)
    const ours = cases.map((c) => totpCode(c, c.time * 1000).code)
    const mismatches = cases.filter((_, i) => ours[i] !== theirs[i])
    expect(mismatches).toEqual([])
    // Guard against a vacuous pass: the cases really do vary.
    expect(new Set(cases.map((c) => `${c.algorithm}/${c.digits}/${c.period}`)).size).toBeGreaterThan(30)
  })

  it('on HOTP counters 0..49 with a 20-byte secret', () => {
    const secret = base32FromBytes(Uint8Array.from({ length: 20 }, (_, i) => i * 7 + 1))
    const theirs = execFileSync('oathtool', ['--hotp', '-b', '-d', '6', '-c', '0', '-w', '49', secret], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
    const ours = Array.from({ length: 50 }, (_, c) => hotpCode({ secret, algorithm: 'SHA1', digits: 6 }, c))
    expect(ours).toEqual(theirs)
  })
})
