import { beforeAll, describe, expect, it } from 'vitest'
import { decodeQrCodes } from '../../../shared/scan/decode'
import { cropGrey, findDenseRegions } from '../../../shared/scan/regions'
import { loadZxingForNode } from '../../../electron/scan/zxing-node'
import { drawPage, drawQr, qrMatrix, randomOtpUri, seededRandom, toRgba } from '../../bench/qr-synthetic'

const OPTIONS = { maxRegions: 8, maxSide: 400 }

describe('findDenseRegions', () => {
  it('finds the box of a 1.25 px-per-module code on a page of text', () => {
    const rng = seededRandom(11)
    const page = drawPage(2560, 1440, rng)
    const matrix = qrMatrix(randomOtpUri(rng, 1))
    const side = drawQr(page, matrix, 1700, 900, 1.25)
    const boxes = findDenseRegions(toRgba(page).data, page.width, page.height, OPTIONS)
    expect(boxes.length).toBeGreaterThan(0)
    expect(boxes.length).toBeLessThanOrEqual(8)
    const b = boxes[0]!
    expect(b.x).toBeLessThanOrEqual(1700)
    expect(b.y).toBeLessThanOrEqual(900)
    expect(b.x + b.width).toBeGreaterThanOrEqual(1700 + side - 8)
    expect(b.y + b.height).toBeGreaterThanOrEqual(900 + side - 8)
  })

  it('finds nothing on pages of text without a code, or on uniform noise', () => {
    for (const seed of [1, 2, 3]) {
      const page = drawPage(1920, 1080, seededRandom(seed))
      expect(findDenseRegions(toRgba(page).data, page.width, page.height, OPTIONS)).toEqual([])
    }
    const rng = seededRandom(5)
    const noise = { data: new Uint8Array(800 * 600).map(() => (rng() < 0.5 ? 0 : 255)), width: 800, height: 600 }
    expect(findDenseRegions(toRgba(noise).data, 800, 600, OPTIONS)).toEqual([])
  })

  it('crops a box as luminance', () => {
    const rgba = new Uint8Array([255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255, 0, 0, 255, 255])
    expect([...cropGrey(rgba, 2, { x: 0, y: 0, width: 2, height: 2 })]).toEqual([255, 0, 76, 29])
    expect([...cropGrey(rgba, 2, { x: 1, y: 1, width: 1, height: 1 })]).toEqual([29])
  })
})

describe('decodeQrCodes on large screens with very small modules', () => {
  beforeAll(async () => {
    await loadZxingForNode()
  })

  it.each([
    [2560, 1440, 1.25],
    [3840, 2160, 1],
  ])('reads a code at %ix%i with %s px per module (the region pass)', async (w, h, m) => {
    const rng = seededRandom(w + m * 100)
    const page = drawPage(w, h, rng)
    const uri = randomOtpUri(rng, 2)
    drawQr(page, qrMatrix(uri), Math.floor(w * 0.6), Math.floor(h * 0.5), m)
    expect(await decodeQrCodes(toRgba(page))).toEqual([uri])
  })
})
