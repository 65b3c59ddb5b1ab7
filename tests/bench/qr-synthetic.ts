/**
 * Seeded synthetic screenshots for the QR benchmark and fixtures: page-like canvases (header bar,
 * lines of text-like glyphs, boxes) with QR codes of otpauth URIs drawn at a chosen module size
 * (fractional sizes are area-sampled, like HiDPI resampling), then optionally JPEG-compressed,
 * downscaled or inverted (dark mode). Same seed, same pixels.
 */
import jpeg from 'jpeg-js'
import QRCode from 'qrcode'
import type { RgbaImage } from '../../shared/scan/image'
import { seededRandom } from '../support/seeded-random'

/** Same seed, same pages: the PRNG the tests use too. */
export { seededRandom }

/** An 8-bit grey canvas; converted to RGBA at the end. */
export interface GreyCanvas {
  data: Uint8Array
  width: number
  height: number
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** A broker-style otpauth URI with a random 32-character secret. */
export function randomOtpUri(rng: () => number, n: number): string {
  let secret = ''
  for (let i = 0; i < 32; i++) secret += BASE32[Math.floor(rng() * 32)]
  const issuer = `Broker ${n}`
  return `otpauth://totp/${encodeURIComponent(issuer)}:user${n}%40example.com?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`
}

/** The module matrix of a QR code (true = dark). */
export function qrMatrix(text: string, ecLevel: 'L' | 'M' | 'Q' | 'H' = 'M'): { size: number; dark: boolean[] } {
  const qr = QRCode.create(text, { errorCorrectionLevel: ecLevel })
  const size = qr.modules.size
  const dark: boolean[] = []
  for (let i = 0; i < size * size; i++) dark.push(qr.modules.data[i] === 1)
  return { size, dark }
}

/** A blank page with a header bar, paragraphs of glyph-like marks and a few boxes. */
export function drawPage(width: number, height: number, rng: () => number): GreyCanvas {
  const data = new Uint8Array(width * height).fill(250)
  const canvas = { data, width, height }
  const scale = Math.max(1, Math.round(height / 1080))
  fillRect(canvas, 0, 0, width, 56 * scale, 60)
  for (let x = 24 * scale; x < width / 2; x += 90 * scale) fillRect(canvas, x, 20 * scale, 60 * scale, 14 * scale, 200)
  let y = 100 * scale
  while (y < height - 40 * scale) {
    if (rng() < 0.12) {
      const h = Math.floor((60 + rng() * 140) * scale)
      fillRect(canvas, 40 * scale, y, Math.floor(width * (0.2 + rng() * 0.4)), h, Math.floor(200 + rng() * 40))
      y += h + 20 * scale
      continue
    }
    const glyphH = Math.floor((9 + rng() * 5) * scale)
    let x = 40 * scale
    const lineEnd = width - Math.floor((40 + rng() * width * 0.3) * 1)
    while (x < lineEnd) {
      const w = Math.floor((4 + rng() * 8) * scale)
      fillRect(canvas, x, y, w, glyphH, Math.floor(20 + rng() * 70))
      x += w + Math.floor((rng() < 0.2 ? 8 : 2) * scale)
    }
    y += glyphH + Math.floor((10 + rng() * 10) * scale)
  }
  return canvas
}

function fillRect(c: GreyCanvas, x0: number, y0: number, w: number, h: number, v: number): void {
  const x1 = Math.min(c.width, x0 + w)
  const y1 = Math.min(c.height, y0 + h)
  for (let y = Math.max(0, y0); y < y1; y++) c.data.fill(v, y * c.width + Math.max(0, x0), y * c.width + x1)
}

/**
 * Draws a QR code with its 4-module quiet zone at (x, y), `modulePx` pixels per module; fractional
 * sizes are area-sampled (4x4 supersampling) as a resampling screenshot tool would.
 * Returns the drawn box's side in pixels.
 */
export function drawQr(
  c: GreyCanvas,
  matrix: { size: number; dark: boolean[] },
  x: number,
  y: number,
  modulePx: number,
) {
  const total = matrix.size + 8
  const side = Math.ceil(total * modulePx)
  const ss = 4
  for (let py = 0; py < side; py++) {
    const cy = y + py
    if (cy < 0 || cy >= c.height) continue
    for (let px = 0; px < side; px++) {
      const cx = x + px
      if (cx < 0 || cx >= c.width) continue
      let darkCount = 0
      for (let sy = 0; sy < ss; sy++) {
        const my = Math.floor((py + (sy + 0.5) / ss) / modulePx) - 4
        for (let sx = 0; sx < ss; sx++) {
          const mx = Math.floor((px + (sx + 0.5) / ss) / modulePx) - 4
          if (mx >= 0 && my >= 0 && mx < matrix.size && my < matrix.size && matrix.dark[my * matrix.size + mx])
            darkCount++
        }
      }
      c.data[cy * c.width + cx] = Math.round(255 - (darkCount / (ss * ss)) * 235)
    }
  }
  return side
}

/** Area-average downscale by `factor` (< 1). */
export function downscale(c: GreyCanvas, factor: number): GreyCanvas {
  const width = Math.max(1, Math.round(c.width * factor))
  const height = Math.max(1, Math.round(c.height * factor))
  const out = new Uint8Array(width * height)
  const sx = c.width / width
  const sy = c.height / height
  for (let y = 0; y < height; y++) {
    const y0 = y * sy
    const y1 = y0 + sy
    for (let x = 0; x < width; x++) {
      const x0 = x * sx
      const x1 = x0 + sx
      let sum = 0
      let area = 0
      for (let yy = Math.floor(y0); yy < Math.min(c.height, Math.ceil(y1)); yy++) {
        const wy = Math.min(y1, yy + 1) - Math.max(y0, yy)
        for (let xx = Math.floor(x0); xx < Math.min(c.width, Math.ceil(x1)); xx++) {
          const w = wy * (Math.min(x1, xx + 1) - Math.max(x0, xx))
          sum += w * c.data[yy * c.width + xx]!
          area += w
        }
      }
      out[y * width + x] = Math.round(sum / area)
    }
  }
  return { data: out, width, height }
}

/** Dark mode: every pixel inverted. */
export function invert(c: GreyCanvas): GreyCanvas {
  const out = new Uint8Array(c.data.length)
  for (let i = 0; i < out.length; i++) out[i] = 255 - c.data[i]!
  return { data: out, width: c.width, height: c.height }
}

/** Grey canvas to RGBA (opaque). */
export function toRgba(c: GreyCanvas): RgbaImage {
  const data = new Uint8ClampedArray(c.width * c.height * 4)
  for (let i = 0, j = 0; i < c.data.length; i++, j += 4) {
    const v = c.data[i]!
    data[j] = v
    data[j + 1] = v
    data[j + 2] = v
    data[j + 3] = 255
  }
  return { data, width: c.width, height: c.height }
}

/** Encodes as JPEG at `quality` (lossy: what a saved screenshot often is). */
export function encodeJpeg(img: RgbaImage, quality: number): Uint8Array {
  return jpeg.encode(
    {
      data: Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength),
      width: img.width,
      height: img.height,
    },
    quality,
  ).data
}

