/**
 * Fuzz pass over every import parser: Aegis (plain, and encrypted both as structure and after
 * decryption), 2FAS (plain and encrypted), Ente and otpauth lists, Google Authenticator export
 * codes (protobuf bytes and the otpauth-migration URI), the auto-detection entry point and the
 * otpauth URI parser. Inputs are random bytes and text, and structure-aware mutations of valid
 * files: a field replaced by a huge number, a wrong type, deep nesting, a long string or a huge
 * array, protobuf lengths and counts declared far beyond the data. Whatever the input, a parser
 * returns accounts and reasons or throws a typed AppError (never a TypeError, RangeError or an
 * untyped Error), within a bounded time and heap. Together these take 0.7 of the fuzz budget.
 */
import { createCipheriv, pbkdf2Sync, randomBytes, randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readAegisEncrypted } from '../../electron/backup/aegis-encrypted'
import { sealGcm, scryptKey } from '../../electron/backup/crypto'
import { readTwoFasEncrypted } from '../../electron/backup/twofas-encrypted'
import { AppError } from '../../shared/errors'
import { aegisEntries, readAegisFile } from '../../shared/formats/aegis'
import { identifySource } from '../../shared/formats/detect'
import { base64Encode } from '../../shared/formats/encoding'
import { collectMigrationBatches, parseMigrationUri } from '../../shared/formats/google-migration'
import { parseOtpauthList } from '../../shared/formats/otpauth-list'
import { ProtoWriter, readMessage } from '../../shared/formats/protobuf'
import type { ParsedImport } from '../../shared/formats/types'
import { readTwoFasFile, twoFasEntries } from '../../shared/formats/twofas'
import { parseOtpUri } from '../../shared/otp/uri'
import { fuzzParameters, fuzzTestTimeoutMs } from './budget'

/** The formats' share of the budget (images take the other 0.3), split over the properties below. */
const SHARE = 0.7 / 9
/** One input may take this long at most (the slowest real case, a 32 MiB file, is far below it). */
const MAX_MS_PER_INPUT = 3000
/** Heap one input may leave grown (rough: GC timing makes it noisy, a runaway allocation is not). */
const MAX_HEAP_GROWTH = 256 * 1024 * 1024

/** Runs `parse`: it returns, or throws an AppError; anything else fails. Time and heap are bounded. */
async function parsesSafely(parse: () => unknown): Promise<void> {
  const heap = process.memoryUsage().heapUsed
  const started = performance.now()
  let result: unknown
  try {
    result = await parse()
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    // Messages are for people, short, and never a dump of the input.
    expect(error.message.length).toBeLessThan(400)
  }
  expect(performance.now() - started).toBeLessThan(MAX_MS_PER_INPUT)
  expect(process.memoryUsage().heapUsed - heap).toBeLessThan(MAX_HEAP_GROWTH)
  if (typeof result === 'object' && result !== null && 'accounts' in result && Array.isArray(result.accounts)) {
    checkParsed(result as ParsedImport)
  }
}

/** Every account read is valid enough to make codes; every rejection has a reason. */
function checkParsed(parsed: ParsedImport): void {
  for (const a of parsed.accounts) {
    expect(a.secret).toMatch(/^[A-Z2-7]+$/)
    expect(['SHA1', 'SHA256', 'SHA512']).toContain(a.algorithm)
    expect(a.issuer.length + a.label.length).toBeLessThanOrEqual(512)
  }
  for (const r of parsed.rejected) expect(r.reason.length).toBeGreaterThan(0)
}

// --- hostile values and structure-aware mutation --------------------------------------------

const deepArray = (depth: number): unknown => {
  let v: unknown = 1
  for (let i = 0; i < depth; i++) v = [v]
  return v
}

