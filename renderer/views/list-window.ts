/**
 * The account list's window: which rows to keep in the DOM, from each row's height (measured once it
 * was shown, estimated before) and the part of the list the window shows. Pure arithmetic, no DOM.
 */

/** Each row's top from the list's top, and the list's whole height. */
export function layoutRows(heights: readonly number[]): { tops: number[]; total: number } {
  const tops: number[] = []
  let y = 0
  for (const h of heights) {
    tops.push(y)
    y += h
  }
  return { tops, total: y }
}

/** The rows overlapping [from, to) pixels of the list: start inclusive, end exclusive. */
export function rowsInView(
  tops: readonly number[],
  heights: readonly number[],
  from: number,
  to: number,
): { start: number; end: number } {
  // The first row whose bottom is below `from` (binary search: tops only grow).
  let lo = 0
  let hi = tops.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (tops[mid]! + heights[mid]! <= from) lo = mid + 1
    else hi = mid
  }
  let end = lo
  while (end < tops.length && tops[end]! < to) end++
  return { start: lo, end }
}
