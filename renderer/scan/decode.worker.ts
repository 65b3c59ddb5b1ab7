/**
 * Renderer worker: image -> RGBA -> every QR text in it, through the project's one decode pipeline
 * (shared/scan/decode.ts). ZXing's .wasm is copied next to this script at build time and loaded from
 * our own origin, never from a CDN. Decoding here keeps the window responsive on a 4K screen grab.
 */
import { configureZxing, decodeQrCodes, isZxingConfigured } from '../../shared/scan/decode'
import { ImageTooLargeError } from '../../shared/errors'
import { checkImageSize, MAX_IMAGE_FILE_BYTES } from '../../shared/scan/image'
import { checkEncodedImage, sniffImageType } from '../../shared/scan/image-header'
import type { DecodeReply, DecodeRequest } from './decode-protocol'

/** The worker's global scope, as far as we use it (the DOM lib types `self` as a Window). */
interface WorkerScope {
  onmessage: ((e: MessageEvent<DecodeRequest>) => void) | null
  postMessage(message: DecodeReply): void
  location: { href: string }
}
const scope = self as unknown as WorkerScope

const WASM_FILE = 'zxing_reader.wasm'

/** The .wasm bytes from next to this script: fetch, or XHR where fetch refuses file:// (packaged app). */
async function loadWasm(): Promise<ArrayBuffer> {
  const url = new URL(WASM_FILE, scope.location.href).href
  try {
    const response = await fetch(url)
    if (response.ok) return await response.arrayBuffer()
  } catch {
    // fall through to XHR
  }
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('GET', url)
    xhr.responseType = 'arraybuffer'
    xhr.onload = () => (xhr.response instanceof ArrayBuffer ? resolve(xhr.response) : reject(new Error('no wasm')))
    xhr.onerror = () => reject(new Error('The QR decoder could not be loaded.'))
    xhr.send()
  })
}

let ready: Promise<void> | undefined
function ensureDecoder(): Promise<void> {
  ready ??= loadWasm().then((wasmBinary) => {
    if (!isZxingConfigured()) configureZxing({ wasmBinary })
  })
  return ready
}

async function toImageData(source: Blob | ImageBitmap): Promise<ImageData> {
  // A PNG or JPEG is held to its header before the browser decodes it: a small file claiming
  // 30000x30000 pixels would otherwise be allocated in full (gigabytes) before checkImageSize runs.
  if (source instanceof Blob) {
    if (source.size > MAX_IMAGE_FILE_BYTES) throw new ImageTooLargeError('The image file is too large.')
    const bytes = new Uint8Array(await source.arrayBuffer())
    if (sniffImageType(bytes) !== undefined) checkEncodedImage(bytes)
  }
  let bitmap: ImageBitmap
  try {
    bitmap = source instanceof Blob ? await createImageBitmap(source) : source
  } catch {
    throw Object.assign(new Error('Not an image.'), { code: 'NOT_AN_IMAGE' })
  }
  try {
    checkImageSize(bitmap.width, bitmap.height)
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
    const ctx = canvas.getContext('2d', { willReadFrequently: true })
    if (!ctx) throw new Error('No 2D context.')
    ctx.drawImage(bitmap, 0, 0)
    return ctx.getImageData(0, 0, bitmap.width, bitmap.height)
  } finally {
    bitmap.close()
  }
}

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : 'QR_DECODER_UNAVAILABLE'
}

scope.onmessage = (e) => {
  const { id, image } = e.data
  void (async () => {
    try {
      const [pixels] = await Promise.all([toImageData(image), ensureDecoder()])
      const texts = await decodeQrCodes({ data: pixels.data, width: pixels.width, height: pixels.height })
      scope.postMessage({ id, ok: true, texts })
    } catch (error) {
      // Only the code crosses back: a message could quote image content.
      scope.postMessage({ id, ok: false, code: codeOf(error) })
    }
  })()
}
