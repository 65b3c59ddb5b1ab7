import { spawnSync } from 'node:child_process'
import { truncateSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import jpeg from 'jpeg-js'
import { describe, expect, it } from 'vitest'
import { decodeImageBytes, pngDataBytes, readImageFile } from '../../../electron/scan/read-image'
import { ImageTooLargeError, NotAnImageError } from '../../../shared/errors'
import { useTempDir } from '../../support/temp-dir'
import { CLI, cliBuilt, skipUnless } from '../../support/tools'
import { ihdrData, pngChunk, pngFile, rgbaRowBytes, zlibOf, zlibZeros, type PngHeader } from './hostile-png'

const GiB = 1024 * 1024 * 1024

/** A palette of one black entry, for colour type 3. */
const PLTE = pngChunk('PLTE', new Uint8Array(3))

/** A PNG whose image data is `length` zero bytes (filter "none", every sample 0). */
function zerosPng(header: PngHeader, length: number): Buffer {
  return pngFile(header, zlibOf(new Uint8Array(length)), header.colorType === 3 ? [PLTE] : [])
}

describe('PNG decoding bounded by the header', () => {
  it('refuses an interlaced 1 MB PNG whose data inflates to 1 GiB, without inflating it', () => {
    const bomb = pngFile({ width: 1000, height: 1000, interlace: 1 }, zlibZeros(GiB))
    expect(bomb.length).toBeLessThan(1.1 * 1024 * 1024)
    expect(() => decodeImageBytes(bomb)).toThrow(
      new NotAnImageError('The PNG file is corrupt (more pixel data than its size).'),
    )
  })

  it('refuses a non-interlaced PNG with more rows of data than its header says', () => {
    const header = { width: 4, height: 4 }
    const extra = pngFile(header, zlibOf(new Uint8Array(rgbaRowBytes(4) * 5)))
    expect(() => decodeImageBytes(extra)).toThrow(/more pixel data than its size/)
  })

  it('refuses a PNG whose data stops a row short', () => {
    const short = pngFile({ width: 4, height: 4 }, zlibOf(new Uint8Array(rgbaRowBytes(4) * 3)))
    expect(() => decodeImageBytes(short)).toThrow(NotAnImageError)
  })

  it('refuses a small file claiming 100 megapixels before allocating them (too little data to fill them)', () => {
    const claim = pngFile({ width: 10_000, height: 10_000 }, zlibZeros(1024))
    expect(() => decodeImageBytes(claim)).toThrow(/too little pixel data for its size/)
  })

  it('refuses a second IHDR, which could change the size after it was checked', () => {
    const twoHeaders = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', ihdrData({ width: 10, height: 10 })),
      pngChunk('IHDR', ihdrData({ width: 20_000, height: 20_000 })),
      pngChunk('IDAT', zlibZeros(rgbaRowBytes(10) * 10)),
      pngChunk('IEND', new Uint8Array(0)),
    ])
    expect(() => decodeImageBytes(twoHeaders)).toThrow(new NotAnImageError('The PNG file is corrupt (two headers).'))
  })

  it('refuses a chunk whose length runs past the end of the file', () => {
    const bytes = pngFile({ width: 2, height: 2 }, zlibOf(new Uint8Array(rgbaRowBytes(2) * 2)))
    const idat = bytes.indexOf('IDAT', 0, 'latin1') - 4
    bytes.writeUInt32BE(0x7fff_0000, idat)
    expect(() => decodeImageBytes(bytes)).toThrow(NotAnImageError)
  })

  it('refuses a PNG with no IEND (cut after its data)', () => {
    const bytes = pngFile({ width: 2, height: 2 }, zlibOf(new Uint8Array(rgbaRowBytes(2) * 2)))
    expect(() => decodeImageBytes(bytes.subarray(0, bytes.length - 12))).toThrow(NotAnImageError)
  })

  it.each([
    [2, 1],
    [3, 16],
    [4, 4],
    [6, 2],
    [1, 8],
    [5, 8],
  ])('refuses colour type %i at %i bits, which PNG does not define', (colorType, depth) => {
    const bytes = pngFile({ width: 2, height: 2, colorType, depth }, zlibOf(new Uint8Array(64)), [PLTE])
    expect(() => decodeImageBytes(bytes)).toThrow(/format that does not exist/)
  })

  it('refuses 100 megapixels at 16 bits per sample (over the decoding memory cap), on the header alone', () => {
    const bytes = pngFile({ width: 10_000, height: 10_000, depth: 16 }, zlibZeros(1024))
    expect(() => decodeImageBytes(bytes)).toThrow(ImageTooLargeError)
  })

  it('counts 271 bytes for an interlaced 8x8 RGBA image (seven passes, one filter byte per row)', () => {
    expect(pngDataBytes({ width: 8, height: 8, depth: 8, colorType: 6, interlace: true })).toBe(271)
    expect(pngDataBytes({ width: 8, height: 8, depth: 8, colorType: 6, interlace: false })).toBe(8 * 33)
  })

  // The exact length: one byte less or more is refused, so the cap can be exactly the header's.
  it.each([
    { width: 1, height: 1 },
    { width: 3, height: 5, interlace: 1 as const },
    { width: 9, height: 17, interlace: 1 as const, depth: 16 },
    { width: 33, height: 2, interlace: 1 as const, colorType: 0, depth: 1 },
    { width: 7, height: 3, colorType: 3, depth: 4, interlace: 1 as const },
    { width: 5, height: 6, colorType: 2, depth: 16 },
    { width: 2, height: 9, colorType: 4, depth: 8, interlace: 1 as const },
  ])('decodes data of exactly pngDataBytes for %o, and nothing else', (header) => {
    const exact = pngDataBytes({
      width: header.width,
      height: header.height,
      depth: header.depth ?? 8,
      colorType: header.colorType ?? 6,
      interlace: header.interlace === 1,
    })
    const image = decodeImageBytes(zerosPng(header, exact))
    expect([image.width, image.height, image.data.length]).toEqual([
      header.width,
      header.height,
      header.width * header.height * 4,
    ])
    expect(() => decodeImageBytes(zerosPng(header, exact + 1))).toThrow(NotAnImageError)
    expect(() => decodeImageBytes(zerosPng(header, exact - 1))).toThrow(NotAnImageError)
  })
})

