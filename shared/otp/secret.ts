/** Base32 secrets as people and issuers write them. */
import { Secret } from 'otpauth'
import { InvalidSecretError, SecretTooShortError } from '../errors'

/** RFC 4226 section 4 (R6): the shared secret must be at least 128 bits, 160 recommended;
 * real issuers still hand out 80-bit keys, so 80 is the floor we accept. */
export const MIN_SECRET_BITS = 80

/**
 * Normalizes a base32 secret the way Google Authenticator does: spaces, hyphens
 * and `=` padding removed, upper-cased. Throws a typed error (never echoing the
 * secret) when it is empty, not base32, or shorter than 80 bits.
 */
export function normalizeSecret(raw: string): string {
  const secret = raw.replace(/[\s\-=]/g, '').toUpperCase()
  if (secret.length === 0) {
    throw new InvalidSecretError('The secret is empty.')
  }
  if (!/^[A-Z2-7]+$/.test(secret)) {
    throw new InvalidSecretError('The secret is not valid base32 (only letters A-Z and digits 2-7).')
  }
  if (decodedBits(secret) < MIN_SECRET_BITS) {
    throw new SecretTooShortError(`The secret is shorter than ${MIN_SECRET_BITS} bits; check that it was copied whole.`)
  }
  return secret
}

/** Whole bytes a base32 string of this length decodes to, in bits. */
function decodedBits(base32: string): number {
  return Math.floor((base32.length * 5) / 8) * 8
}

/** The secret's key bytes, for code generation; expects a normalized secret. */
export function secretFromBase32(normalized: string): Secret {
  try {
    return Secret.fromBase32(normalized)
  } catch {
    // otpauth's message quotes the offending character: never pass it on.
    throw new InvalidSecretError('The secret is not valid base32.')
  }
}

/** Encodes raw key bytes as normalized base32 (for imports that carry raw bytes). */
export function base32FromBytes(bytes: Uint8Array): string {
  const copy = new Uint8Array(bytes)
  return new Secret({ buffer: copy.buffer }).base32
}