/** Values a field may be replaced with: huge and odd numbers, wrong types, long text, deep nesting. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    2 ** 31 - 1,
    2 ** 32,
    2 ** 53,
    -(2 ** 53),
    Number.MAX_VALUE,
    -1,
    0,
    0.5,
    1e308,
    null,
    true,
    '',
    '0',
    '-1',
    '1e400',
    '99999999999999999999',
    'NaN',
    '__proto__',
    'constructor',
    'TOTP',
    'steam',
    'sha-256',
    'MD5',
    {},
    [],
    { __proto__: { polluted: true } },
  ),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 300, max: 20_000 }).map((n) => 'A'.repeat(n)),
  fc.integer({ min: 20, max: 200 }).map(deepArray),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }),
  fc.anything({ maxDepth: 3 }),
)

type Json = Record<string, unknown> | unknown[]

/** Every path (list of keys) to a value inside `root`. */
function pathsOf(root: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  if (typeof root === 'object' && root !== null) {
    for (const [k, v] of Object.entries(root)) {
      const path = [...prefix, Array.isArray(root) ? Number(k) : k]
      out.push(path)
      pathsOf(v, path, out)
    }
  }
  return out
}

/** A mutation: which path, what to do there, and with what value. */
const mutation = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('set', 'delete', 'wrap', 'add-key', 'repeat'),
  value: hostileValue,
  key: fc.constantFrom('type', 'secret', 'digits', 'period', 'counter', 'algo', 'n', 'r', 'p', 'x', '__proto__'),
})

/** Text larger than this is not built: the parsers refuse 32 MiB unread, and the fuzzer's own heap is not the subject. */
const MAX_BUILT_CHARS = 4 * 1024 * 1024

function mutate(base: Json, list: { at: number; op: string; value: unknown; key: string }[]) {
  const root = structuredClone(base)
  // One huge array, made last: its items share one object, so a second one inside it (or any
  // later change) would multiply the fuzzer's own work, not the parser's.
  const repeat = list.find((m) => m.op === 'repeat')
  const ordered = [...list.filter((m) => m.op !== 'repeat'), ...(repeat ? [repeat] : [])]
  for (const m of ordered) {
    const paths = pathsOf(root)
    if (paths.length === 0) break
    const path = paths[m.at % paths.length]!
    let at: unknown = root
    for (const k of path.slice(0, -1))
      at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[k] : at
    // Odd keys of generated values (`__proto__`, getters) can lead nowhere: skip that change.
    if (typeof at !== 'object' || at === null) continue
    const parent = at as Record<string | number, unknown>
    const last = path.at(-1)!
    if (m.op === 'set') parent[last] = m.value
    else if (m.op === 'delete') delete parent[last]
    else if (m.op === 'wrap') parent[last] = [parent[last]]
    else if (m.op === 'add-key' && typeof parent[last] === 'object' && parent[last] !== null) {
      ;(parent[last] as Record<string, unknown>)[m.key] = m.value
    } else if (m.op === 'repeat' && Array.isArray(parent[last])) {
      // A huge array: past the entry limit now and then.
      const first = (parent[last] as unknown[])[0]
      const size = (JSON.stringify(first) ?? 'null').length + 1
      const count = Math.min((m.at % 12_000) + 1, Math.floor(MAX_BUILT_CHARS / size))
      parent[last] = Array.from({ length: count }, () => first)
    }
  }
  return root
}

const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 })

/** A text-level change: cut, a byte flipped, junk or deep nesting spliced in. */
const textMutation = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('cut', 'flip', 'splice', 'nest'),
  junk: fc.string({ maxLength: 20 }),
  depth: fc.integer({ min: 10, max: 5000 }),
})

function mutateText(text: string, m: { at: number; op: string; junk: string; depth: number }): string {
  const i = m.at % (text.length + 1)
  if (m.op === 'cut') return text.slice(0, i)
  if (m.op === 'flip') return text.slice(0, i) + String.fromCharCode((text.charCodeAt(i) || 0) ^ 1) + text.slice(i + 1)
  if (m.op === 'nest') return text.slice(0, i) + '['.repeat(m.depth) + text.slice(i)
  return text.slice(0, i) + m.junk + text.slice(i)
}

// --- valid bases ------------------------------------------------------------------------------

