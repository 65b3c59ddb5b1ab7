import { describe, expect, it } from 'vitest'
import {
  collectMigrationBatches,
  formatMigrationUris,
  parseMigrationUri,
} from '../../../shared/formats/google-migration'
import type { OtpParams } from '../../../shared/otp/account'

// A widely published sample of Google Authenticator's export format (secret "Hello!\xde\xad\xbe\xef").
const SAMPLE =
  'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZSABKAEwAhABGAEgACjr4JKpBg%3D%3D'

const acct = (i: number, extra: Partial<OtpParams> = {}): OtpParams =>
  ({
    type: 'totp',
    secret: 'JBSWY3DPEHPK3PXP',
    issuer: `I${i}`,
    label: `u${i}`,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    ...extra,
  }) as OtpParams

describe('google-migration', () => {
  it('decodes the published sample', () => {
    const batch = parseMigrationUri(SAMPLE)
    expect(batch.accounts.rejected).toEqual([])
    expect(batch.accounts.accounts).toEqual([
      {
        type: 'totp',
        secret: 'JBSWY3DPEHPK3PXP',
        issuer: 'Example',
        label: 'alice@google.com',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
      },
    ])
  })
  it('splits 23 accounts into 3 codes and says which are missing', () => {
    const accounts = Array.from({ length: 23 }, (_, i) => acct(i))
    const { uris, leftOut } = formatMigrationUris(accounts, 42)
    expect(uris).toHaveLength(3)
    expect(leftOut).toEqual([])
    const all = collectMigrationBatches(uris.map(parseMigrationUri))
    expect(all.incomplete).toEqual([])
    expect(all.accounts.accounts).toEqual(accounts)
    const partial = collectMigrationBatches([parseMigrationUri(uris[1]!)])
    expect(partial.incomplete).toEqual([{ batchId: 42, batchSize: 3, missing: [0, 2] }])
  })
  it('leaves out what GA cannot represent, with reasons', () => {
    const { leftOut } = formatMigrationUris(
      [acct(1, { algorithm: 'SHA512' }), acct(2, { digits: 7 }), acct(3, { period: 60 })],
      1,
    )
    expect(leftOut.map((l) => l.reason)).toEqual([
      expect.stringContaining('SHA1'),
      expect.stringContaining('6 or 8'),
      expect.stringContaining('30-second'),
    ])
  })
  it('rejects damaged data with a typed error', () => {
    expect(() => parseMigrationUri(SAMPLE.slice(0, 60))).toThrow(expect.objectContaining({ code: 'BACKUP_CORRUPT' }))
  })
})
