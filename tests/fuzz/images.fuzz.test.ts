/**
 * Fuzz pass over the PNG and JPEG decoding path (electron/scan/read-image.ts, and the worker in
 * scan-file.ts): random bytes, and mutations of small valid files (header fields, chunk lengths,
 * CRCs, interlace flags, truncation, chunks doubled or dropped). Whatever the input, decoding
 * returns well-formed RGBA pixels or throws a typed AppError; nothing else escapes, and memory
 * stays bounded by the header checks. Together these properties take 0.3 of the fuzz budget.
 */
import fc from 'fast-check'
import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeImageBytes, pngDataBytes } from '../../electron/scan/read-image'
import { scanImageBytes } from '../../electron/scan/scan-file'
import { AppError } from '../../shared/errors'
import { MAX_IMAGE_PIXELS } from '../../shared/scan/image'
import { ADAM7 } from '../../shared/scan/image-header'
import { pngChunk, pngFile, zlibOf } from '../unit/scan/hostile-png'
import { fuzzParameters, fuzzTestTimeoutMs, fuzzTotalSeconds } from './budget'

/** Codes an image decode may end with. */
const IMAGE_CODES = new Set(['NOT_AN_IMAGE', 'IMAGE_TOO_LARGE'])

/** Decodes and checks the outcome: sane pixels, or a typed image error (any other throw fails the property). */
function decodesSafely(bytes: Uint8Array): void {
  let image
  try {
    image = decodeImageBytes(bytes)
  } catch (error) {
    if (!(error instanceof AppError) || !IMAGE_CODES.has(error.code)) throw error
    return
  }
  expect(image.width * image.height).toBeLessThanOrEqual(MAX_IMAGE_PIXELS)
  expect(image.data.length).toBe(image.width * image.height * 4)
}

// --- PNG -------------------------------------------------------------------------------------

interface Chunk {
  type: string
  data: Buffer
}

