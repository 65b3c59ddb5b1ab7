/**
 * Writes a regenerated picture for docs/ only when it shows something new. Chromium's software
 * raster draws a few anti-aliased edge pixels differently from run to run (13 pixels of a 440×720
 * screen, at the rounded corners of the import panel); rewriting the file for those would leave
 * every test run with changed pictures in git. A real change to a screen moves far more pixels.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { PNG } from 'pngjs'

/** Pixels that may differ before a picture counts as changed: edge noise, not a changed word. */
const NOISE_PIXELS = 32

/** How many pixels of two PNGs differ (Infinity when their sizes differ). */
function pixelsChanged(before: Buffer, after: Buffer): number {
  const a = PNG.sync.read(before)
  const b = PNG.sync.read(after)
  if (a.width !== b.width || a.height !== b.height) return Infinity
  let changed = 0
  for (let i = 0; i < a.data.length; i += 4) {
    if (
      a.data[i] !== b.data[i] ||
      a.data[i + 1] !== b.data[i + 1] ||
      a.data[i + 2] !== b.data[i + 2] ||
      a.data[i + 3] !== b.data[i + 3]
    )
      changed++
  }
  return changed
}

/** Writes `png` to `path` unless the file there already shows the same (within NOISE_PIXELS). */
export function writePicture(path: string, png: Buffer): void {
  if (existsSync(path) && pixelsChanged(readFileSync(path), png) <= NOISE_PIXELS) return
  writeFileSync(path, png)
}
