/**
 * Worker thread: one password-hashing run (scrypt or PBKDF2) for kdf.ts. It runs here, not on
 * libuv's pool, so a run that "Start over" or a second try ends is really stopped (the thread is
 * terminated) and keychain calls never wait behind it. Imports nothing of ours: bundled alone, and
 * runnable from source by Node's type stripping.
 */
import { pbkdf2Sync, scryptSync } from 'node:crypto'
import { parentPort, workerData } from 'node:worker_threads'
import type { KdfRequest, KdfReply } from './kdf'

function run(request: KdfRequest): KdfReply {
  try {
    const key =
      request.kind === 'scrypt'
        ? scryptSync(request.password, request.salt, 32, {
            N: request.n,
            r: request.r,
            p: request.p,
            // 128·N·r bytes plus room; kdf.ts has already bounded the cost.
            maxmem: 256 * request.n * request.r + 16 * 1024 * 1024,
          })
        : pbkdf2Sync(request.password, request.salt, request.iterations, 32, 'sha256')
    return { ok: true, key: new Uint8Array(key) }
  } catch (error) {
    // Node's messages name parameters only, never the password; the code is enough to report.
    return { ok: false, code: (error as { code?: string }).code ?? 'ERR_KDF' }
  }
}

parentPort?.postMessage(run(workerData as KdfRequest))