function chunksOf(png: Buffer): Chunk[] {
  const chunks: Chunk[] = []
  for (let at = 8; at + 12 <= png.length;) {
    const length = png.readUInt32BE(at)
    chunks.push({ type: png.toString('latin1', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) })
    at += 12 + length
  }
  return chunks
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function pngOf(chunks: Chunk[]): Buffer {
  return Buffer.concat([SIGNATURE, ...chunks.map((c) => pngChunk(c.type, c.data))])
}

function zeros(header: { width: number; height: number; depth?: number; colorType?: number; interlace?: 0 | 1 }) {
  const length = pngDataBytes({
    width: header.width,
    height: header.height,
    depth: header.depth ?? 8,
    colorType: header.colorType ?? 6,
    interlace: header.interlace === 1,
  })
  const plte = header.colorType === 3 ? [pngChunk('PLTE', Buffer.from([0, 0, 0, 255, 255, 255]))] : []
  return pngFile(header, zlibOf(new Uint8Array(length)), plte)
}

function patterned(width: number, height: number): Buffer {
  const png = new PNG({ width, height })
  for (let i = 0; i < png.data.length; i++) png.data[i] = (i * 37) & 0xff
  return PNG.sync.write(png)
}

const PNG_BASES: Buffer[] = [
  patterned(8, 6),
  zeros({ width: 7, height: 5, interlace: 1 }),
  zeros({ width: 9, height: 4, colorType: 3, depth: 4, interlace: 1 }),
  zeros({ width: 5, height: 9, colorType: 0, depth: 16, interlace: 1 }),
  zeros({ width: 17, height: 3, colorType: 0, depth: 1 }),
  zeros({ width: 3, height: 3, colorType: 2, depth: 16 }),
  zeros({ width: 4, height: 4, colorType: 4 }),
]

/** Structural mutations, written back with right CRCs so they reach inflate, unfilter and pixels. */
const chunkMutation = fc.oneof(
  // An IHDR field (width, height, depth, colour type, compression, filter, interlace).
  fc.record({
    kind: fc.constant('ihdr' as const),
    offset: fc.integer({ min: 0, max: 12 }),
    value: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0, 1, 2, 3, 4, 6, 8, 16)),
  }),
  // Width and height as a whole, up to sizes far over the limit.
  fc.record({
    kind: fc.constant('size' as const),
    width: fc.oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 0xffffffff })),
    height: fc.oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 100_000 })),
  }),
  fc.record({
    kind: fc.constant('byte' as const),
    chunk: fc.nat(),
    at: fc.nat(),
    value: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({ kind: fc.constant('cut' as const), chunk: fc.nat(), keep: fc.nat() }),
  fc.record({ kind: fc.constant('double' as const), chunk: fc.nat() }),
  fc.record({ kind: fc.constant('drop' as const), chunk: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    type: fc.constantFrom('IHDR', 'IDAT', 'PLTE', 'tRNS', 'gAMA', 'IEND', 'tEXt', 'zzZz', 'ABCD'),
    data: fc.uint8Array({ maxLength: 64 }),
  }),
)

/** A copy of the first chunk's data, at least an IHDR's 13 bytes long (another mutation may have cut it). */
function ihdrOf(chunks: Chunk[]): Buffer {
  const data = Buffer.alloc(Math.max(13, chunks[0]!.data.length))
  data.set(chunks[0]!.data)
  return data
}

function applyChunkMutation(chunks: Chunk[], m: ChunkMutation): void {
  const pick = (n: number) => n % chunks.length
  switch (m.kind) {
    case 'ihdr': {
      const data = ihdrOf(chunks)
      data[m.offset] = m.value
      chunks[0] = { type: 'IHDR', data }
      return
    }
    case 'size': {
      const data = ihdrOf(chunks)
      data.writeUInt32BE(m.width >>> 0, 0)
      data.writeUInt32BE(m.height >>> 0, 4)
      chunks[0] = { type: 'IHDR', data }
      return
    }
    case 'byte': {
      const c = chunks[pick(m.chunk)]!
      if (c.data.length === 0) return
      const data = Buffer.from(c.data)
      data[m.at % data.length] = m.value
      c.data = data
      return
    }
    case 'cut': {
      const c = chunks[pick(m.chunk)]!
      c.data = c.data.subarray(0, m.keep % (c.data.length + 1))
      return
    }
    case 'double':
      chunks.splice(pick(m.chunk), 0, { ...chunks[pick(m.chunk)]! })
      return
    case 'drop':
      if (chunks.length > 1) chunks.splice(pick(m.chunk), 1)
      return
    case 'insert':
      chunks.splice(m.at % (chunks.length + 1), 0, { type: m.type, data: Buffer.from(m.data) })
  }
}

type ChunkMutation = typeof chunkMutation extends fc.Arbitrary<infer T> ? T : never

/** Raw mutations of the file's bytes: lengths, CRCs and signatures stop being right. */
const byteMutation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('u32' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 0xffffffff }) }),
  fc.record({ kind: fc.constant('truncate' as const), keep: fc.nat() }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), data: fc.uint8Array({ maxLength: 32 }) }),
)

type ByteMutation = typeof byteMutation extends fc.Arbitrary<infer T> ? T : never

function applyByteMutation(bytes: Buffer, m: ByteMutation): Buffer {
  if (bytes.length === 0) return bytes
  switch (m.kind) {
    case 'set': {
      const out = Buffer.from(bytes)
      out[m.at % out.length] = m.value
      return out
    }
    case 'u32': {
      if (bytes.length < 4) return bytes
      const out = Buffer.from(bytes)
      out.writeUInt32BE(m.value >>> 0, m.at % (out.length - 3))
      return out
    }
    case 'truncate':
      return bytes.subarray(0, m.keep % (bytes.length + 1))
    case 'splice': {
      const at = m.at % (bytes.length + 1)
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.data), bytes.subarray(at)])
    }
  }
}

/**
 * Whole PNGs with valid zlib data of random content (filter bytes included, valid or not) of
 * about the length the header implies, any defined format, palettes and transparency of any
 * length: they get past inflate into unfiltering, bit unpacking and palette lookups.
 */
