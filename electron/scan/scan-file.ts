/**
 * One image file to its QR texts: read (PNG/JPEG) here, decode in a worker thread with a time and
 * heap limit. Main's event loop (and the CLI's) keeps running while an image decodes, and an image
 * that takes too long is stopped, not waited for.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import {
  type AppError,
  ImageDecodeTimeoutError,
  ImageTooLargeError,
  NotAnImageError,
  QrDecoderUnavailableError,
  UsageError,
} from '../../shared/errors'
import type { DecodeReply, DecodeRequest } from './decode-protocol'
import { jpegSize, pngSize, readImageBytes, sniffImageType } from './read-image'

/** How long one image may take to decode and scan: a 100-megapixel screenshot takes a few seconds. */
export const DECODE_TIME_LIMIT_MS = 30_000

/**
 * The worker's JavaScript heap. Pixels live in buffers outside it, and those are bounded by the
 * header checks (shared/scan/image-header.ts) before they are allocated; this catches whatever
 * else grows (jpeg-js keeps each 8x8 block as its own object).
 */
const WORKER_HEAP_MB = 512

/** What scanImageBytes may be told (tests pass their own timer). */
export interface ScanOptions {
  timeLimitMs?: number
  /** The worker's JavaScript heap in MB (default WORKER_HEAP_MB). */
  heapLimitMb?: number
  /** Starts the time limit; returns a function that cancels it. */
  startTimer?: (onTimeout: () => void, ms: number) => () => void
  /** Stops the scan (waiting or decoding: the worker is ended); it rejects with scanCancelledError(). */
  signal?: AbortSignal
  /** Told the image's size (from its header) just before it decodes, for a progress line. */
  onDecode?: (size: { width: number; height: number }) => void
}

/** The scan was stopped through its AbortSignal (an import cancelled while it read an image). */
export function scanCancelledError(): UsageError {
  return new UsageError('The image scan was cancelled.')
}

const realTimer = (onTimeout: () => void, ms: number) => {
  const timer = setTimeout(onTimeout, ms)
  return () => clearTimeout(timer)
}

/** Every QR text in the file; throws NotAnImageError / ImageTooLargeError / ImageDecodeTimeoutError. */
export async function scanImageFile(file: string, options: ScanOptions = {}): Promise<string[]> {
  // A fresh buffer of our own: handed to the worker, not copied.
  return scanInWorker(await readImageBytes(file), options)
}

/** Every QR text in PNG or JPEG bytes, decoded in a worker thread (from a copy: `bytes` stay usable). */
export function scanImageBytes(bytes: Uint8Array, options: ScanOptions = {}): Promise<string[]> {
  // new Uint8Array copies (a Buffer's slice() would be a view of it, perhaps of Node's shared pool).
  return scanInWorker(new Uint8Array(bytes), options)
}

/**
 * The decode before this one (resolved when it is over). One image decodes at a time: each may
 * use up to about 1 GB at the caps, and two imports at once must not make that 2 GB.
 */
let previousDecode: Promise<void> = Promise.resolve()

/** Waits for its turn, then decodes in a new worker; `bytes` must own its whole ArrayBuffer. */
async function scanInWorker(bytes: Uint8Array, options: ScanOptions): Promise<string[]> {
  const previous = previousDecode
  let release!: () => void
  previousDecode = new Promise((resolve) => (release = resolve))
  try {
    await untilOrAborted(previous, options.signal)
    return await decodeInWorker(bytes, options)
  } finally {
    // A scan cancelled while it waited still hands over only once the one before it is done.
    void previous.then(release)
  }
}

function untilOrAborted(turn: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return turn
  if (signal.aborted) return Promise.reject(scanCancelledError())
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(scanCancelledError())
    signal.addEventListener('abort', onAbort, { once: true })
    void turn.then(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    })
  })
}

