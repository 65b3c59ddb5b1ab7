/**
 * What an encoded PNG or JPEG says about itself, read before any pixel is decoded: the checks both
 * decoders (pngjs/jpeg-js in main's worker, the browser's in the renderer's) run first, so that a
 * file whose header promises more than we decode, or more than its data could hold, is refused
 * before anything is allocated for it. Pure TypeScript: it runs in both worlds.
 */
import { ImageTooLargeError, NotAnImageError } from '../errors'
import { checkImageSize, MAX_IMAGE_PIXELS } from './image'

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
export const DEFLATE_MAX_RATIO = 1032

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
export const ADAM7 = [
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
export function jpegBlocks(frame: JpegFrame): { allocated: number; coded: number[] } {
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

/** What checkEncodedImage found: the kind, and the header the decoder will be held to. */
export type EncodedImage = { type: 'png'; header: PngHeader; dataBytes: number } | { type: 'jpeg'; frame: JpegFrame }

/**
 * Every refusal the header alone allows: not PNG/JPEG, over 100 megapixels, more working memory
 * than we decode with, or too little data for the size it claims (cut short or made up).
 */
export function checkEncodedImage(bytes: Uint8Array): EncodedImage {
  const type = sniffImageType(bytes)
  if (type === undefined) throw new NotAnImageError('The file is not a PNG or JPEG image.')
  if (type === 'png') {
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
    return { type, header, dataBytes }
  }
  const frame = jpegFrame(bytes)
  const { width, height } = frame
  checkImageSize(width, height)
  const blocks = jpegBlocks(frame)
  if (blocks.allocated * JPEG_BYTES_PER_BLOCK + width * height * 4 > MAX_JPEG_DECODE_BYTES) {
    throw new ImageTooLargeError(`The JPEG image is ${width}x${height}: too large to decode.`)
  }
  // Every block of a component is coded in at least 1 bit (its DC difference), so a file too
  // short for that is cut or made up.
  if (Math.min(...blocks.coded) > bytes.length * 8) {
    throw new NotAnImageError('The JPEG file is truncated or corrupt (too little data for its size).')
  }
  // A JPEG ends with EOI (FF D9); without it the file was cut short and would decode to grey.
  if (!hasJpegEnd(bytes)) throw new NotAnImageError('The JPEG file is truncated.')
  return { type, frame }
}

function hasJpegEnd(bytes: Uint8Array): boolean {
  // Some writers pad after EOI; look in the last few bytes.
  for (let i = bytes.length - 2; i >= Math.max(2, bytes.length - 64); i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true
  }
  return false
}