const FORMATS: [colorType: number, depth: number][] = [
  [0, 1],
  [0, 2],
  [0, 4],
  [0, 8],
  [0, 16],
  [2, 8],
  [2, 16],
  [3, 1],
  [3, 2],
  [3, 4],
  [3, 8],
  [4, 8],
  [4, 16],
  [6, 8],
  [6, 16],
]
/** Where each row (of each Adam7 pass) starts in a PNG's inflated data: its filter byte. */
function rowStarts(width: number, height: number, colorType: number, depth: number, interlace: boolean): number[] {
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType] ?? 1
  const passes = interlace ? ADAM7 : [[0, 0, 1, 1] as const]
  const starts: number[] = []
  let at = 0
  for (const [x0, y0, dx, dy] of passes as [number, number, number, number][]) {
    const w = Math.ceil((width - x0) / dx)
    const h = Math.ceil((height - y0) / dy)
    if (w <= 0 || h <= 0) continue
    for (let y = 0; y < h; y++) {
      starts.push(at)
      at += 1 + Math.ceil((w * channels * depth) / 8)
    }
  }
  return starts
}

const randomContentPng = fc
  .record({
    width: fc.integer({ min: 1, max: 40 }),
    height: fc.integer({ min: 1, max: 40 }),
    format: fc.constantFrom(...FORMATS),
    interlace: fc.constantFrom(0 as const, 1 as const),
    slack: fc.constantFrom(0, 0, 0, -1, 1, -7),
    seed: fc.integer(),
    palette: fc.option(fc.uint8Array({ maxLength: 800 })),
    trns: fc.option(fc.uint8Array({ maxLength: 300 })),
  })
  .map(({ width, height, format: [colorType, depth], interlace, slack, seed, palette, trns }) => {
    const header = { width, height, colorType, depth, interlace }
    const length = Math.max(0, pngDataBytes({ ...header, interlace: interlace === 1 }) + slack)
    const data = new Uint8Array(length)
    let x = seed | 1
    for (let i = 0; i < length; i++) {
      // xorshift: random-looking filter bytes and samples, reproducible from the seed.
      x ^= x << 13
      x ^= x >>> 17
      x ^= x << 5
      data[i] = x & 0xff
    }
    // Filter bytes of the five defined types (0-4), so rows get past unfiltering (other values
    // are the mutation properties' business).
    for (const at of rowStarts(width, height, colorType, depth, interlace === 1)) {
      if (at < length) data[at] = data[at]! % 5
    }
    const chunks = [
      ...(palette !== null ? [pngChunk('PLTE', palette)] : []),
      ...(trns !== null ? [pngChunk('tRNS', trns)] : []),
    ]
    return pngFile(header, zlibOf(data), chunks)
  })

// --- JPEG ------------------------------------------------------------------------------------

function jpegOf(width: number, height: number, quality: number): Buffer {
  const data = Buffer.alloc(width * height * 4)
  for (let i = 0; i < data.length; i++) data[i] = (i * 53) & 0xff
  return Buffer.from(jpeg.encode({ data, width, height }, quality).data)
}

const JPEG_BASES: Buffer[] = [jpegOf(16, 16, 90), jpegOf(9, 23, 50), jpegOf(33, 8, 100)]

