/** The page's side of the decode worker. */
import { workerClient } from '../worker-client'
import type { DecodeReply, DecodeRequest } from './decode-protocol'

/** A failed decode; `code` is an ErrorCode the UI translates. */
export class DecodeError extends Error {
  constructor(readonly code: string) {
    super(code)
    this.name = 'DecodeError'
  }
}

const send = workerClient<DecodeRequest, DecodeReply>('decode.worker.js')

/** Every QR text in an image file's bytes or a captured frame (the frame is transferred, not copied). */
export async function decodeImage(image: Blob | ImageBitmap): Promise<string[]> {
  const reply = await send({ image }, image instanceof ImageBitmap ? [image] : [])
  // No reply: the worker failed (it could not load).
  if (!reply) throw new DecodeError('QR_DECODER_UNAVAILABLE')
  if (!reply.ok) throw new DecodeError(reply.code)
  return reply.texts
}
