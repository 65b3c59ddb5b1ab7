/** PNG and JPEG files to RGBA pixels for the QR decoder; anything else is refused with NotAnImageError. */
import { inflateSync } from 'node:zlib'
import jpeg from 'jpeg-js'
import { ImageTooLargeError, NotAnImageError } from '../../shared/errors'
import { MAX_IMAGE_FILE_BYTES, MAX_IMAGE_PIXELS, type RgbaImage } from '../../shared/scan/image'
import { checkEncodedImage, type JpegFrame, type PngHeader } from '../../shared/scan/image-header'
import { readRegularFile } from '../files/read-regular-file'
import { pngPixels } from './png-pixels'

// The header checks live in shared/ (the renderer's worker runs them too); these stay importable here.
export { jpegSize, pngDataBytes, pngHeader, pngSize, sniffImageType } from '../../shared/scan/image-header'

/**
 * Decodes PNG or JPEG bytes; refuses other data, truncated files and images over 100 megapixels.
 * Everything the work will need is bounded by the header before it starts (checkEncodedImage): a
 * PNG is inflated to at most the exact length its header implies, a JPEG decoder gets a pixel and
 * memory cap.
 */
export function decodeImageBytes(bytes: Uint8Array): RgbaImage {
  const image = checkEncodedImage(bytes)
  return image.type === 'png' ? decodePng(bytes, image.header, image.dataBytes) : decodeJpeg(bytes, image.frame)
}

function decodePng(bytes: Uint8Array, header: PngHeader, dataBytes: number): RgbaImage {
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

function decodeJpeg(bytes: Uint8Array, frame: JpegFrame): RgbaImage {
  try {
    const decoded = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      tolerantDecoding: false,
      maxResolutionInMP: MAX_IMAGE_PIXELS / 1_000_000,
      maxMemoryUsageInMB: 1024,
    })
    // The bounds were worked out from this frame header: the pixels must be of that frame.
    if (decoded.width !== frame.width || decoded.height !== frame.height) {
      throw new NotAnImageError('The JPEG file is corrupt (frame header).')
    }
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

/**
 * Reads an image file's bytes: a regular file of at most MAX_IMAGE_FILE_BYTES (the shared
 * reader opens it without blocking and sizes it from the open handle), in the scan's own words.
 */
export async function readImageBytes(path: string): Promise<Uint8Array> {
  try {
    return await readRegularFile(path, {
      maxBytes: MAX_IMAGE_FILE_BYTES,
      unreadable: (_message, cause, reason) =>
        reason === 'not-regular'
          ? new NotAnImageError('That is not a regular file.')
          : new NotAnImageError(`The file cannot be read (${reason === 'folder' ? 'EISDIR' : errnoOf(cause)}).`, {
              cause,
            }),
      tooLarge: () => new ImageTooLargeError(`The image file is larger than ${MAX_IMAGE_FILE_BYTES / 1024 / 1024} MB.`),
    })
  } catch (error) {
    if (error instanceof NotAnImageError || error instanceof ImageTooLargeError) throw error
    // A read that fails after the open (EIO, a file gone from under us).
    throw new NotAnImageError(`The file cannot be read (${errnoOf(error)}).`, { cause: error })
  }
}

function errnoOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'unknown error'
}

/** Reads an image file into RGBA pixels (see decodeImageBytes for what is refused). */
export async function readImageFile(path: string): Promise<RgbaImage> {
  return decodeImageBytes(await readImageBytes(path))
}