/** A small real JPEG whose frame header (SOF0) is then made to claim another size or sampling. */
function jpegClaiming(width: number, height: number, sampling?: number): Buffer {
  const bytes = Buffer.from(jpeg.encode({ data: Buffer.alloc(16 * 16 * 4, 90), width: 16, height: 16 }, 90).data)
  const sof = bytes.indexOf(Buffer.from([0xff, 0xc0]))
  bytes.writeUInt16BE(height, sof + 5)
  bytes.writeUInt16BE(width, sof + 7)
  if (sampling !== undefined) bytes[sof + 11] = sampling
  return bytes
}

describe('JPEG decoding bounded by the frame header', () => {
  it('refuses 97.5 megapixels (under the pixel limit, over the decoder memory cap) on the header alone', () => {
    // jpeg-js allocated about 2 GB of blocks for this 600-byte file before it gave up.
    expect(() => decodeImageBytes(jpegClaiming(65_000, 1_500))).toThrow(
      new ImageTooLargeError('The JPEG image is 65000x1500: too large to decode.'),
    )
  })

  it('refuses an 8K frame header in a file far too short to code its blocks, before allocating them', () => {
    expect(() => decodeImageBytes(jpegClaiming(7680, 4320))).toThrow(
      new NotAnImageError('The JPEG file is truncated or corrupt (too little data for its size).'),
    )
  })

  it.each([0x00, 0x50, 0x15])('refuses sampling factors 0x%s (T.81 allows 1 to 4)', (sampling) => {
    expect(() => decodeImageBytes(jpegClaiming(16, 16, sampling))).toThrow(
      new NotAnImageError('The JPEG file is corrupt (frame header).'),
    )
  })
})

