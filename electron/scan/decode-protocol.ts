/** Messages between scan-file.ts and the image decode worker (decode-worker.ts). */
import type { ErrorCode } from '../../shared/errors'

/** One image to decode: its file's bytes (transferred, not copied). */
export interface DecodeRequest {
  bytes: Uint8Array
}

/** The QR texts found, or the typed error's code and message. */
export type DecodeReply = { ok: true; texts: string[] } | { ok: false; code: ErrorCode | 'INTERNAL'; message: string }
