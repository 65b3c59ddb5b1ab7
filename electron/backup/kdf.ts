/**
 * Password hashing for backups in a worker thread (kdf-worker.ts) that can be stopped: the import
 * passes an AbortSignal, and "Start over", leaving the screen or a second password try terminates
 * the thread at once. The cost is bounded here too, whatever the caller read from a file.
 */
import { pbkdf2, scrypt } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { BackupKdfTooCostlyError, UsageError } from '../../shared/errors'
import { checkScryptCost } from '../../shared/formats/aegis'

/** One run: scrypt (Aegis) or PBKDF2-HMAC-SHA256 (2FAS); always a 32-byte key. */
export type KdfRequest =
  | { kind: 'scrypt'; password: string; salt: Uint8Array; n: number; r: number; p: number }
  | { kind: 'pbkdf2'; password: string; salt: Uint8Array; iterations: number }

/** The worker's answer. */
export type KdfReply = { ok: true; key: Uint8Array } | { ok: false; code: string }

/** The most PBKDF2 rounds we run: 10x 2FAS's 10,000 (it is fixed by the format, not read from files). */
export const MAX_PBKDF2_ITERATIONS = 100_000

/** Thrown when the signal ends a run (the import was discarded or replaced by a newer try). */
export function cancelledError(): UsageError {
  return new UsageError('The import was cancelled.')
}

/**
 * The worker's file: beside the bundle (dist/cli, dist/electron: build/bundle.mjs writes
 * kdf-worker.cjs there), else the TypeScript source (tests, benches), which Node runs by stripping
 * its types, or through tsx on a Node without that.
 */
function workerScript(): { filename: string; execArgv?: string[] } {
  const here = typeof __dirname === 'string' ? __dirname : join(process.cwd(), 'electron', 'backup')
  const built = join(here, 'kdf-worker.cjs')
  if (existsSync(built)) return { filename: built }
  const strips = Boolean((process.features as { typescript?: unknown }).typescript)
  return { filename: join(here, 'kdf-worker.ts'), ...(strips ? {} : { execArgv: ['--import', 'tsx'] }) }
}

function checkCost(request: KdfRequest): void {
  if (request.kind === 'scrypt') checkScryptCost(request)
  else if (
    !Number.isSafeInteger(request.iterations) ||
    request.iterations < 1 ||
    request.iterations > MAX_PBKDF2_ITERATIONS
  ) {
    throw new BackupKdfTooCostlyError(`PBKDF2 with ${request.iterations} rounds is beyond what Warifu runs.`)
  }
}

let liveWorkers = 0

/** Worker threads alive now (tests check that a cancelled run really ended). */
export function liveKdfWorkers(): number {
  return liveWorkers
}

/**
 * Runs this short are not worth a thread (one costs ~30 ms to start): 2FAS's fixed 10,000 PBKDF2
 * rounds and tests' small scrypt costs take a few ms on libuv's pool and are over before a cancel.
 */
const SHORT_SCRYPT_WORK = 2 ** 14
const SHORT_PBKDF2_ITERATIONS = 20_000

function isShort(request: KdfRequest): boolean {
  return request.kind === 'scrypt'
    ? request.n * request.r * request.p <= SHORT_SCRYPT_WORK
    : request.iterations <= SHORT_PBKDF2_ITERATIONS
}

function deriveInProcess(request: KdfRequest): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, key: Buffer) => (error ? reject(error) : resolve(key))
    if (request.kind === 'pbkdf2') pbkdf2(request.password, request.salt, request.iterations, 32, 'sha256', done)
    else scrypt(request.password, request.salt, 32, { N: request.n, r: request.r, p: request.p }, done)
  })
}

/**
 * Runs one KDF, in a fresh worker thread unless it is short; `signal` terminates the thread and
 * rejects with cancelledError().
 */
export async function deriveKey(request: KdfRequest, signal?: AbortSignal): Promise<Buffer> {
  checkCost(request)
  if (signal?.aborted) throw cancelledError()
  if (isShort(request)) {
    const key = await deriveInProcess(request)
    if (signal?.aborted) throw cancelledError()
    return key
  }
  return new Promise((resolve, reject) => {
    const { filename, execArgv } = workerScript()
    const worker = new Worker(filename, { workerData: request, ...(execArgv ? { execArgv } : {}) })
    liveWorkers++
    worker.once('exit', () => liveWorkers--)
    let settled = false
    const finish = (error: Error | undefined, key?: Buffer) => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      void worker.terminate()
      if (error) reject(error)
      else resolve(key!)
    }
    const onAbort = () => finish(cancelledError())
    signal?.addEventListener('abort', onAbort, { once: true })
    worker.once('message', (reply: KdfReply) => {
      if (reply.ok) finish(undefined, Buffer.from(reply.key.buffer, reply.key.byteOffset, reply.key.byteLength))
      else finish(new Error(`Password hashing failed (${reply.code}).`))
    })
    worker.once('error', (error) => finish(error))
    worker.once('exit', () => finish(new Error('The password-hashing worker ended without an answer.')))
  })
}
