/** PNG and JPEG files to RGBA pixels for the QR decoder; anything else is refused with NotAnImageError. */
import { constants as fsConstants } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { inflateSync } from 'node:zlib'
import jpeg from 'jpeg-js'
import { ImageTooLargeError, NotAnImageError } from '../../shared/errors'
import { checkImageSize, MAX_IMAGE_FILE_BYTES, MAX_IMAGE_PIXELS, type RgbaImage } from '../../shared/scan/image'
import { pngPixels } from './png-pixels'

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/**
 * The most inflated PNG data we accept: a 100-megapixel 8-bit RGBA image with one filter byte per
 * row of any shape (4 bytes a pixel, at most 1 more per row). Deeper or wider formats get fewer pixels.
 */
export const MAX_PNG_DATA_BYTES = MAX_IMAGE_PIXELS * 5

/**
 * Deflate's best ratio is 1032:1 (a 258-byte match in 2 bits); compressed data that would have
 * to do better than that to fill its image is cut short, and is refused before anything is
 * allocated for it.
 */
const DEFLATE_MAX_RATIO = 1032

/** The image kinds we read, told by their first bytes (never by the file name). */
export function sniffImageType(bytes: Uint8Array): 'png' | 'jpeg' | undefined {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'png'
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  return undefined
}

/** What a PNG's IHDR says, with the total length of its IDAT chunks. */
export interface PngHeader {
  width: number
  height: number
  depth: number
  colorType: number
  interlace: boolean
  idatBytes: number
}

/** Bit depths each PNG colour type allows (PNG spec, section 11.2.2), and its samples per pixel. */
const PNG_COLOR_TYPES: Record<number, { depths: number[]; channels: number }> = {
  0: { depths: [1, 2, 4, 8, 16], channels: 1 },
  2: { depths: [8, 16], channels: 3 },
  3: { depths: [1, 2, 4, 8], channels: 1 },
  4: { depths: [8, 16], channels: 2 },
  6: { depths: [8, 16], channels: 4 },
}

/**
 * Walks a PNG's chunks without decoding anything: the header must come first and only once (a
 * second IHDR could change the size after it was checked), every chunk must fit in the file, and
 * the data must end with IEND. Sizes over MAX_IMAGE_PIXELS are refused (ImageTooLargeError).
 */
export function pngHeader(bytes: Uint8Array): PngHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const typeAt = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4))
  // Signature (8), IHDR length (4), "IHDR" (4), 13 bytes of data, CRC (4).
  if (bytes.length < 33 || view.getUint32(8) !== 13 || typeAt(12) !== 'IHDR') {
    throw new NotAnImageError('The PNG file is truncated or corrupt (no header).')
  }
  const width = view.getUint32(16)
  const height = view.getUint32(20)
  const [depth, colorType, compression, filter, interlace] = bytes.subarray(24, 29)
  const format = PNG_COLOR_TYPES[colorType!]
  if (format === undefined || !format.depths.includes(depth!) || compression !== 0 || filter !== 0 || interlace! > 1) {
    throw new NotAnImageError('The PNG file uses a format that does not exist (header).')
  }
  // Refused on the header alone, before the rest of the file is even looked at.
  checkImageSize(width, height)
  let idatBytes = 0
  let at = 33
  for (;;) {
    if (at + 12 > bytes.length) throw new NotAnImageError('The PNG file is truncated or corrupt.')
    const length = view.getUint32(at)
    const type = typeAt(at + 4)
    // Chunk lengths are at most 2^31 - 1 (section 5.3); the chunk and its CRC must be in the file.
    if (length > 0x7fffffff || at + 12 + length > bytes.length) {
      throw new NotAnImageError('The PNG file is truncated or corrupt.')
    }
    if (type === 'IHDR') throw new NotAnImageError('The PNG file is corrupt (two headers).')
    if (type === 'IDAT') idatBytes += length
    at += 12 + length
    if (type === 'IEND') break
  }
  return { width, height, depth: depth!, colorType: colorType!, interlace: interlace === 1, idatBytes }
}

/** Width and height from a PNG's IHDR chunk, read before any pixel is allocated. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const { width, height } = pngHeader(bytes)
  return { width, height }
}

/** Adam7's seven passes: first column and row, then the step between them (section 8.2). */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const

/**
 * The exact length of a PNG's inflated image data as its header describes it: each row of each
 * (pass of an interlaced) image is one filter byte and its packed samples. Anything longer is
 * not this image, so inflating stops there.
 */
export function pngDataBytes(
  header: Pick<PngHeader, 'width' | 'height' | 'depth' | 'colorType' | 'interlace'>,
): number {
  const bitsPerPixel = PNG_COLOR_TYPES[header.colorType]!.channels * header.depth
  const rows = (width: number, height: number) =>
    width > 0 && height > 0 ? height * (1 + Math.ceil((width * bitsPerPixel) / 8)) : 0
  if (!header.interlace) return rows(header.width, header.height)
  let total = 0
  for (const [x0, y0, dx, dy] of ADAM7) {
    total += rows(Math.ceil((header.width - x0) / dx), Math.ceil((header.height - y0) / dy))
  }
  return total
}