/** A JPEG mutation: bytes changed anywhere, the frame header's size, or a segment's length. */
const jpegMutation = fc.oneof(
  byteMutation,
  fc.record({
    kind: fc.constant('sof' as const),
    width: fc.integer({ min: 0, max: 0xffff }),
    height: fc.integer({ min: 0, max: 0xffff }),
    components: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({ kind: fc.constant('segment' as const), nth: fc.nat(), length: fc.integer({ min: 0, max: 0xffff }) }),
)

function applyJpegMutation(bytes: Buffer, m: typeof jpegMutation extends fc.Arbitrary<infer T> ? T : never): Buffer {
  if (m.kind === 'sof' || m.kind === 'segment') {
    const out = Buffer.from(bytes)
    const segments: number[] = []
    for (let i = 2; i + 4 <= out.length && out[i] === 0xff && out[i + 1] !== 0xda;) {
      segments.push(i)
      i += 2 + out.readUInt16BE(i + 2)
    }
    if (m.kind === 'segment') {
      if (segments.length > 0) out.writeUInt16BE(m.length, segments[m.nth % segments.length]! + 2)
      return out
    }
    const sof = segments.find((i) => out[i + 1] === 0xc0 && i + 10 <= out.length)
    if (sof !== undefined) {
      out.writeUInt16BE(m.height, sof + 5)
      out.writeUInt16BE(m.width, sof + 7)
      out[sof + 9] = m.components
    }
    return out
  }
  return applyByteMutation(bytes, m)
}

/** Keeps the end marker on a mutated JPEG, so the decoder itself is reached, not only the EOI check. */
function withEnd(bytes: Buffer): Buffer {
  return bytes.length >= 2 && bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9
    ? bytes
    : Buffer.concat([bytes, Buffer.from([0xff, 0xd9])])
}

// --- Properties ------------------------------------------------------------------------------

describe('image decoding under fuzzing', () => {
  const rssBefore = process.memoryUsage().rss

  afterAll(() => {
    // Memory bounded: nothing the fuzzer made was decoded at more than a few MB.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(512 * 1024 * 1024)
  })

  it('keeps every valid base decodable (the mutations start from real files)', () => {
    for (const png of PNG_BASES) expect(decodeImageBytes(png).width).toBeGreaterThan(0)
    for (const file of JPEG_BASES) expect(decodeImageBytes(file).width).toBeGreaterThan(0)
  })

  it(
    'PNG: structural mutations with right CRCs give pixels or a typed error',
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...PNG_BASES),
          fc.array(chunkMutation, { minLength: 1, maxLength: 3 }),
          (base, mutations) => {
            const chunks = chunksOf(base)
            for (const m of mutations) applyChunkMutation(chunks, m)
            decodesSafely(pngOf(chunks))
          },
        ),
        fuzzParameters(0.06),
      )
    },
    fuzzTestTimeoutMs(0.06),
  )

  it(
    'PNG: raw byte mutations, truncation and lengths give pixels or a typed error',
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...PNG_BASES),
          fc.array(byteMutation, { minLength: 1, maxLength: 4 }),
          (base, mutations) => {
            decodesSafely(mutations.reduce(applyByteMutation, base))
          },
        ),
        fuzzParameters(0.04),
      )
    },
    fuzzTestTimeoutMs(0.04),
  )

  it(
    'PNG: valid zlib data of random content in every format gives pixels or a typed error',
    () => {
      fc.assert(
        fc.property(randomContentPng, (png) => {
          decodesSafely(png)
        }),
        fuzzParameters(0.05),
      )
    },
    fuzzTestTimeoutMs(0.05),
  )

  it(
    'JPEG: mutations of frame size, segment lengths and bytes give pixels or a typed error',
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...JPEG_BASES),
          fc.array(jpegMutation, { minLength: 1, maxLength: 3 }),
          fc.boolean(),
          (base, mutations, keepEnd) => {
            const mutated = mutations.reduce(applyJpegMutation, base)
            decodesSafely(keepEnd ? withEnd(mutated) : mutated)
          },
        ),
        fuzzParameters(0.07),
      )
    },
    fuzzTestTimeoutMs(0.07),
  )

  it(
    'random bytes, bare or after a PNG or JPEG signature, give a typed error',
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(new Uint8Array(0), SIGNATURE, Buffer.from([0xff, 0xd8, 0xff])),
          fc.uint8Array({ maxLength: 2048 }),
          (prefix, rest) => {
            decodesSafely(Buffer.concat([prefix, rest]))
          },
        ),
        fuzzParameters(0.03),
      )
    },
    fuzzTestTimeoutMs(0.03),
  )

  it(
    'through the decode worker: mutated files come back as QR texts or a typed error',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...PNG_BASES, ...JPEG_BASES),
          fc.array(byteMutation, { minLength: 1, maxLength: 2 }),
          async (base, mutations) => {
            try {
              expect(Array.isArray(await scanImageBytes(mutations.reduce(applyByteMutation, base)))).toBe(true)
            } catch (error) {
              if (!(error instanceof AppError) || !IMAGE_CODES.has(error.code)) throw error
            }
          },
        ),
        // A run starts a worker (about 0.5 s, more while tsx compiles the sources on the first):
        // counted, not timed, so a slow first start cannot leave the property with no run at all.
        {
          ...fuzzParameters(0.05),
          interruptAfterTimeLimit: undefined,
          numRuns: Math.max(2, Math.round(fuzzTotalSeconds() * 0.1)),
        },
      )
    },
    fuzzTestTimeoutMs(0.05) + 10_000,
  )
})
