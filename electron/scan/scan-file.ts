/** One image file to its QR texts: read (PNG/JPEG), load ZXing from the package, decode. */
import { decodeQrCodes } from '../../shared/scan/decode'
import { readImageFile } from './read-image'
import { loadZxingForNode } from './zxing-node'

/** Every QR text in the file; throws NotAnImageError / ImageTooLargeError for files we cannot use. */
export async function scanImageFile(path: string): Promise<string[]> {
  const image = await readImageFile(path)
  await loadZxingForNode()
  return decodeQrCodes(image)
}
