/** Base64, hex and UTF-8 for pure code (shared/ has neither Buffer nor atob); strict, so a flipped character is caught. */
import { BackupCorruptError } from '../errors'

// Both exist in Node and in browsers; shared/ compiles without either world's type library.
declare const TextDecoder: new (label: string, options: { fatal: boolean }) => { decode(bytes: Uint8Array): string }
declare const TextEncoder: new () => { encode(text: string): Uint8Array }

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]))

/** Standard base64 with padding. */
export function base64Encode(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!
    const b = bytes[i + 1]
    const c = bytes[i + 2]
    out += B64[a >> 2]! + B64[((a & 3) << 4) | ((b ?? 0) >> 4)]!
    out += b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)]!
    out += c === undefined ? '=' : B64[c & 63]!
  }
  return out
}

/**
 * Strict standard base64 (padding required when `padded`, optional otherwise); `what` names the
 * field in the error. Unused low bits must be zero, so every character change is detected.
 */
export function base64Decode(text: string, what: string, padded = true): Uint8Array {
  const bad = () => new BackupCorruptError(`The ${what} is not valid base64.`)
  const pad = /=*$/.exec(text)![0].length
  if (pad > 2) throw bad()
  const body = text.slice(0, text.length - pad)
  if (padded ? text.length % 4 !== 0 : pad > 0 && text.length % 4 !== 0) throw bad()
  if (body.length % 4 === 1) throw bad()
  const out = new Uint8Array(Math.floor((body.length * 3) / 4))
  let acc = 0
  let bits = 0
  let o = 0
  for (const ch of body) {
    const v = B64_INDEX.get(ch)
    if (v === undefined) throw bad()
    acc = (acc << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (acc >> bits) & 0xff
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) throw bad()
  return out
}

/** Lower-case hex. */
export function hexEncode(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += b.toString(16).padStart(2, '0')
  return out
}

/** Lower-case hex of exactly `length` bytes, as Aegis writes it; anything else is a damaged file. */
export function hexDecode(text: unknown, length: number, what: string): Uint8Array {
  if (typeof text !== 'string' || text.length !== length * 2 || !/^[0-9a-f]*$/.test(text)) {
    throw new BackupCorruptError(`The ${what} is missing or damaged.`)
  }
  const out = new Uint8Array(length)
  for (let i = 0; i < length; i++) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16)
  return out
}

/** UTF-8 bytes to text; invalid UTF-8 is a damaged file, not a string with replacement characters. */
export function utf8Decode(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new BackupCorruptError(`The ${what} is not valid UTF-8 text.`)
  }
}

/** Text to UTF-8 bytes. */
export function utf8Encode(text: string): Uint8Array {
  return new TextEncoder().encode(text)
}
