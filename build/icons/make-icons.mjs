// Draws Warifu's icon and writes every file the installers need: PNGs (Linux, and the source of the others),
// icon.icns (macOS) and icon.ico (Windows), both as containers of PNG images. Deterministic: re-running it
// produces the committed bytes (tests/packaging/icons.test.ts checks). Run: node build/icons/make-icons.mjs
//
// The motif: a warifu (割符), a tally stick split lengthwise. Each party kept one half; the notches cut across
// both halves line up only with their true partner, as a TOTP code matches only its own secret.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PNG } from 'pngjs'

const here = path.dirname(fileURLToPath(import.meta.url))

const BACKGROUND = [36, 48, 94]
const LEFT_HALF = [236, 190, 112]
const RIGHT_HALF = [214, 160, 84]
const NOTCH = [36, 48, 94]

/** Signed distance from (x, y) to a rounded rectangle centred at (cx, cy) with half sizes hw, hh and radius r. */
function roundedRect(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - hw + r
  const qy = Math.abs(y - cy) - hh + r
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r
}

/** The colour at a point of the unit square, or null outside the icon's body. */
function colourAt(x, y) {
  if (roundedRect(x, y, 0.5, 0.5, 0.41, 0.41, 0.09) > 0) return null
  const halves = [
    { cx: 0.4, colour: LEFT_HALF },
    { cx: 0.6, colour: RIGHT_HALF },
  ]
  for (const { cx, colour } of halves) {
    if (roundedRect(x, y, cx, 0.5, 0.085, 0.31, 0.06) > 0) continue
    // Notches: the same cuts across both halves, so the two pieces match.
    for (const ny of [0.32, 0.43, 0.54, 0.65]) if (Math.abs(y - ny) < 0.022) return NOTCH
    return colour
  }
  return BACKGROUND
}

/** Renders the icon at `size` pixels with `samples`^2 supersampling; returns straight-alpha RGBA. */
export function renderIcon(size, samples = size <= 256 ? 4 : 2) {
  const rgba = Buffer.alloc(size * size * 4)
  const n = samples * samples
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0
      let g = 0
      let b = 0
      let covered = 0
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)
          if (c === null) continue
          r += c[0]
          g += c[1]
          b += c[2]
          covered++
        }
      }
      const o = (py * size + px) * 4
      if (covered > 0) {
        rgba[o] = Math.round(r / covered)
        rgba[o + 1] = Math.round(g / covered)
        rgba[o + 2] = Math.round(b / covered)
        rgba[o + 3] = Math.round((255 * covered) / n)
      }
    }
  }
  return rgba
}

/** A PNG file of the icon at `size` pixels. */
export function iconPng(size) {
  const png = new PNG({ width: size, height: size })
  renderIcon(size).copy(png.data)
  return PNG.sync.write(png, { deflateLevel: 9 })
}

/** An .icns container of PNG images, keyed by the OSType Apple assigns to each pixel size. */
export function icns(pngBySize) {
  const types = { 16: 'icp4', 32: 'icp5', 64: 'icp6', 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' }
  const chunks = []
  for (const [size, type] of Object.entries(types)) {
    const data = pngBySize.get(Number(size))
    if (!data) continue
    const header = Buffer.alloc(8)
    header.write(type, 0, 'latin1')
    header.writeUInt32BE(8 + data.length, 4)
    chunks.push(header, data)
  }
  const body = Buffer.concat(chunks)
  const header = Buffer.alloc(8)
  header.write('icns', 0, 'latin1')
  header.writeUInt32BE(8 + body.length, 4)
  return Buffer.concat([header, body])
}

/** An .ico container of PNG images (supported since Windows Vista); 256 is written as 0 in the directory. */
export function ico(pngBySize, sizes) {
  const dir = Buffer.alloc(6 + 16 * sizes.length)
  dir.writeUInt16LE(0, 0)
  dir.writeUInt16LE(1, 2)
  dir.writeUInt16LE(sizes.length, 4)
  let offset = dir.length
  const images = []
  sizes.forEach((size, i) => {
    const data = pngBySize.get(size)
    if (!data) throw new Error(`no ${size}px image`)
    const e = 6 + 16 * i
    dir.writeUInt8(size >= 256 ? 0 : size, e)
    dir.writeUInt8(size >= 256 ? 0 : size, e + 1)
    dir.writeUInt8(0, e + 2)
    dir.writeUInt8(0, e + 3)
    dir.writeUInt16LE(1, e + 4)
    dir.writeUInt16LE(32, e + 6)
    dir.writeUInt32LE(data.length, e + 8)
    dir.writeUInt32LE(offset, e + 12)
    offset += data.length
    images.push(data)
  })
  return Buffer.concat([dir, ...images])
}

export const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512]
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
const ALL_SIZES = [...new Set([...LINUX_SIZES, ...ICO_SIZES, 1024])].sort((a, b) => a - b)

/** Every icon file, by path relative to build/icons/. */
export function iconFiles() {
  const pngs = new Map(ALL_SIZES.map((size) => [size, iconPng(size)]))
  const files = new Map()
  for (const size of LINUX_SIZES) files.set(`png/${size}x${size}.png`, pngs.get(size))
  files.set('icon.icns', icns(pngs))
  files.set('icon.ico', ico(pngs, ICO_SIZES))
  return files
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await mkdir(path.join(here, 'png'), { recursive: true })
  for (const [name, data] of iconFiles()) await writeFile(path.join(here, name), data)
  console.log(`icons written to ${path.relative(process.cwd(), here) || '.'}`)
}
