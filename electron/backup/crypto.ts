/** The primitives of the backup formats, all from node:crypto: scrypt, PBKDF2, AES-256-GCM. */
import { createCipheriv, createDecipheriv, pbkdf2, randomBytes, scrypt } from 'node:crypto'

/** scrypt cost parameters. */
export interface ScryptCost {
  n: number
  r: number
  p: number
}

/** Aegis's documented cost: N=2^15, r=8, p=1. */
export const AEGIS_SCRYPT_COST: ScryptCost = { n: 32768, r: 8, p: 1 }

/** A 32-byte key from a password with scrypt. */
export function scryptKey(password: string, salt: Uint8Array, cost: ScryptCost): Promise<Buffer> {
  // scrypt needs 128*N*r bytes; Node's default cap (32 MiB) is just below Aegis's 32 MiB + overhead.
  const maxmem = 256 * cost.n * cost.r + 16 * 1024 * 1024
  return new Promise((resolve, reject) => {
    scrypt(password, salt, 32, { N: cost.n, r: cost.r, p: cost.p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

/** A 32-byte key from a password with PBKDF2-HMAC-SHA256. */
export function pbkdf2Key(password: string, salt: Uint8Array, iterations: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(password, salt, iterations, 32, 'sha256', (error, key) => (error ? reject(error) : resolve(key)))
  })
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
