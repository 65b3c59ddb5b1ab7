/**
 * Finds small areas of a large image that may hold a QR code too fine for the decoder at full
 * size (modules near 1 px): a code is a compact square where strong edges are dense in BOTH
 * directions, while a line of text has many vertical edges but few horizontal ones.
 */

/** An axis-aligned box in pixels. */
export interface Box {
  x: number
  y: number
  width: number
  height: number
}

const CELL = 8
/** A brightness step this large counts as an edge. */
const EDGE = 48

/** Options for findDenseRegions. */
export interface RegionOptions {
  /** At most this many boxes, best first. */
  maxRegions: number
  /** Largest code side in pixels worth looking for this way (bigger codes are read at full size). */
  maxSide: number
}

/**
 * Candidate boxes (with a margin for the quiet zone), densest first. Reads RGBA pixels' green
 * channel directly (no grey copy of a large image) and every other row (half the work).
 */
export function findDenseRegions(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  options: RegionOptions,
): Box[] {
  const cols = Math.floor(width / CELL)
  const rows = Math.floor(height / CELL)
  if (cols < 3 || rows < 3) return []
  const busy = new Uint8Array(cols * rows)
  const hEdges = new Uint16Array(cols)
  const vEdges = new Uint16Array(cols)
  const stride = width * 4
  for (let r = 0; r < rows; r++) {
    hEdges.fill(0)
    vEdges.fill(0)
    for (let y = r * CELL; y < (r + 1) * CELL; y += 2) {
      const row = y * stride + 1
      const down = y + 1 < height ? stride : 0
      for (let c = 0; c < cols; c++) {
        let h = 0
        let v = 0
        const x0 = row + c * CELL * 4
        const x1 = x0 + CELL * 4
        for (let i = x0; i < x1; i += 4) {
          const g = rgba[i]!
          const right = rgba[i + 4] ?? g
          if (g - right > EDGE || right - g > EDGE) h++
          const below = rgba[i + down]!
          if (g - below > EDGE || below - g > EDGE) v++
        }
        hEdges[c]! += h
        vEdges[c]! += v
      }
    }
    // Modules of 1-2 px give an edge every 2-4 px each way: 8-16 in the 4 sampled rows of a cell.
    for (let c = 0; c < cols; c++) busy[r * cols + c] = hEdges[c]! >= 5 && vEdges[c]! >= 5 ? 1 : 0
  }
  return components(busy, cols, rows, options)
}

function components(busy: Uint8Array, cols: number, rows: number, options: RegionOptions): Box[] {
  const seen = new Uint8Array(busy.length)
  const stack: number[] = []
  const found: { box: Box; score: number }[] = []
  const maxCells = Math.ceil(options.maxSide / CELL)
  for (let start = 0; start < busy.length; start++) {
    if (!busy[start] || seen[start]) continue
    let minC = cols
    let maxC = 0
    let minR = rows
    let maxR = 0
    let count = 0
    stack.push(start)
    seen[start] = 1
    while (stack.length) {
      const i = stack.pop()!
      const r = Math.floor(i / cols)
      const c = i - r * cols
      count++
      if (c < minC) minC = c
      if (c > maxC) maxC = c
      if (r < minR) minR = r
      if (r > maxR) maxR = r
      for (const n of [
        c > 0 ? i - 1 : -1,
        c + 1 < cols ? i + 1 : -1,
        r > 0 ? i - cols : -1,
        r + 1 < rows ? i + cols : -1,
      ]) {
        if (n >= 0 && busy[n] && !seen[n]) {
          seen[n] = 1
          stack.push(n)
        }
      }
    }
    const w = maxC - minC + 1
    const h = maxR - minR + 1
    // A code: at least 3x3 cells (about 24 px), roughly square, mostly busy, not huge.
    if (w < 3 || h < 3 || w > maxCells || h > maxCells) continue
    if (w > 2 * h || h > 2 * w) continue
    const fill = count / (w * h)
    if (fill < 0.5) continue
    const margin = 2
    found.push({
      box: {
        x: Math.max(0, (minC - margin) * CELL),
        y: Math.max(0, (minR - margin) * CELL),
        width: Math.min(cols, maxC + margin + 1) * CELL - Math.max(0, (minC - margin) * CELL),
        height: Math.min(rows, maxR + margin + 1) * CELL - Math.max(0, (minR - margin) * CELL),
      },
      score: count * fill,
    })
  }
  found.sort((a, b) => b.score - a.score)
  return found.slice(0, options.maxRegions).map((f) => f.box)
}

/** A box of an RGBA image as 8-bit luminance (BT.601 weights, as ZXing uses). */
export function cropGrey(rgba: Uint8Array | Uint8ClampedArray, width: number, box: Box): Uint8Array {
  const out = new Uint8Array(box.width * box.height)
  for (let y = 0; y < box.height; y++) {
    let j = ((box.y + y) * width + box.x) * 4
    for (let x = 0; x < box.width; x++, j += 4) {
      out[y * box.width + x] = (306 * rgba[j]! + 601 * rgba[j + 1]! + 117 * rgba[j + 2]! + 512) >> 10
    }
  }
  return out
}
