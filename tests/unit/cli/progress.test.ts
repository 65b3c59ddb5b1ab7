/** The CLI's progress line: terminal only, only after the threshold, rewritten in place, erased at the end. */
import { describe, expect, it } from 'vitest'
import { createProgress, decodingText, importProgressText } from '../../../electron/cli/progress'

/** A progress line with a hand-moved clock and a ticker the test fires itself. */
function harness(isTerminal = true, afterMs = 1000) {
  let now = 0
  const written: string[] = []
  const ticks: (() => void)[] = []
  let stopped = 0
  const progress = createProgress({
    write: (t) => written.push(t),
    isTerminal,
    afterMs,
    now: () => now,
    every: (fn) => {
      ticks.push(fn)
      return () => stopped++
    },
  })
  return {
    progress,
    written,
    advance(ms: number) {
      now += ms
      for (const tick of ticks) tick()
    },
    get stopped() {
      return stopped
    },
  }
}

describe('createProgress', () => {
  it('shows nothing for work that ends before the threshold', () => {
    const h = harness()
    h.progress.update('Reading a.png…')
    h.advance(999)
    h.progress.clear()
    expect(h.written).toEqual([])
    expect(h.stopped).toBe(1)
  })

  it('shows the latest step once the threshold has passed, with the seconds spent, and erases it at the end', () => {
    const h = harness()
    h.progress.update('Reading a.png…')
    h.progress.update('Decoding 6000×4000 image, downscaling…')
    h.advance(1000)
    h.advance(2500)
    h.progress.clear()
    expect(h.written).toEqual([
      '\r\u001b[KDecoding 6000×4000 image, downscaling… 1 s',
      '\r\u001b[KDecoding 6000×4000 image, downscaling… 3 s',
      '\r\u001b[K',
    ])
  })

  it('writes a new step at once when the threshold has passed already', () => {
    const h = harness()
    h.progress.update('Reading a.png…')
    h.advance(1200)
    h.progress.update('Reading b.png (2 of 2)…')
    expect(h.written.at(-1)).toBe('\r\u001b[KReading b.png (2 of 2)… 1 s')
  })

  it('writes nothing at all when stderr is not a terminal', () => {
    const h = harness(false, 0)
    h.progress.update('Reading a.png…')
    h.advance(5000)
    h.progress.clear()
    expect(h.written).toEqual([])
  })
})

describe('progress texts', () => {
  it('says when the decoder downscales (shorter side over 500 px, ZXing\u2019s threshold)', () => {
    expect(decodingText({ width: 6000, height: 4000 })).toBe('Decoding 6000×4000 image, downscaling…')
    expect(decodingText({ width: 640, height: 480 })).toBe('Decoding 640×480 image…')
  })

  it('names each import step', () => {
    expect(importProgressText({ stage: 'reading', name: 'a.json', index: 0, total: 1 })).toBe('Reading a.json…')
    expect(importProgressText({ stage: 'reading', name: 'b.png', index: 1, total: 3 })).toBe('Reading b.png (2 of 3)…')
    expect(importProgressText({ stage: 'unlocking', name: 'a.json' })).toBe('Opening a.json with its password…')
  })
})