/** What a JPEG's frame header (SOF) says: size and each component's sampling factors. */
export interface JpegFrame {
  width: number
  height: number
  components: { h: number; v: number }[]
}

/** The frame header of a JPEG, read before any pixel is allocated. */
export function jpegFrame(bytes: Uint8Array): JpegFrame {
  let i = 2
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) throw new NotAnImageError('The JPEG file is corrupt (bad marker).')
    const marker = bytes[i + 1]!
    if (marker === 0xff) {
      i++
      continue
    }
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = (bytes[i + 5]! << 8) | bytes[i + 6]!
      const width = (bytes[i + 7]! << 8) | bytes[i + 8]!
      const count = bytes[i + 9]!
      if (count < 1 || count > 4 || length !== 8 + 3 * count || i + 10 + 3 * count > bytes.length) {
        throw new NotAnImageError('The JPEG file is corrupt (frame header).')
      }
      const components = []
      for (let c = 0; c < count; c++) {
        const sampling = bytes[i + 11 + 3 * c]!
        const h = sampling >> 4
        const v = sampling & 15
        // T.81 section B.2.2: sampling factors are 1 to 4.
        if (h < 1 || h > 4 || v < 1 || v > 4) throw new NotAnImageError('The JPEG file is corrupt (frame header).')
        components.push({ h, v })
      }
      return { width, height, components }
    }
    if (marker === 0xd9 || marker === 0xda) break
    i += 2 + length
  }
  throw new NotAnImageError('The JPEG file is truncated or corrupt (no frame header).')
}

/** Width and height from a JPEG's SOF marker, read before any pixel is allocated. */
export function jpegSize(bytes: Uint8Array): { width: number; height: number } {
  const { width, height } = jpegFrame(bytes)
  return { width, height }
}

/**
 * The most memory jpeg-js may need for one image, by our estimate: about 1 GiB allows 38
 * megapixels without chroma subsampling, 75 with the usual 4:2:0. jpeg-js keeps every 8x8 block
 * of every component as its own Int32Array (measured at about 500 bytes each), so a 100-megapixel
 * frame header alone made it allocate about 2 GB before it noticed the data was missing.
 */
export const MAX_JPEG_DECODE_BYTES = 1024 * 1024 * 1024
const JPEG_BYTES_PER_BLOCK = 512

/** 8x8 blocks per component as jpeg-js lays them out (whole MCUs), and as the data must code them. */
function jpegBlocks(frame: JpegFrame): { allocated: number; coded: number[] } {
  const maxH = Math.max(...frame.components.map((c) => c.h))
  const maxV = Math.max(...frame.components.map((c) => c.v))
  const mcusPerLine = Math.ceil(frame.width / 8 / maxH)
  const mcusPerColumn = Math.ceil(frame.height / 8 / maxV)
  let allocated = 0
  const coded = []
  for (const { h, v } of frame.components) {
    allocated += mcusPerLine * h * mcusPerColumn * v
    coded.push(Math.ceil((Math.ceil(frame.width / 8) * h) / maxH) * Math.ceil((Math.ceil(frame.height / 8) * v) / maxV))
  }
  return { allocated, coded }
}

/**
 * Decodes PNG or JPEG bytes; refuses other data, truncated files and images over 100 megapixels.
 * Everything the work will need is bounded by the header before it starts: a PNG is inflated to
 * at most the exact length its header implies, a JPEG decoder gets a pixel and memory cap.
 */
export function decodeImageBytes(bytes: Uint8Array): RgbaImage {
  const type = sniffImageType(bytes)
  if (type === undefined) throw new NotAnImageError('The file is not a PNG or JPEG image.')
  return type === 'png' ? decodePng(bytes) : decodeJpeg(bytes)
}

function decodePng(bytes: Uint8Array): RgbaImage {
  const header = pngHeader(bytes)
  const dataBytes = pngDataBytes(header)
  if (dataBytes > MAX_PNG_DATA_BYTES) {
    throw new ImageTooLargeError(
      `The image is ${header.width}x${header.height} at ${header.depth} bits: too large to decode.`,
    )
  }
  if (dataBytes > header.idatBytes * DEFLATE_MAX_RATIO + 1024) {
    throw new NotAnImageError('The PNG file is truncated or corrupt (too little pixel data for its size).')
  }
  const inflate = (zlibData: Buffer): Buffer => {
    try {
      // Never more than the header implies: a small file cannot inflate to gigabytes.
      return inflateSync(zlibData, { maxOutputLength: Math.max(dataBytes, 1), chunkSize: chunkSizeFor(dataBytes) })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new NotAnImageError('The PNG file is corrupt (more pixel data than its size).', { cause: error })
      }
      throw new NotAnImageError('The PNG file is truncated or corrupt.', { cause: error })
    }
  }
  try {
    const png = pngPixels(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), inflate)
    if (png.width !== header.width || png.height !== header.height || png.inflatedBytes !== dataBytes) {
      throw new NotAnImageError('The PNG file is truncated or corrupt.')
    }
    return { data: png.data, width: png.width, height: png.height }
  } catch (error) {
    if (error instanceof NotAnImageError || error instanceof ImageTooLargeError) throw error
    // Library messages describe the structure only (no pixel or text content).
    throw new NotAnImageError('The PNG file is truncated or corrupt.', { cause: error })
  }
}

