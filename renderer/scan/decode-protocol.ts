/** Messages between the page and the decode worker. */

/** An image to decode: an encoded file (paste, drop, open) or a captured frame. */
export interface DecodeRequest {
  id: number
  image: Blob | ImageBitmap
}

/** Every QR text found, or the error code of why none could be read. */
export type DecodeReply = { id: number; ok: true; texts: string[] } | { id: number; ok: false; code: string }
