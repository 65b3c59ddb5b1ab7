/** Pure: the edit distance that the link checker and the CLI's "did you mean" both measure with. */

// Three reused rows: hosts are checked against hundreds of sites, and this is the inner loop.
let rows = new Int32Array(64 * 3)

/**
 * Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps), stopping early
 * once every path is above `limit` (the result is then limit + 1).
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  const width = b.length + 1
  if (rows.length < width * 3) rows = new Int32Array(width * 3 * 2)
  let prevPrev = 0
  let prev = width
  let row = 2 * width
  for (let j = 0; j < width; j++) rows[prev + j] = j
  for (let i = 1; i <= a.length; i++) {
    rows[row] = i
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(rows[prev + j]! + 1, rows[row + j - 1]! + 1, rows[prev + j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[prevPrev + j - 2]! + 1)
      rows[row + j] = d
      if (d < rowMin) rowMin = d
    }
    if (rowMin > limit) return limit + 1
    ;[prevPrev, prev, row] = [prev, row, prevPrev]
  }
  return rows[prev + b.length]!
}
