/**
 * Google Authenticator export codes made to hurt: every count and length in the payload is
 * bounded before anything is allocated in proportion to it (issue 9).
 */
import { describe, expect, it } from 'vitest'
import { identifySource } from '../../../shared/formats/detect'
import { base64Encode } from '../../../shared/formats/encoding'
import {
  MAX_MIGRATION_BATCH_SIZE,
  MAX_MIGRATION_CODES,
  collectMigrationBatches,
  parseMigrationUri,
} from '../../../shared/formats/google-migration'
import { ProtoWriter } from '../../../shared/formats/protobuf'

const SECRET = Uint8Array.from([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef])
const utf8 = (s: string) => new TextEncoder().encode(s)

function account(options: { secret?: Uint8Array; name?: string } = {}): Uint8Array {
  return new ProtoWriter()
    .bytes(1, options.secret ?? SECRET)
    .bytes(2, utf8(options.name ?? 'alice'))
    .bytes(3, utf8('Example'))
    .uint(4, 1)
    .uint(5, 1)
    .uint(6, 2)
    .finish()
}

function code(options: { size?: number; index?: number; id?: number; accounts?: Uint8Array[] } = {}): string {
  const w = new ProtoWriter()
  for (const a of options.accounts ?? [account()]) w.bytes(1, a)
  w.uint(2, 1)
    .uint(3, options.size ?? 1)
    .uint(4, options.index ?? 0)
    .uint(5, options.id ?? 7)
  return `otpauth-migration://offline?data=${encodeURIComponent(base64Encode(w.finish()))}`
}

describe('google-migration against hostile codes', () => {
  it('refuses a short code declaring 2^31-1 codes in its batch (it ran main out of memory)', () => {
    const uri = code({ size: 2 ** 31 - 1, index: 5 })
    expect(uri.length).toBeLessThan(120)
    const started = performance.now()
    expect(() => parseMigrationUri(uri)).toThrow(expect.objectContaining({ code: 'BACKUP_CORRUPT' }))
    expect(() => identifySource(uri)).toThrow(expect.objectContaining({ code: 'BACKUP_CORRUPT' }))
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('reads a batch of the largest allowed size and lists the missing codes', () => {
    const batch = parseMigrationUri(code({ size: MAX_MIGRATION_BATCH_SIZE, index: MAX_MIGRATION_BATCH_SIZE - 1 }))
    const { incomplete } = collectMigrationBatches([batch])
    expect(incomplete[0]!.missing).toHaveLength(MAX_MIGRATION_BATCH_SIZE - 1)
    expect(() => parseMigrationUri(code({ size: MAX_MIGRATION_BATCH_SIZE + 1 }))).toThrow(
      expect.objectContaining({ code: 'BACKUP_CORRUPT' }),
    )
  })

  it('refuses a batch index outside the batch, negative ones included', () => {
    for (const index of [-1, 1, 2 ** 31 - 1]) {
      expect(() => parseMigrationUri(code({ size: 1, index }))).toThrow(
        expect.objectContaining({ code: 'BACKUP_CORRUPT' }),
      )
    }
  })

  it('refuses a code with more accounts than Google Authenticator ever puts in one', () => {
    const many = Array.from({ length: 65 }, () => account())
    expect(() => parseMigrationUri(code({ accounts: many }))).toThrow(
      expect.objectContaining({ code: 'BACKUP_CORRUPT' }),
    )
  })

  it('rejects an entry whose secret or name is absurdly long, and keeps the others', () => {
    const batch = parseMigrationUri(
      code({
        accounts: [account(), account({ secret: new Uint8Array(1024).fill(7) }), account({ name: 'n'.repeat(2000) })],
      }),
    )
    expect(batch.accounts.accounts).toHaveLength(1)
    expect(batch.accounts.rejected.map((r) => r.code)).toEqual(['INVALID_SECRET', 'INVALID_ACCOUNT'])
  })

  it('refuses a text holding more export codes than one import reads', () => {
    const lines = Array.from({ length: MAX_MIGRATION_CODES + 1 }, (_, i) => code({ id: i }))
    expect(() => identifySource(lines.join('\n'))).toThrow(expect.objectContaining({ code: 'BACKUP_TOO_LARGE' }))
    expect(identifySource(lines.slice(1).join('\n')).format).toBe('google-migration')
  })
})
