/** The page's side of the decode worker: one worker, started on first use, requests matched by id. */
import type { DecodeReply, DecodeRequest } from './decode-protocol'

/** A failed decode; `code` is an ErrorCode the UI translates. */
export class DecodeError extends Error {
  constructor(readonly code: string) {
    super(code)
    this.name = 'DecodeError'
  }
}

let worker: Worker | undefined
let nextId = 1
const pending = new Map<number, { resolve(texts: string[]): void; reject(error: DecodeError): void }>()

function getWorker(): Worker {
  if (worker) return worker
  worker = new Worker('decode.worker.js')
  worker.onmessage = (e: MessageEvent<DecodeReply>) => {
    const reply = e.data
    const waiter = pending.get(reply.id)
    if (!waiter) return
    pending.delete(reply.id)
    if (reply.ok) waiter.resolve(reply.texts)
    else waiter.reject(new DecodeError(reply.code))
  }
  worker.onerror = () => {
    for (const waiter of pending.values()) waiter.reject(new DecodeError('QR_DECODER_UNAVAILABLE'))
    pending.clear()
    worker?.terminate()
    worker = undefined
  }
  return worker
}

/** Every QR text in an image file's bytes or a captured frame (the frame is transferred, not copied). */
export function decodeImage(image: Blob | ImageBitmap): Promise<string[]> {
  const id = nextId++
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject })
    const request: DecodeRequest = { id, image }
    getWorker().postMessage(request, image instanceof ImageBitmap ? [image] : [])
  })
}
