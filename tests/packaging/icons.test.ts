import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../support/tools'

interface IconsModule {
  iconFiles(): Map<string, Buffer>
  LINUX_SIZES: number[]
  ICO_SIZES: number[]
}
// build/icons/make-icons.mjs is a plain Node script; typed here.
const icons = (await import(pathToFileURL(join(ROOT, 'build', 'icons', 'make-icons.mjs')).href)) as IconsModule
const dir = join(ROOT, 'build', 'icons')

/** The PNG images a file holds: itself, or the entries of an .ico or .icns container. */
function pngsIn(name: string, data: Buffer): Buffer[] {
  if (name.endsWith('.png')) return [data]
  const out: Buffer[] = []
  if (name.endsWith('.ico')) {
    for (let i = 0; i < data.readUInt16LE(4); i++) {
      const offset = data.readUInt32LE(6 + 16 * i + 12)
      out.push(data.subarray(offset, offset + data.readUInt32LE(6 + 16 * i + 8)))
    }
  } else {
    for (let at = 8; at < data.length; at += data.readUInt32BE(at + 4)) {
      out.push(data.subarray(at + 8, at + data.readUInt32BE(at + 4)))
    }
  }
  return out
}

function pngSize(data: Buffer): number {
  const png = PNG.sync.read(data)
  expect(png.width).toBe(png.height)
  return png.width
}

describe('icons', () => {
  it('are what build/icons/make-icons.mjs draws, pixel for pixel (regenerate with npm run icons)', () => {
    // Pixels, not bytes: another zlib may compress the same image differently.
    for (const [name, data] of icons.iconFiles()) {
      const committed = pngsIn(name, readFileSync(join(dir, name))).map((png) => PNG.sync.read(png).data)
      const drawn = pngsIn(name, data).map((png) => PNG.sync.read(png).data)
      expect(committed.length, name).toBe(drawn.length)
      committed.forEach((pixels, i) => expect(pixels.equals(drawn[i] as Buffer), `${name} #${i}`).toBe(true))
    }
  })

  it('has a square PNG of each Linux size, transparent in the corners and opaque in the middle', () => {
    for (const size of icons.LINUX_SIZES) {
      const png = PNG.sync.read(readFileSync(join(dir, 'png', `${size}x${size}.png`)))
      expect([png.width, png.height]).toEqual([size, size])
      expect(png.data[3]).toBe(0)
      const mid = (Math.floor(size / 2) * size + Math.floor(size / 2)) * 4
      expect(png.data[mid + 3]).toBe(255)
    }
  })

  it('writes an .ico whose directory matches its embedded PNGs', () => {
    const ico = readFileSync(join(dir, 'icon.ico'))
    expect(ico.readUInt16LE(2)).toBe(1)
    const count = ico.readUInt16LE(4)
    expect(count).toBe(icons.ICO_SIZES.length)
    for (let i = 0; i < count; i++) {
      const entry = 6 + 16 * i
      const size = ico.readUInt8(entry) || 256
      const length = ico.readUInt32LE(entry + 8)
      const offset = ico.readUInt32LE(entry + 12)
      expect(pngSize(ico.subarray(offset, offset + length))).toBe(size)
    }
    expect(icons.ICO_SIZES).toContain(256)
  })

  it('writes an .icns whose chunks hold PNGs of the sizes their types name, up to 1024', () => {
    const icns = readFileSync(join(dir, 'icon.icns'))
    expect(icns.toString('latin1', 0, 4)).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
    const sizes: Record<string, number> = { icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024 }
    const seen: string[] = []
    for (let at = 8; at < icns.length;) {
      const type = icns.toString('latin1', at, at + 4)
      const length = icns.readUInt32BE(at + 4)
      expect(pngSize(icns.subarray(at + 8, at + length))).toBe(sizes[type])
      seen.push(type)
      at += length
    }
    expect(seen).toEqual(Object.keys(sizes))
  })

  it('stays small', () => {
    const total = [...icons.iconFiles().values()].reduce((sum, data) => sum + data.length, 0)
    expect(total).toBeLessThan(100_000)
  })
})
