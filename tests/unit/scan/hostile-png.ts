/**
 * Hostile PNG files built in the test itself (no big binaries in the repository): chunks with
 * right CRCs around whatever header and pixel data a test wants, and zlib streams of zeros that
 * are tiny on disk and inflate to gigabytes.
 */
import { crc32, deflateRawSync, deflateSync, constants as zlib } from 'node:zlib'

/** IHDR fields; defaults are 8-bit RGBA, not interlaced. */
export interface PngHeader {
  width: number
  height: number
  depth?: number
  colorType?: number
  interlace?: 0 | 1
}

/** One PNG chunk: length, type, data, CRC over type and data. */
export function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0)
  return Buffer.concat([head, data, crc])
}

/** The 13 bytes of an IHDR chunk's data. */
export function ihdrData(header: PngHeader): Buffer {
  const data = Buffer.alloc(13)
  data.writeUInt32BE(header.width, 0)
  data.writeUInt32BE(header.height, 4)
  data[8] = header.depth ?? 8
  data[9] = header.colorType ?? 6
  data[12] = header.interlace ?? 0
  return data
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** A whole PNG: signature, IHDR, the given chunks (default: one IDAT of `zlibData`), IEND. */
export function pngFile(header: PngHeader, zlibData: Uint8Array, extraChunks: Buffer[] = []): Buffer {
  return Buffer.concat([
    SIGNATURE,
    pngChunk('IHDR', ihdrData(header)),
    ...extraChunks,
    pngChunk('IDAT', zlibData),
    pngChunk('IEND', new Uint8Array(0)),
  ])
}

/** Bytes per row plus its filter byte, for 8-bit RGBA. */
export function rgbaRowBytes(width: number): number {
  return width * 4 + 1
}

/** zlib data of `length` zero bytes, built by compressing 1 MiB once and repeating it. */
export function zlibZeros(length: number): Buffer {
  const MiB = 1024 * 1024
  const whole = Math.floor(length / MiB)
  // A full flush ends each piece byte-aligned with no reference to the data before it, so one
  // compressed MiB of zeros can be repeated as is (about 1 KB for each MiB: a 1000:1 bomb).
  const piece = whole > 0 ? deflateRawSync(Buffer.alloc(MiB), { finishFlush: zlib.Z_FULL_FLUSH }) : Buffer.alloc(0)
  const rest = deflateRawSync(Buffer.alloc(length - whole * MiB))
  // Adler-32 of zeros: a stays 1, b adds 1 per byte.
  const adler = Buffer.alloc(4)
  adler.writeUInt32BE((((length % 65521) << 16) | 1) >>> 0, 0)
  const out = Buffer.alloc(2 + piece.length * whole + rest.length + 4)
  out.set([0x78, 0x9c], 0)
  for (let i = 0; i < whole; i++) out.set(piece, 2 + i * piece.length)
  out.set(rest, 2 + whole * piece.length)
  out.set(adler, out.length - 4)
  return out
}

/** zlib data of the given (filtered) rows, compressed normally. */
export function zlibOf(data: Uint8Array): Buffer {
  return deflateSync(data)
}
