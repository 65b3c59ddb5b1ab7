/** One image file to its QR texts: read (PNG/JPEG), load ZXing from the package, decode. */
import { NotAnImageError } from '../../shared/errors'
import { decodeQrCodes } from '../../shared/scan/decode'
import { decodeImageBytes } from './read-image'
import { readFile } from 'node:fs/promises'
import { loadZxingForNode } from './zxing-node'

/** Every QR text in the file; throws NotAnImageError / ImageTooLargeError for files we cannot use. */
export async function scanImageFile(path: string): Promise<string[]> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    throw new NotAnImageError(`The file cannot be read (${code}).`, { cause: error })
  }
  const image = decodeImageBytes(bytes)
  await loadZxingForNode()
  return decodeQrCodes(image)
}
