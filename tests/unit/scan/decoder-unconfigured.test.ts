import { describe, expect, it } from 'vitest'
import { QrDecoderUnavailableError } from '../../../shared/errors'
import { decodeQrCodes, isZxingConfigured } from '../../../shared/scan/decode'

// Its own file: vitest gives each file a fresh module state, so ZXing is not configured here.
describe('decodeQrCodes before configureZxing', () => {
  it('refuses with QR_DECODER_UNAVAILABLE instead of fetching the .wasm from a network', async () => {
    expect(isZxingConfigured()).toBe(false)
    await expect(decodeQrCodes({ data: new Uint8Array(16), width: 2, height: 2 })).rejects.toBeInstanceOf(
      QrDecoderUnavailableError,
    )
  })
})
