import { createHash, createPublicKey } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  CHROMIUM_EXTENSION_ID,
  CHROMIUM_EXTENSION_KEY,
  FIREFOX_EXTENSION_ID,
  NATIVE_HOST_NAME,
} from '../../../shared/browser/extension-id'

describe('the extension\u2019s fixed ids', () => {
  it('derives the Chromium id from the key as Chromium does (SHA-256 of the DER key, 32 hex digits as a-p)', () => {
    const der = Buffer.from(CHROMIUM_EXTENSION_KEY, 'base64')
    // A real RSA public key (SubjectPublicKeyInfo), not just bytes.
    expect(createPublicKey({ key: der, format: 'der', type: 'spki' }).asymmetricKeyType).toBe('rsa')
    const hex = createHash('sha256').update(der).digest('hex').slice(0, 32)
    const id = [...hex].map((d) => String.fromCharCode(97 + parseInt(d, 16))).join('')
    expect(id).toBe(CHROMIUM_EXTENSION_ID)
  })

  it('has a Firefox id in the GUID form and a host name browsers accept', () => {
    expect(FIREFOX_EXTENSION_ID).toMatch(/^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/)
    // Chrome: lowercase alphanumerics, underscores and dots, no leading, trailing or double dot.
    expect(NATIVE_HOST_NAME).toMatch(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/)
  })
})
