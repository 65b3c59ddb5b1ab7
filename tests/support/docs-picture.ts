/**
 * Writes a regenerated picture for docs/ only when it shows something new. Chromium's software
 * raster rounds some pixels one step differently from run to run (13 edge pixels of the import
 * panel, 33 header pixels behind the settings backdrop, each off by 1 of 255); rewriting the file
 * for those would leave every test run with changed pictures in git. A real change to a screen
 * moves pixels by far more than a rounding step, and many of them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { PNG } from 'pngjs'

/** A channel difference up to this is rounding, not a change anyone could see. */
const ROUNDING = 8

/** Visibly changed pixels that may still be edge noise, not a changed word. */
const NOISE_PIXELS = 32

/** How many pixels of two PNGs differ by more than rounding (Infinity when their sizes differ). */
function pixelsChanged(before: Buffer, after: Buffer): number {
  const a = PNG.sync.read(before)
  const b = PNG.sync.read(after)
  if (a.width !== b.width || a.height !== b.height) return Infinity
  let changed = 0
  for (let i = 0; i < a.data.length; i += 4) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs(a.data[i + c]! - b.data[i + c]!) > ROUNDING) {
        changed++
        break
      }
    }
  }
  return changed
}

/** Writes `png` to `path` unless the file there already shows the same (within NOISE_PIXELS). */
export function writePicture(path: string, png: Buffer): void {
  if (existsSync(path) && pixelsChanged(readFileSync(path), png) <= NOISE_PIXELS) return
  writeFileSync(path, png)
}
