import { describe, expect, it } from 'vitest'
import { layoutRows, rowsInView } from '../../../renderer/views/list-window'

describe('list window', () => {
  it('places each row after the ones before it', () => {
    expect(layoutRows([84, 85, 75, 85])).toEqual({ tops: [0, 84, 169, 244], total: 329 })
    expect(layoutRows([])).toEqual({ tops: [], total: 0 })
  })

  const { tops } = layoutRows(Array<number>(200).fill(100))
  const heights = Array<number>(200).fill(100)

  it.each([
    // [from, to) in pixels of the list -> rows overlapping it
    [0, 720, 0, 8],
    [-400, 320, 0, 4],
    [250, 450, 2, 5],
    [300, 400, 3, 4], // a row ending exactly at `from` is out, one starting exactly at `to` too
    [19_950, 20_500, 199, 200],
    [25_000, 26_000, 200, 200],
  ])('from %i to %i px shows rows %i to %i', (from, to, start, end) => {
    expect(rowsInView(tops, heights, from, to)).toEqual({ start, end })
  })

  it('follows rows of different heights', () => {
    const hs = [84, 85, 75, 85, 54]
    const { tops: ts } = layoutRows(hs)
    expect(rowsInView(ts, hs, 160, 250)).toEqual({ start: 1, end: 4 })
  })
})
