/** The primitives of the backup formats, all from node:crypto: scrypt, PBKDF2, AES-256-GCM. */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { deriveKey } from './kdf'

/** scrypt cost parameters. */
export interface ScryptCost {
  n: number
  r: number
  p: number
}

/** Aegis's documented cost: N=2^15, r=8, p=1. */
export const AEGIS_SCRYPT_COST: ScryptCost = { n: 32768, r: 8, p: 1 }

/** A 32-byte key from a password with scrypt, in a worker thread that `signal` stops (kdf.ts). */
export function scryptKey(password: string, salt: Uint8Array, cost: ScryptCost, signal?: AbortSignal): Promise<Buffer> {
  return deriveKey({ kind: 'scrypt', password, salt, n: cost.n, r: cost.r, p: cost.p }, signal)
}

/** A 32-byte key from a password with PBKDF2-HMAC-SHA256, in a worker thread that `signal` stops. */
export function pbkdf2Key(
  password: string,
  salt: Uint8Array,
  iterations: number,
  signal?: AbortSignal,
): Promise<Buffer> {
  return deriveKey({ kind: 'pbkdf2', password, salt, iterations }, signal)
}

/** AES-256-GCM with a fresh random 96-bit nonce. */
export function sealGcm(key: Uint8Array, plaintext: Uint8Array): { nonce: Buffer; ciphertext: Buffer; tag: Buffer } {
  const nonce = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, nonce)
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return { nonce, ciphertext, tag: cipher.getAuthTag() }
}

/** AES-256-GCM decryption; returns undefined when the tag does not verify (wrong key or changed data). */
export function openGcm(
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
): Buffer | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce)
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(ciphertext), decipher.final()])
  } catch {
    return undefined
  }
}
