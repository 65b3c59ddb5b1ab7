/** RGBA pixels as every image source hands them to the QR decoder (ImageData has this shape). */
import { ImageTooLargeError, NotAnImageError } from '../errors'

/** Straight RGBA, 4 bytes per pixel, rows top to bottom without padding. */
export interface RgbaImage {
  data: Uint8ClampedArray | Uint8Array
  width: number
  height: number
}

/** The largest image we decode: 100 megapixels (a 7680x4320 screen is 33). */
export const MAX_IMAGE_PIXELS = 100_000_000

/** The largest image file we read (a 100-megapixel PNG screenshot is far smaller). */
export const MAX_IMAGE_FILE_BYTES = 50 * 1024 * 1024

/** Refuses dimensions over MAX_IMAGE_PIXELS before anything is allocated for them. */
export function checkImageSize(width: number, height: number): void {
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1) {
    throw new NotAnImageError('The image has no usable size.')
  }
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new ImageTooLargeError(`The image is ${width}x${height}: over the 100-megapixel limit.`)
  }
}

/** Checks an RgbaImage's shape: sane size, within the limit, and exactly 4 bytes per pixel. */
export function checkRgbaImage(image: RgbaImage): void {
  checkImageSize(image.width, image.height)
  if (image.data.length !== image.width * image.height * 4) {
    throw new NotAnImageError('The pixel data does not match the image size.')
  }
}

/** 8-bit luminance (BT.601 weights, as ZXing uses), one byte per pixel. */
export function toGrey(image: RgbaImage): Uint8Array {
  const { data } = image
  const n = image.width * image.height
  const out = new Uint8Array(n)
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    out[i] = (306 * data[j]! + 601 * data[j + 1]! + 117 * data[j + 2]! + 512) >> 10
  }
  return out
}

/** True when some pixel is not fully opaque. */
export function hasTransparency(image: RgbaImage): boolean {
  const { data } = image
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) return true
  return false
}

/**
 * The image composited onto white, as a viewer shows it: a saved QR code often has black modules
 * on a transparent background, whose pixels are (0, 0, 0, 0) and would read as black.
 */
export function flattenOnWhite(image: RgbaImage): RgbaImage {
  const { data } = image
  const out = new Uint8ClampedArray(data.length)
  for (let i = 0; i < data.length; i += 4) {
    const a = data[i + 3]!
    const white = 255 * (255 - a)
    out[i] = (data[i]! * a + white) / 255
    out[i + 1] = (data[i + 1]! * a + white) / 255
    out[i + 2] = (data[i + 2]! * a + white) / 255
    out[i + 3] = 255
  }
  return { data: out, width: image.width, height: image.height }
}