/** Decodes in a new worker, which `bytes`' ArrayBuffer is moved to; ends it when done, late or aborted. */
function decodeInWorker(bytes: Uint8Array, options: ScanOptions): Promise<string[]> {
  if (options.signal?.aborted) return Promise.reject(scanCancelledError())
  const size = options.onDecode && headerSize(bytes)
  if (size) options.onDecode?.(size)
  const { filename, execArgv } = workerScript()
  const worker = new Worker(filename, {
    execArgv,
    resourceLimits: { maxOldGenerationSizeMb: options.heapLimitMb ?? WORKER_HEAP_MB },
    stdout: false,
    stderr: false,
  })
  return new Promise<string[]>((resolve, reject) => {
    let settled = false
    const settle = (outcome: () => void) => {
      if (settled) return
      settled = true
      cancelTimer()
      options.signal?.removeEventListener('abort', onAbort)
      // The worker holds the decoded pixels: ending it frees them at once.
      void worker.terminate()
      outcome()
    }
    const cancelTimer = (options.startTimer ?? realTimer)(() => {
      settle(() =>
        reject(
          new ImageDecodeTimeoutError(
            `The image took over ${(options.timeLimitMs ?? DECODE_TIME_LIMIT_MS) / 1000} s to decode; it was stopped.`,
          ),
        ),
      )
    }, options.timeLimitMs ?? DECODE_TIME_LIMIT_MS)
    const onAbort = () => settle(() => reject(scanCancelledError()))
    options.signal?.addEventListener('abort', onAbort, { once: true })
    worker.once('message', (reply: DecodeReply) => {
      settle(() => (reply.ok ? resolve(reply.texts) : reject(errorFromReply(reply))))
    })
    worker.once('error', (error: NodeJS.ErrnoException) => {
      settle(() => reject(workerFailure(error)))
    })
    worker.once('exit', () => {
      settle(() => reject(new NotAnImageError('The image decoder stopped before it finished.')))
    })
    const request: DecodeRequest = { bytes }
    worker.postMessage(request, [bytes.buffer as ArrayBuffer])
  })
}

/** The size a PNG or JPEG header claims, or undefined when it cannot be read (the worker then says why). */
function headerSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  try {
    const type = sniffImageType(bytes)
    if (type === 'png') return pngSize(bytes)
    if (type === 'jpeg') return jpegSize(bytes)
  } catch {
    // A damaged header: the decode reports it with its typed error.
  }
  return undefined
}

/** Why the worker itself failed: out of heap (the image's fault), its script missing (ours), or a crash. */
function workerFailure(error: NodeJS.ErrnoException): AppError {
  if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new ImageTooLargeError('The image needs more memory to decode than the app allows.', { cause: error })
  }
  if (error.code === 'MODULE_NOT_FOUND' || error.code === 'ERR_MODULE_NOT_FOUND') {
    return new QrDecoderUnavailableError('The image decoder could not be started.', { cause: error })
  }
  return new NotAnImageError('The image could not be decoded.', { cause: error })
}

function errorFromReply(reply: Extract<DecodeReply, { ok: false }>): AppError {
  switch (reply.code) {
    case 'IMAGE_TOO_LARGE':
      return new ImageTooLargeError(reply.message)
    case 'QR_DECODER_UNAVAILABLE':
      return new QrDecoderUnavailableError(reply.message)
    case 'NOT_AN_IMAGE':
      return new NotAnImageError(reply.message)
    default:
      // A decoder bug, not the file's fault alone; the user still learns the image cannot be read.
      return new NotAnImageError('The image could not be decoded.')
  }
}

/**
 * The worker's script: built beside this code (dist/cli, dist/electron: build/bundle.mjs writes
 * decode-worker.cjs next to the bundle), else the TypeScript source through tsx (tests, benches).
 */
function workerScript(): { filename: string; execArgv?: string[] } {
  const here = typeof __dirname === 'string' ? __dirname : path.join(process.cwd(), 'electron', 'scan')
  const built = path.join(here, 'decode-worker.cjs')
  if (existsSync(built)) return { filename: built }
  return { filename: path.join(here, 'decode-worker.ts'), execArgv: ['--import', 'tsx'] }
}
