import { readFileSync } from 'node:fs'
import path from 'node:path'
import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { ImageTooLargeError, NotAnImageError } from '../../../shared/errors'
import { decodeImageBytes, readImageFile, sniffImageType } from '../../../electron/scan/read-image'

const FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'qr')
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name))

function pngBytes(width: number, height: number, rgba: number[]): Buffer {
  const png = new PNG({ width, height })
  png.data = Buffer.from(rgba)
  return PNG.sync.write(png)
}

/** A PNG signature and IHDR chunk claiming a size, with no pixel data after it. */
function pngHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33)
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
  const view = new DataView(bytes.buffer)
  view.setUint32(16, width)
  view.setUint32(20, height)
  bytes.set([8, 6, 0, 0, 0], 24)
  return bytes
}

describe('decodeImageBytes', () => {
  it('reads PNG pixels as RGBA', () => {
    const image = decodeImageBytes(pngBytes(2, 1, [255, 0, 0, 255, 0, 0, 255, 128]))
    expect(image.width).toBe(2)
    expect(image.height).toBe(1)
    expect([...image.data]).toEqual([255, 0, 0, 255, 0, 0, 255, 128])
  })

  it('reads JPEG pixels as RGBA (lossy, so close to the original)', () => {
    const rgba = Buffer.alloc(16 * 16 * 4, 200)
    const bytes = jpeg.encode({ data: rgba, width: 16, height: 16 }, 95).data
    const image = decodeImageBytes(bytes)
    expect([image.width, image.height, image.data.length]).toEqual([16, 16, 1024])
    expect(Math.abs(image.data[0]! - 200)).toBeLessThanOrEqual(3)
    expect(image.data[3]).toBe(255)
  })

  it('tells PNG and JPEG by their bytes, not their names', () => {
    expect(sniffImageType(fixture('broker-screenshot.png'))).toBe('png')
    expect(sniffImageType(fixture('broker-screenshot.jpg'))).toBe('jpeg')
    expect(sniffImageType(fixture('not-an-image.png'))).toBeUndefined()
  })

  it('refuses a text file named .png', () => {
    expect(() => decodeImageBytes(fixture('not-an-image.png'))).toThrow(NotAnImageError)
  })

  it('refuses an empty file', () => {
    expect(() => decodeImageBytes(new Uint8Array(0))).toThrow(NotAnImageError)
  })

  it('refuses the truncated PNG fixture with a clear message', () => {
    expect(() => decodeImageBytes(fixture('truncated.png'))).toThrow(/PNG file is truncated or corrupt/)
  })

  it.each([0.1, 0.5, 0.9, 0.999])('refuses a PNG cut at %s of its length', (fraction) => {
    const bytes = fixture('broker-screenshot.png')
    expect(() => decodeImageBytes(bytes.subarray(0, Math.floor(bytes.length * fraction)))).toThrow(NotAnImageError)
  })

  it.each([0.05, 0.5, 0.9, 0.999])('refuses a JPEG cut at %s of its length', (fraction) => {
    const bytes = fixture('broker-screenshot.jpg')
    expect(() => decodeImageBytes(bytes.subarray(0, Math.floor(bytes.length * fraction)))).toThrow(NotAnImageError)
  })

  it('refuses a PNG with a flipped byte in its pixel data (CRC)', () => {
    const bytes = Buffer.from(fixture('broker-screenshot.png'))
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff
    expect(() => decodeImageBytes(bytes)).toThrow(NotAnImageError)
  })

  it('refuses a PNG whose header claims over 100 megapixels, before allocating', () => {
    // Only 33 bytes: decoding 20000x20000 would need 1.6 GB; the header alone is refused.
    expect(() => decodeImageBytes(pngHeader(20_000, 20_000))).toThrow(ImageTooLargeError)
    expect(() => decodeImageBytes(pngHeader(0, 10))).toThrow(NotAnImageError)
  })

  it('refuses a JPEG whose frame header claims over 100 megapixels, before allocating', () => {
    const bytes = Buffer.from(jpeg.encode({ data: Buffer.alloc(8 * 8 * 4, 0), width: 8, height: 8 }, 90).data)
    const sof = bytes.indexOf(Buffer.from([0xff, 0xc0]))
    expect(sof).toBeGreaterThan(0)
    bytes.writeUInt16BE(65_000, sof + 5)
    bytes.writeUInt16BE(65_000, sof + 7)
    expect(() => decodeImageBytes(bytes)).toThrow(ImageTooLargeError)
  })

  it('reads a file from disk and refuses a missing one with a typed error', async () => {
    expect((await readImageFile(path.join(FIXTURES, 'no-code.png'))).width).toBe(1280)
    await expect(readImageFile(path.join(FIXTURES, 'absent.png'))).rejects.toThrow(
      new NotAnImageError('The file cannot be read (ENOENT).'),
    )
    await expect(readImageFile(FIXTURES)).rejects.toMatchObject({ code: 'NOT_AN_IMAGE' })
  })
})