/** A synthetic screenshot and what it should decode to. */
export interface SyntheticCase {
  name: string
  kind: string
  /** RGBA pixels as the decoder receives them (JPEG cases are already encoded and decoded). */
  image: RgbaImage
  expected: string[]
  /** Effective pixels per module of the smallest code (0 with no code). */
  modulePx: number
}

interface CaseSpec {
  kind: string
  width: number
  height: number
  modules: number[]
  downscaleBy?: number
  invert?: boolean
  jpegQuality?: number
}

/** Builds one case from a spec; codes are placed without overlap in the page's lower part. */
export function buildCase(spec: CaseSpec, seed: number): SyntheticCase {
  const rng = seededRandom(seed)
  let canvas = drawPage(spec.width, spec.height, rng)
  const expected: string[] = []
  let slotX = Math.floor(spec.width * (0.05 + rng() * 0.3))
  for (const [i, m] of spec.modules.entries()) {
    const text = randomOtpUri(rng, seed * 10 + i)
    const matrix = qrMatrix(text, 'M')
    const side = Math.ceil((matrix.size + 8) * m)
    const y = Math.floor(120 + rng() * Math.max(1, spec.height - side - 160))
    if (slotX + side > spec.width) slotX = 10
    drawQr(canvas, matrix, slotX, y, m)
    slotX += side + Math.floor(40 + rng() * 120)
    expected.push(text)
  }
  let modulePx = spec.modules.length ? Math.min(...spec.modules) : 0
  if (spec.downscaleBy) {
    canvas = downscale(canvas, spec.downscaleBy)
    modulePx *= spec.downscaleBy
  }
  if (spec.invert) canvas = invert(canvas)
  let image = toRgba(canvas)
  if (spec.jpegQuality) {
    const decoded = jpeg.decode(encodeJpeg(image, spec.jpegQuality), { useTArray: true, formatAsRGBA: true })
    image = { data: decoded.data, width: decoded.width, height: decoded.height }
  }
  const name = `${spec.kind}-${spec.width}x${spec.height}-m${spec.modules.map((m) => m.toFixed(2)).join('+') || 'none'}${spec.downscaleBy ? `-x${spec.downscaleBy}` : ''}${spec.jpegQuality ? `-q${spec.jpegQuality}` : ''}-s${seed}`
  return { name, kind: spec.kind, image, expected, modulePx: Math.round(modulePx * 100) / 100 }
}