/** One output buffer for the whole image when it is small enough, so inflating never copies it twice. */
function chunkSizeFor(dataBytes: number): number {
  return Math.min(Math.max(dataBytes, 64), 64 * 1024 * 1024)
}

function decodeJpeg(bytes: Uint8Array): RgbaImage {
  const frame = jpegFrame(bytes)
  const { width, height } = frame
  checkImageSize(width, height)
  const blocks = jpegBlocks(frame)
  if (blocks.allocated * JPEG_BYTES_PER_BLOCK + width * height * 4 > MAX_JPEG_DECODE_BYTES) {
    throw new ImageTooLargeError(`The JPEG image is ${width}x${height}: too large to decode.`)
  }
  // Every block of a component is coded in at least 1 bit (its DC difference), so a file too
  // short for that is cut or made up; refused before jpeg-js allocates the blocks.
  if (Math.min(...blocks.coded) > bytes.length * 8) {
    throw new NotAnImageError('The JPEG file is truncated or corrupt (too little data for its size).')
  }
  // A JPEG ends with EOI (FF D9); without it the file was cut short and would decode to grey.
  if (!hasJpegEnd(bytes)) throw new NotAnImageError('The JPEG file is truncated.')
  try {
    const decoded = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      tolerantDecoding: false,
      maxResolutionInMP: MAX_IMAGE_PIXELS / 1_000_000,
      maxMemoryUsageInMB: 1024,
    })
    checkImageSize(decoded.width, decoded.height)
    return { data: decoded.data, width: decoded.width, height: decoded.height }
  } catch (error) {
    if (error instanceof NotAnImageError || error instanceof ImageTooLargeError) throw error
    // jpeg-js refuses over its caps with a message naming them.
    if (error instanceof Error && /maxMemoryUsageInMB|maxResolutionInMP|allocate enough memory/.test(error.message)) {
      throw new ImageTooLargeError('The JPEG image needs more memory to decode than the app allows.', {
        cause: error,
      })
    }
    // Library messages describe the structure only (no pixel or text content).
    throw new NotAnImageError('The JPEG file is truncated or corrupt.', { cause: error })
  }
}

function hasJpegEnd(bytes: Uint8Array): boolean {
  // Some writers pad after EOI; look in the last few bytes.
  for (let i = bytes.length - 2; i >= Math.max(2, bytes.length - 64); i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true
  }
  return false
}

/**
 * Reads an image file's bytes: a regular file of at most MAX_IMAGE_FILE_BYTES, opened without
 * blocking (a FIFO must not hang the reader waiting for a writer), sized from the open handle.
 */
export async function readImageBytes(path: string): Promise<Uint8Array> {
  let handle: FileHandle
  try {
    handle = await open(path, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0))
  } catch (error) {
    throw new NotAnImageError(`The file cannot be read (${errnoOf(error)}).`, { cause: error })
  }
  try {
    const info = await handle.stat()
    if (info.isDirectory()) throw new NotAnImageError('The file cannot be read (EISDIR).')
    if (!info.isFile()) throw new NotAnImageError('That is not a regular file.')
    if (info.size > MAX_IMAGE_FILE_BYTES) {
      throw new ImageTooLargeError(`The image file is larger than ${MAX_IMAGE_FILE_BYTES / 1024 / 1024} MB.`)
    }
    const bytes = new Uint8Array(info.size)
    let length = 0
    while (length < bytes.length) {
      const { bytesRead } = await handle.read(bytes, length, bytes.length - length, length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    return bytes.subarray(0, length)
  } catch (error) {
    if (error instanceof NotAnImageError || error instanceof ImageTooLargeError) throw error
    throw new NotAnImageError(`The file cannot be read (${errnoOf(error)}).`, { cause: error })
  } finally {
    await handle.close()
  }
}

/** The errno code only (ENOENT, EACCES, EISDIR): says why without echoing anything else. */
function errnoOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'unknown error'
}

/** Reads an image file into RGBA pixels (see decodeImageBytes for what is refused). */
export async function readImageFile(path: string): Promise<RgbaImage> {
  return decodeImageBytes(await readImageBytes(path))
}
