/** PNG and JPEG files to RGBA pixels for the QR decoder; anything else is refused with NotAnImageError. */
import { readFile } from 'node:fs/promises'
import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'
import { ImageTooLargeError, NotAnImageError } from '../../shared/errors'
import { checkImageSize, type RgbaImage } from '../../shared/scan/image'

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** The image kinds we read, told by their first bytes (never by the file name). */
export function sniffImageType(bytes: Uint8Array): 'png' | 'jpeg' | undefined {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'png'
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  return undefined
}

/** Width and height from a PNG's IHDR chunk, read before any pixel is allocated. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4).
  if (bytes.length < 33 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') {
    throw new NotAnImageError('The PNG file is truncated or corrupt (no header).')
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

/** Width and height from a JPEG's SOF marker, read before any pixel is allocated. */
export function jpegSize(bytes: Uint8Array): { width: number; height: number } {
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
      return { height: (bytes[i + 5]! << 8) | bytes[i + 6]!, width: (bytes[i + 7]! << 8) | bytes[i + 8]! }
    }
    if (marker === 0xd9 || marker === 0xda) break
    i += 2 + length
  }
  throw new NotAnImageError('The JPEG file is truncated or corrupt (no frame header).')
}

/** Decodes PNG or JPEG bytes; refuses other data, truncated files and images over 100 megapixels. */
export function decodeImageBytes(bytes: Uint8Array): RgbaImage {
  const type = sniffImageType(bytes)
  if (type === undefined) throw new NotAnImageError('The file is not a PNG or JPEG image.')
  const { width, height } = type === 'png' ? pngSize(bytes) : jpegSize(bytes)
  checkImageSize(width, height)
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  try {
    if (type === 'png') {
      const png = PNG.sync.read(buffer)
      return {
        data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength),
        width: png.width,
        height: png.height,
      }
    }
    // A JPEG ends with EOI (FF D9); without it the file was cut short and would decode to grey.
    if (!hasJpegEnd(bytes)) throw new NotAnImageError('The JPEG file is truncated.')
    const decoded = jpeg.decode(buffer, {
      useTArray: true,
      formatAsRGBA: true,
      tolerantDecoding: false,
      maxResolutionInMP: 100,
      maxMemoryUsageInMB: 1024,
    })
    return { data: decoded.data, width: decoded.width, height: decoded.height }
  } catch (error) {
    if (error instanceof NotAnImageError || error instanceof ImageTooLargeError) throw error
    // Library messages describe the structure only (no pixel or text content).
    const kind = type === 'png' ? 'PNG' : 'JPEG'
    throw new NotAnImageError(`The ${kind} file is truncated or corrupt.`, { cause: error })
  }
}

function hasJpegEnd(bytes: Uint8Array): boolean {
  // Some writers pad after EOI; look in the last few bytes.
  for (let i = bytes.length - 2; i >= Math.max(2, bytes.length - 64); i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true
  }
  return false
}

/** Reads an image file into RGBA pixels (see decodeImageBytes for what is refused). */
export async function readImageFile(path: string): Promise<RgbaImage> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch (error) {
    // The errno code only (ENOENT, EACCES, EISDIR): says why without echoing anything else.
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    throw new NotAnImageError(`The file cannot be read (${code}).`, { cause: error })
  }
  return decodeImageBytes(bytes)
}