const SIZES: [number, number][] = [
  [1920, 1080],
  [2560, 1440],
  [3840, 2160],
]

/** The benchmark's seeded set of cases (about 100 pages), generated lazily one at a time. */
export function* syntheticCases(seed = 4): Generator<SyntheticCase> {
  const rng = seededRandom(seed)
  const pick = <T>(xs: T[]): T => xs[Math.floor(rng() * xs.length)]!
  let n = 0
  const make = (spec: CaseSpec) => buildCase(spec, seed * 1000 + n++)
  for (const m of [1, 1.25, 1.5, 1.75, 2, 3, 4, 6]) {
    for (const [w, h] of SIZES) yield make({ kind: 'png', width: w, height: h, modules: [m] })
    yield make({ kind: 'png', width: 3840, height: 2160, modules: [m] })
  }
  for (let i = 0; i < 9; i++) {
    const [w, h] = pick(SIZES)
    yield make({ kind: 'jpeg', width: w, height: h, modules: [1.5 + rng() * 2.5], jpegQuality: pick([70, 80, 90]) })
  }
  for (let i = 0; i < 12; i++) {
    const [w, h] = pick(SIZES.slice(1))
    const f = pick([0.5, 0.6, 0.67, 0.75, 0.8])
    yield make({ kind: 'downscaled', width: w, height: h, modules: [pick([2, 2.5, 3, 4, 5])], downscaleBy: f })
  }
  for (let i = 0; i < 9; i++) {
    const [w, h] = pick(SIZES)
    yield make({ kind: 'inverted', width: w, height: h, modules: [1.5 + rng() * 3], invert: true })
  }
  for (let i = 0; i < 9; i++) {
    const [w, h] = pick(SIZES)
    const count = 2 + Math.floor(rng() * 3)
    const modules = Array.from({ length: count }, () => 1.5 + rng() * 3)
    yield make({ kind: 'multi', width: w, height: h, modules, jpegQuality: rng() < 0.3 ? 85 : undefined })
  }
  // The largest screens: an 8K capture with a small code, and one without.
  yield make({ kind: '8k', width: 7680, height: 4320, modules: [2 + rng() * 2] })
  yield make({ kind: 'empty', width: 7680, height: 4320, modules: [] })
  for (let i = 0; i < 9; i++) {
    const [w, h] = SIZES[i % 3]!
    yield make({
      kind: 'empty',
      width: w,
      height: h,
      modules: [],
      invert: i % 4 === 3,
      jpegQuality: i % 2 ? 80 : undefined,
    })
  }
}
