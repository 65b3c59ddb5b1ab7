import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { deflateSync } from 'node:zlib'
import jpeg from 'jpeg-js'
import { describe, expect, it } from 'vitest'
import { scanImageBytes, scanImageFile } from '../../../electron/scan/scan-file'
import { ImageDecodeTimeoutError, ImageTooLargeError, NotAnImageError, UsageError } from '../../../shared/errors'
import { useTempDir } from '../../support/temp-dir'
import { ROOT, skipUnless } from '../../support/tools'
import { pngFile, rgbaRowBytes, zlibZeros } from './hostile-png'

const FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'qr')
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, string[]>

/** A white, opaque RGBA PNG: valid, holds no code, and takes a while to decode and scan. */
function whitePng(width: number, height: number): Buffer {
  const row = Buffer.alloc(rgbaRowBytes(width), 255)
  row[0] = 0
  const data = Buffer.alloc(row.length * height)
  for (let y = 0; y < height; y++) row.copy(data, y * row.length)
  return pngFile({ width, height }, deflateSync(data, { level: 1 }))
}

describe('scanImageFile (decodes in a worker thread)', () => {
  const tempDir = useTempDir()

  it('reads the QR codes of the fixtures as before', async () => {
    for (const name of ['broker-screenshot.png', 'broker-screenshot.jpg', 'two-codes.png']) {
      expect((await scanImageFile(path.join(FIXTURES, name))).sort()).toEqual([...expected[name]!].sort())
    }
  })

  it('leaves the bytes it is given usable (it decodes a copy)', async () => {
    const bytes = readFileSync(path.join(FIXTURES, 'broker-screenshot.png'))
    const copy = Buffer.from(bytes)
    expect(await scanImageBytes(bytes)).toEqual(expected['broker-screenshot.png'])
    expect(bytes.equals(copy)).toBe(true)
  })

  it('brings typed errors back from the worker', async () => {
    await expect(scanImageFile(path.join(FIXTURES, 'truncated.png'))).rejects.toThrow(
      new NotAnImageError('The PNG file is truncated or corrupt.'),
    )
    const bomb = pngFile({ width: 1000, height: 1000, interlace: 1 }, zlibZeros(256 * 1024 * 1024))
    await expect(scanImageBytes(bomb)).rejects.toThrow(/more pixel data than its size/)
    await expect(scanImageBytes(pngFile({ width: 20_000, height: 20_000 }, zlibZeros(1024)))).rejects.toThrow(
      ImageTooLargeError,
    )
  })

  it('stops the worker when the time limit passes, with IMAGE_DECODE_TIMEOUT', async () => {
    let limit = 0
    let started!: (fire: () => void) => void
    const timerStarted = new Promise<() => void>((resolve) => (started = resolve))
    const scanning = scanImageBytes(whitePng(2000, 2000), {
      timeLimitMs: 20_000,
      startTimer: (onTimeout, ms) => {
        limit = ms
        started(onTimeout)
        return () => {}
      },
    })
    // The time is up as soon as the worker starts (in the same turn: it cannot have answered yet),
    // and it is stopped, not waited for.
    const fire = await timerStarted
    fire()
    expect(limit).toBe(20_000)
    await expect(scanning).rejects.toThrow(
      new ImageDecodeTimeoutError('The image took over 20 s to decode; it was stopped.'),
    )
  })

  it('answers IMAGE_TOO_LARGE when the worker runs out of heap, and the caller carries on', async () => {
    // jpeg-js keeps each 8x8 block as its own object: 6 MP of them do not fit in a 32 MB heap,
    // where the fixture does.
    const bytes = jpeg.encode({ data: Buffer.alloc(3000 * 2000 * 4, 128), width: 3000, height: 2000 }, 50).data
    await expect(scanImageBytes(bytes, { heapLimitMb: 32 })).rejects.toThrow(
      new ImageTooLargeError('The image needs more memory to decode than the app allows.'),
    )
    const fixture = path.join(FIXTURES, 'broker-screenshot.jpg')
    expect(await scanImageFile(fixture, { heapLimitMb: 32 })).toEqual(expected['broker-screenshot.jpg'])
  })

  it('decodes one image at a time: the second starts when the first is done', async () => {
    const events: string[] = []
    const timer = (name: string) => () => {
      events.push(`${name} starts`)
      return () => events.push(`${name} done`)
    }
    const png = readFileSync(path.join(FIXTURES, 'broker-screenshot.png'))
    const first = scanImageBytes(png, { startTimer: timer('first') })
    const second = scanImageBytes(png, { startTimer: timer('second') })
    expect(await Promise.all([first, second])).toEqual([
      expected['broker-screenshot.png'],
      expected['broker-screenshot.png'],
    ])
    expect(events).toEqual(['first starts', 'first done', 'second starts', 'second done'])
  })

  it('stops on its AbortSignal, decoding or waiting its turn, and the decode before it still finishes', async () => {
    const png = readFileSync(path.join(FIXTURES, 'broker-screenshot.png'))
    const decoding = new AbortController()
    const waiting = new AbortController()
    const first = scanImageBytes(whitePng(2000, 2000), { signal: decoding.signal })
    const second = scanImageBytes(png)
    const third = scanImageBytes(png, { signal: waiting.signal })
    decoding.abort()
    waiting.abort()
    await expect(first).rejects.toThrow(new UsageError('The image scan was cancelled.'))
    await expect(third).rejects.toThrow(new UsageError('The image scan was cancelled.'))
    expect(await second).toEqual(expected['broker-screenshot.png'])
    await expect(scanImageBytes(png, { signal: AbortSignal.abort() })).rejects.toThrow(/cancelled/)
  })

  it('cancels its timer once the worker answers', async () => {
    let cancelled = false
    const texts = await scanImageFile(path.join(FIXTURES, 'broker-screenshot.png'), {
      startTimer: () => () => (cancelled = true),
    })
    expect(texts).toEqual(expected['broker-screenshot.png'])
    expect(cancelled).toBe(true)
  })

  it("keeps the caller's event loop running while a large image decodes", async () => {
    // 36 MP: long enough to decode that a blocked loop would show one long gap.
    const file = path.join(tempDir(), 'white.png')
    writeFileSync(file, whitePng(6000, 6000))
    const ticks: number[] = []
    const timer = setInterval(() => ticks.push(performance.now()), 5)
    const start = performance.now()
    try {
      await expect(scanImageFile(file)).resolves.toEqual([])
    } finally {
      clearInterval(timer)
    }
    const total = performance.now() - start
    const gaps = ticks.map((t, i) => t - (i === 0 ? start : ticks[i - 1]!))
    // Relative, not absolute: with decoding on this thread the longest gap was nearly the whole run.
    expect(Math.max(...gaps)).toBeLessThan(total / 4)
    expect(ticks.length).toBeGreaterThan(10)
  })
})

// npm test builds first: the main process's copy of the worker (everything bundled but keytar and
// electron) must run on its own, finding ZXing's .wasm from dist/electron.
describe('the decode worker bundled for the main process', () => {
  const bundled = path.join(ROOT, 'dist', 'electron', 'decode-worker.cjs')
  const skip = skipUnless(existsSync(bundled), 'the built main bundle (npm run build)')

  it.skipIf(skip)('reads a fixture from dist/electron/decode-worker.cjs', async () => {
    const worker = new Worker(bundled)
    try {
      const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, 'broker-screenshot.png')))
      const reply = new Promise((resolve) => worker.once('message', resolve))
      worker.postMessage({ bytes }, [bytes.buffer])
      expect(await reply).toEqual({ ok: true, texts: expected['broker-screenshot.png'] })
    } finally {
      await worker.terminate()
    }
  })
})