describe('readImageFile', () => {
  const tempDir = useTempDir()

  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    const fifo = path.join(tempDir(), 'pipe.png')
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0)
    await expect(readImageFile(fifo)).rejects.toThrow(new NotAnImageError('That is not a regular file.'))
  })

  it('refuses a file over 50 MB without reading it', async () => {
    const big = path.join(tempDir(), 'big.png')
    writeFileSync(big, '')
    truncateSync(big, 51 * 1024 * 1024)
    await expect(readImageFile(big)).rejects.toThrow(ImageTooLargeError)
  })
})

// npm test builds before running tests; the built CLI decodes in its bundled worker.
describe('warifu scan (built CLI) on hostile images', () => {
  const tempDir = useTempDir()
  const skip = skipUnless(cliBuilt(), 'the built CLI (npm run build)')

  /** Runs the built CLI; returns its exit status, stderr, and the process's peak RSS in MB. */
  function scan(file: string): { status: number | null; stderr: string; peakMb: number } {
    const report = path.join(tempDir(), 'peak-rss.cjs')
    writeFileSync(
      report,
      "process.on('exit', () => process.stderr.write('peak-rss-kb=' + process.resourceUsage().maxRSS + '\\n'))",
    )
    const run = spawnSync(process.execPath, ['--require', report, CLI, 'scan', file], {
      cwd: tempDir(),
      encoding: 'utf8',
    })
    // The preload runs in the decode worker too (it inherits execArgv): keep the highest figure.
    const peaks = [...run.stderr.matchAll(/peak-rss-kb=(\d+)/g)].map((m) => Number(m[1]))
    return {
      status: run.status,
      stderr: run.stderr.replace(/peak-rss-kb=\d+\n/g, ''),
      peakMb: peaks.length > 0 ? Math.max(...peaks) / 1024 : Infinity,
    }
  }

  it.skipIf(skip)(
    'refuses the 1 GiB interlaced bomb with NOT_AN_IMAGE, peaking far below what it would inflate to',
    () => {
      // Before the header cap this peaked above 2 GB.
      const file = path.join(tempDir(), 'bomb.png')
      writeFileSync(file, pngFile({ width: 1000, height: 1000, interlace: 1 }, zlibZeros(GiB)))
      const run = scan(file)
      expect(run.status).toBe(1)
      expect(run.stderr).toBe(
        `warifu: ${file}: The PNG file is corrupt (more pixel data than its size). [NOT_AN_IMAGE]\n`,
      )
      expect(run.peakMb).toBeLessThan(300)
    },
  )

  it.skipIf(skip)('refuses a JPEG claiming 97.5 megapixels with IMAGE_TOO_LARGE and little memory', () => {
    const file = path.join(tempDir(), 'claim.jpg')
    writeFileSync(file, jpegClaiming(65_000, 1_500))
    const run = scan(file)
    expect(run.stderr).toBe(`warifu: ${file}: The JPEG image is 65000x1500: too large to decode. [IMAGE_TOO_LARGE]\n`)
    expect(run.peakMb).toBeLessThan(300)
  })

  it.skipIf(skip)('refuses a second, larger IHDR with NOT_AN_IMAGE and little memory', () => {
    const file = path.join(tempDir(), 'two-headers.png')
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        pngChunk('IHDR', ihdrData({ width: 10, height: 10 })),
        pngChunk('IHDR', ihdrData({ width: 9000, height: 9000, interlace: 1 })),
        pngChunk('IDAT', zlibZeros(512 * 1024 * 1024)),
        pngChunk('IEND', new Uint8Array(0)),
      ]),
    )
    const run = scan(file)
    expect(run.stderr).toMatch(/\[NOT_AN_IMAGE\]\n$/)
    expect(run.peakMb).toBeLessThan(300)
  })
})
