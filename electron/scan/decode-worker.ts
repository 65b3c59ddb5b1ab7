/**
 * The image decode worker (a node:worker_threads Worker started by scan-file.ts, once per image):
 * PNG/JPEG bytes in, QR texts out. Decoding runs here, not on the thread that started it, so a
 * slow or hostile image never freezes the window or the CLI; the starter stops this worker when
 * its time is up, and its heap is capped by the Worker's resourceLimits.
 */
import { parentPort } from 'node:worker_threads'
import { AppError } from '../../shared/errors'
import { decodeQrCodes } from '../../shared/scan/decode'
import type { DecodeReply, DecodeRequest } from './decode-protocol'
import { decodeImageBytes } from './read-image'
import { loadZxingForNode } from './zxing-node'

async function scan(request: DecodeRequest): Promise<DecodeReply> {
  try {
    const image = decodeImageBytes(request.bytes)
    await loadZxingForNode()
    return { ok: true, texts: await decodeQrCodes(image) }
  } catch (error) {
    // Typed errors cross as code and message (their messages never hold a secret); anything else
    // is a decoder bug and crosses without its message, which could quote the file.
    if (error instanceof AppError) return { ok: false, code: error.code, message: error.message }
    return { ok: false, code: 'INTERNAL', message: 'The image decoder failed.' }
  }
}

parentPort?.once('message', (request: DecodeRequest) => {
  void scan(request).then((reply) => parentPort?.postMessage(reply))
})