const AEGIS_ENTRY = {
  type: 'totp',
  uuid: '01234567-89ab-cdef-0123-456789abcdef',
  name: 'alice',
  issuer: 'ACME',
  note: '',
  favorite: false,
  icon: null,
  info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30 },
}
const AEGIS_CONTENT = {
  version: 1,
  entries: [AEGIS_ENTRY, { ...AEGIS_ENTRY, type: 'hotp', info: { secret: 'GEZDGNBVGY3TQOJQ', counter: 7 } }],
}
const AEGIS_PLAIN = { version: 1, header: { slots: null, params: null }, db: AEGIS_CONTENT }
const hex = (n: number) => randomBytes(n).toString('hex')
const AEGIS_ENCRYPTED = {
  version: 1,
  header: {
    slots: [
      {
        type: 1,
        uuid: randomUUID(),
        key: hex(32),
        key_params: { nonce: hex(12), tag: hex(16) },
        n: 32768,
        r: 8,
        p: 1,
        salt: hex(32),
      },
      { type: 2, uuid: randomUUID(), key: hex(32), key_params: { nonce: hex(12), tag: hex(16) } },
    ],
    params: { nonce: hex(12), tag: hex(16) },
  },
  db: randomBytes(48).toString('base64'),
}
const TWOFAS_SERVICE = {
  name: 'Monex',
  secret: 'JBSWY3DPEHPK3PXP',
  otp: { account: 'taro', issuer: 'Monex', digits: 6, period: 30, algorithm: 'SHA1', tokenType: 'TOTP' },
}
const TWOFAS_PLAIN = { schemaVersion: 4, appVersionCode: 5000000, services: [TWOFAS_SERVICE, TWOFAS_SERVICE] }
const URIS = [
  'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME',
  'otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQ&counter=5&digits=8&algorithm=SHA256',
  'otpauth://totp/Ente:x?secret=KRSXG5CTMVRXEZLU&period=60&codeDisplay=%7B%22pinned%22%3Afalse%7D',
  'otpauth://steam/Steam:y?secret=JBSWY3DPEHPK3PXP',
]

/** The seal 2FAS uses: PBKDF2-SHA256 (10,000 rounds), AES-256-GCM with the tag after the data. */
function twoFasSeal(text: string, password: string, key?: Buffer): string {
  const salt = randomBytes(256)
  const iv = randomBytes(12)
  const k = key ?? pbkdf2Sync(password, salt, 10_000, 32, 'sha256')
  const cipher = createCipheriv('aes-256-gcm', k, iv)
  const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()])
  return [sealed, salt, iv].map((b) => b.toString('base64')).join(':')
}

// --- protobuf ---------------------------------------------------------------------------------

/** A protobuf field as the fuzzer writes it: any number, varint or bytes (maybe nested). */
type FieldSpec = { field: number; varint: bigint } | { field: number; bytes: Uint8Array }

const varintValue = fc.oneof(
  fc.constantFrom(0n, 1n, 2n, 3n, 4n, 5n, 10n, 64n, 65n, 2n ** 31n - 1n, 2n ** 32n, 2n ** 63n, 2n ** 64n - 1n),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
)
const otpParameters = fc
  .array(
    fc.oneof(
      fc.record({ field: fc.integer({ min: 1, max: 8 }), varint: varintValue }),
      fc.record({
        field: fc.integer({ min: 1, max: 8 }),
        bytes: fc.oneof(
          fc.uint8Array({ maxLength: 40 }),
          fc.integer({ min: 100, max: 4000 }).map((n) => new Uint8Array(n).fill(65)),
        ),
      }),
    ),
    { maxLength: 10 },
  )
  .map((fields) => writeFields(fields as FieldSpec[]))

function writeFields(fields: FieldSpec[]): Uint8Array {
  const w = new ProtoWriter()
  for (const f of fields) {
    if ('varint' in f) w.uint(f.field, f.varint)
    else w.bytes(f.field, f.bytes)
  }
  return w.finish()
}

/** A migration payload: accounts, then batch fields with any values, in any order and count. */
const migrationPayload = fc
  .record({
    accounts: fc.array(otpParameters, { maxLength: 12 }),
    extra: fc.array(fc.record({ field: fc.integer({ min: 2, max: 6 }), varint: varintValue }), { maxLength: 6 }),
  })
  .map(({ accounts, extra }) => writeFields([...accounts.map((bytes) => ({ field: 1, bytes })), ...extra]))

const migrationUri = (payload: Uint8Array, encode = true) => {
  const data = base64Encode(payload)
  return `otpauth-migration://offline?data=${encode ? encodeURIComponent(data) : data}`
}

