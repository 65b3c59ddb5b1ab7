import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import jsQR from 'jsqr'
import { beforeAll, describe, expect, it } from 'vitest'
import { ImageTooLargeError, NotAnImageError } from '../../../shared/errors'
import { decodeQrCodes } from '../../../shared/scan/decode'
import { MAX_IMAGE_PIXELS, type RgbaImage } from '../../../shared/scan/image'
import { decodeImageBytes, readImageFile } from '../../../electron/scan/read-image'
import { loadZxingForNode } from '../../../electron/scan/zxing-node'
import { drawQr, qrMatrix, seededRandom, toRgba, type GreyCanvas } from '../../bench/qr-synthetic'

const FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'qr')
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, string[]>

beforeAll(async () => {
  await loadZxingForNode()
})

describe('decodeQrCodes on the committed fixtures', () => {
  it.each(Object.keys(expected))('reads exactly the expected codes of %s', async (name) => {
    const texts = await decodeQrCodes(await readImageFile(path.join(FIXTURES, name)))
    expect([...texts].sort()).toEqual([...expected[name]!].sort())
  })

  it('agrees with jsqr (an independent decoder) on the broker screenshot', async () => {
    const image = await readImageFile(path.join(FIXTURES, 'broker-screenshot.png'))
    const data = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength)
    const fromJsqr = jsQR(data, image.width, image.height, { inversionAttempts: 'attemptBoth' })
    expect(fromJsqr?.data).toBeDefined()
    expect(await decodeQrCodes(image)).toEqual([fromJsqr!.data])
  })

  it('reads the Google Authenticator export as one otpauth-migration URI', async () => {
    const [text] = await decodeQrCodes(await readImageFile(path.join(FIXTURES, 'ga-export.png')))
    expect(text).toMatch(/^otpauth-migration:\/\/offline\?data=[A-Za-z0-9%]+$/)
    expect(text!.length).toBeGreaterThan(500)
  })
})

function canvas(width: number, height: number, fill = 255): GreyCanvas {
  return { data: new Uint8Array(width * height).fill(fill), width, height }
}

describe('decodeQrCodes', () => {
  it('returns each text once when the same code appears twice', async () => {
    const c = canvas(600, 300)
    const m = qrMatrix('otpauth://totp/Twice:bob?secret=JBSWY3DPEHPK3PXP')
    drawQr(c, m, 10, 10, 4)
    drawQr(c, m, 310, 10, 4)
    expect(await decodeQrCodes(toRgba(c))).toEqual(['otpauth://totp/Twice:bob?secret=JBSWY3DPEHPK3PXP'])
  })

  it('reads a low-contrast code (grey on lighter grey)', async () => {
    const c = canvas(400, 400)
    drawQr(c, qrMatrix('otpauth://totp/Faint:eve?secret=JBSWY3DPEHPK3PXP'), 40, 40, 5)
    for (let i = 0; i < c.data.length; i++) c.data[i] = 150 + Math.round((c.data[i]! / 255) * 40)
    expect(await decodeQrCodes(toRgba(c))).toEqual(['otpauth://totp/Faint:eve?secret=JBSWY3DPEHPK3PXP'])
  })

  it('reads a code whose text is not UTF-8 ASCII (Japanese label)', async () => {
    const text = 'otpauth://totp/%E5%89%B2%E7%AC%A6:太郎?secret=JBSWY3DPEHPK3PXP&issuer=割符'
    const c = canvas(500, 500)
    drawQr(c, qrMatrix(text), 20, 20, 5)
    expect(await decodeQrCodes(toRgba(c))).toEqual([text])
  })

  it('finds nothing in seeded random noise and blank images', async () => {
    const rng = seededRandom(7)
    for (const [w, h] of [
      [320, 240],
      [1024, 768],
    ] as const) {
      const noise = canvas(w, h)
      for (let i = 0; i < noise.data.length; i++) noise.data[i] = rng() < 0.5 ? 0 : 255
      expect(await decodeQrCodes(toRgba(noise))).toEqual([])
      expect(await decodeQrCodes(toRgba(canvas(w, h, 0)))).toEqual([])
      expect(await decodeQrCodes(toRgba(canvas(w, h, 255)))).toEqual([])
    }
  })

  it('accepts a 1x1 image and returns nothing', async () => {
    expect(await decodeQrCodes({ data: new Uint8Array(4), width: 1, height: 1 })).toEqual([])
  })

  it('refuses an image over 100 megapixels before touching its pixels', async () => {
    // The data is never read: a too-large size is refused from the dimensions alone.
    const huge: RgbaImage = { data: new Uint8Array(4), width: 10_001, height: 10_000 }
    expect(10_001 * 10_000).toBeGreaterThan(MAX_IMAGE_PIXELS)
    await expect(decodeQrCodes(huge)).rejects.toBeInstanceOf(ImageTooLargeError)
    await expect(decodeQrCodes(huge)).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE' })
  })

  it.each([
    ['zero width', { data: new Uint8Array(0), width: 0, height: 10 }],
    ['fractional size', { data: new Uint8Array(40), width: 2.5, height: 4 }],
    ['data shorter than the size says', { data: new Uint8Array(10), width: 2, height: 2 }],
    ['RGB instead of RGBA', { data: new Uint8Array(12), width: 2, height: 2 }],
  ])('refuses %s with NOT_AN_IMAGE', async (_label, image) => {
    await expect(decodeQrCodes(image)).rejects.toBeInstanceOf(NotAnImageError)
  })
})

describe('decodeQrCodes on transparent images', () => {
  it('reads black modules on a transparent background (as a viewer shows it, on white)', async () => {
    const c = canvas(300, 300)
    const text = 'otpauth://totp/Clear:zoe?secret=JBSWY3DPEHPK3PXP'
    drawQr(c, qrMatrix(text), 10, 10, 5)
    const image = toRgba(c)
    // Light pixels become fully transparent black, as many exported QR PNGs store them.
    for (let i = 0; i < image.data.length; i += 4) {
      if (image.data[i]! > 128) image.data.fill(0, i, i + 4)
      else image.data.set([0, 0, 0, 255], i)
    }
    expect(await decodeQrCodes(image)).toEqual([text])
  })
})

// An independent encoder: libqrencode's command-line tool (a Debian package in CI).
const hasQrencode = spawnSync('qrencode', ['--version']).status === 0
describe.skipIf(!hasQrencode)('decodeQrCodes on codes drawn by qrencode', () => {
  it.each([1, 2, 3, 6])('reads an otpauth URI drawn at %i px per module', async (size) => {
    const uri =
      'otpauth://totp/Qrencode%20Co:kim%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Qrencode%20Co'
    const png = spawnSync('qrencode', ['-t', 'PNG', '-o', '-', '-s', String(size), '-m', '4', '-l', 'M', uri])
    expect(png.status).toBe(0)
    expect(await decodeQrCodes(decodeImageBytes(png.stdout))).toEqual([uri])
  })
})