/** Bytes with a length prefix or varint far past the data: declared sizes must never be trusted. */
const lyingProtobuf = fc
  .record({ field: fc.integer({ min: 1, max: 20 }), declared: varintValue, tail: fc.uint8Array({ maxLength: 20 }) })
  .map(({ field, declared, tail }) => {
    const w = new ProtoWriter()
    w.uint(field, 0) // a harmless first field
    const head = w.finish()
    const key = new ProtoWriter().uint(field, declared).finish()
    // Rewrite the wire type of the second key to 2 (length-delimited) so `declared` becomes a length.
    const lying = Uint8Array.from(key)
    lying[0] = (lying[0]! & ~7) | 2
    return Uint8Array.from([...head, ...lying, ...tail])
  })

// --- properties -------------------------------------------------------------------------------

const property = (name: string, prop: fc.IAsyncProperty<never> | fc.IProperty<never>) =>
  it(
    name,
    async () => {
      await fc.assert(prop as fc.IAsyncProperty<unknown>, fuzzParameters(SHARE))
    },
    fuzzTestTimeoutMs(SHARE),
  )

describe('format parsers under fuzzing', () => {
  property(
    'identifySource takes random text, bytes as Latin-1 and random JSON to accounts or a typed error',
    fc.asyncProperty(
      fc.oneof(
        fc.string({ maxLength: 2000 }),
        fc.string({ unit: 'binary', maxLength: 500 }),
        fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b).toString('latin1')),
        fc.json({ maxDepth: 6 }),
        fc.constantFrom(...URIS).chain((u) => textMutation.map((m) => mutateText(u, m))),
      ),
      (text) => parsesSafely(() => identifySource(text)),
    ) as never,
  )

  property(
    'Aegis plain files with fields replaced, removed, wrapped, or repeated into huge arrays',
    fc.asyncProperty(mutations, fc.option(textMutation, { nil: undefined }), (ms, tm) => {
      const base = mutate(AEGIS_PLAIN, ms)
      const text = tm ? mutateText(JSON.stringify(base), tm) : JSON.stringify(base)
      return parsesSafely(async () => {
        await parsesSafely(() => identifySource(text))
        const file = readAegisFile(text)
        return file.kind === 'plain' ? aegisEntries(file.content) : undefined
      })
    }) as never,
  )

  property(
    'Aegis encrypted headers (slots, KDF costs, nonces) read or refused before any password work',
    fc.asyncProperty(mutations, (ms) =>
      parsesSafely(() => {
        const file = readAegisFile(JSON.stringify(mutate(AEGIS_ENCRYPTED, ms)))
        if (file.kind === 'encrypted') {
          // Whatever was read is within the bounds: a KDF run is never hours long.
          for (const s of file.slots) expect(128 * s.n * s.r).toBeLessThanOrEqual(128 * 1024 * 1024)
          expect(file.slots.length).toBeLessThanOrEqual(4)
        }
        return undefined
      }),
    ) as never,
  )

  property(
    'Aegis encrypted content: hostile account data that decrypts with the right password',
    fc.asyncProperty(mutations, async (ms) => {
      const password = 'pw'
      const cost = { n: 16, r: 1, p: 1 }
      const salt = randomBytes(32)
      const masterKey = randomBytes(32)
      const derived = await scryptKey(password, salt, cost)
      const wrapped = sealGcm(derived, masterKey)
      const sealed = sealGcm(masterKey, Buffer.from(JSON.stringify(mutate(AEGIS_CONTENT, ms)), 'utf8'))
      const text = JSON.stringify({
        version: 1,
        header: {
          slots: [
            {
              type: 1,
              uuid: randomUUID(),
              key: wrapped.ciphertext.toString('hex'),
              key_params: { nonce: wrapped.nonce.toString('hex'), tag: wrapped.tag.toString('hex') },
              ...cost,
              salt: salt.toString('hex'),
            },
          ],
          params: { nonce: sealed.nonce.toString('hex'), tag: sealed.tag.toString('hex') },
        },
        db: sealed.ciphertext.toString('base64'),
      })
      await parsesSafely(async () => {
        const file = readAegisFile(text)
        return file.kind === 'encrypted' ? readAegisEncrypted(file, password) : undefined
      })
    }) as never,
  )

  property(
    '2FAS plain files and hostile services, also sealed in an encrypted file',
    fc.asyncProperty(mutations, fc.boolean(), async (ms, encrypted) => {
      const base = mutate(TWOFAS_PLAIN, ms)
      if (!encrypted) {
        await parsesSafely(() => identifySource(JSON.stringify(base)))
        await parsesSafely(() => {
          const file = readTwoFasFile(JSON.stringify(base))
          return file.kind === 'plain' ? twoFasEntries(file.services) : undefined
        })
        return
      }
      const services = (base as { services?: unknown }).services
      const text = JSON.stringify({
        schemaVersion: 4,
        services: [],
        servicesEncrypted: twoFasSeal(JSON.stringify(services ?? null), 'pw'),
      })
      await parsesSafely(async () => {
        const file = readTwoFasFile(text)
        return file.kind === 'encrypted' ? readTwoFasEncrypted(file, 'pw') : undefined
      })
    }) as never,
  )

  property(
    '2FAS encrypted fields that are not base64:base64:base64 of sane sizes',
    fc.asyncProperty(
      fc.oneof(
        fc.string({ maxLength: 200 }),
        fc
          .tuple(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 2048 }), fc.uint8Array({ maxLength: 20 }))
          .map((parts) => parts.map((p) => base64Encode(p)).join(':')),
      ),
      fc.option(fc.string({ maxLength: 100 }), { nil: undefined }),
      (sealed, reference) =>
        parsesSafely(async () => {
          const file = readTwoFasFile(
            JSON.stringify({
              schemaVersion: 3,
              servicesEncrypted: sealed,
              ...(reference === undefined ? {} : { reference }),
            }),
          )
          return file.kind === 'encrypted' ? readTwoFasEncrypted(file, 'pw') : undefined
        }),
    ) as never,
  )

  property(
    'Google Authenticator export codes: random and structured protobuf, lying lengths, huge batch numbers',
    fc.asyncProperty(
      fc.oneof(migrationPayload, fc.uint8Array({ maxLength: 600 }), lyingProtobuf),
      fc.boolean(),
      (payload, encode) =>
        parsesSafely(() => {
          expect(() => {
            try {
              readMessage(payload)
            } catch (error) {
              if (!(error instanceof AppError)) throw error
            }
          }).not.toThrow()
          const batch = parseMigrationUri(migrationUri(payload, encode))
          const collected = collectMigrationBatches([batch, batch])
          for (const g of collected.incomplete) expect(g.missing.length).toBeLessThanOrEqual(64)
          return batch.accounts
        }),
    ) as never,
  )

  property(
    'otpauth-migration URIs as text: mangled prefixes, %-escapes and data, many codes in one paste',
    fc.asyncProperty(migrationPayload, textMutation, fc.integer({ min: 1, max: 300 }), (payload, m, copies) => {
      const uri = mutateText(migrationUri(payload), m)
      return parsesSafely(async () => {
        await parsesSafely(() => parseMigrationUri(uri))
        return identifySource(Array.from({ length: copies }, () => uri).join('\n'))
      })
    }) as never,
  )

  property(
    'otpauth URIs and lists (Ente, plain): parameters replaced by hostile values, lines mangled',
    fc.asyncProperty(
      fc.array(
        fc.record({
          base: fc.constantFrom(...URIS),
          param: fc.constantFrom('secret', 'issuer', 'algorithm', 'digits', 'period', 'counter', '', 'SECRET'),
          value: fc.oneof(
            fc.string({ maxLength: 30 }),
            hostileValue.map(String),
            fc.constantFrom('%', '%zz', '%00', '%E2%80%AE', '+'),
          ),
          m: fc.option(textMutation, { nil: undefined }),
        }),
        { minLength: 1, maxLength: 6 },
      ),
      (lines) => {
        const texts = lines.map(({ base, param, value, m }) => {
          const uri = `${base}&${param}=${value.length > 9000 ? value.slice(0, 9000) : value}`
          return m ? mutateText(uri, m) : uri
        })
        return parsesSafely(async () => {
          for (const t of texts) await parsesSafely(() => parseOtpUri(t))
          await parsesSafely(() => identifySource(texts.join('\n')))
          return parseOtpauthList(texts.join('\r\n'))
        })
      },
    ) as never,
  )
})
