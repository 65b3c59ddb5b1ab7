/**
 * `npm run bench:qr`: the decode pipeline against raw jsqr and raw zxing-wasm, in the same run, on
 * the zxing corpus (../shared/qr-corpus, when present) and on seeded synthetic screenshots.
 * Prints decode rate and median/p95 ms per decoder and image kind, then the issue's targets.
 * Times are decode calls only (images are decoded from files or generated beforehand), per image
 * the best of 2 calls for the pipeline and raw zxing-wasm, one call for raw jsqr.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import jsQR from 'jsqr'
import { readBarcodes } from 'zxing-wasm/reader'
import { decodeQrCodes } from '../../shared/scan/decode'
import type { RgbaImage } from '../../shared/scan/image'
import { decodeImageBytes } from '../../electron/scan/read-image'
import { loadZxingForNode } from '../../electron/scan/zxing-node'
import { syntheticCases } from './qr-synthetic'

type Decoder = (image: RgbaImage) => Promise<string[]>

const decoders: Record<string, Decoder> = {
  pipeline: (image) => decodeQrCodes(image),
  // jsqr's defaults (attemptBoth); options passed in full on every call (1.4.0 mutates its defaults).
  jsqr: (image) => {
    const r = jsQR(
      new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength),
      image.width,
      image.height,
      {
        inversionAttempts: 'attemptBoth',
      },
    )
    return Promise.resolve(r ? [r.data] : [])
  },
  // ZXing-C++ with its default options, QR only.
  zxing: async (image) =>
    (await readBarcodes(image as unknown as Parameters<typeof readBarcodes>[0], { formats: ['QRCode'] })).map(
      (r) => r.text,
    ),
}

interface Sample {
  kind: string
  expected: string[]
  modulePx: number
  width: number
  height: number
  results: Record<string, { found: number; wrong: number; ms: number }>
}

const samples: Sample[] = []
const RUNS = 2

async function measure(kind: string, image: RgbaImage, expected: string[], modulePx: number): Promise<void> {
  const results: Sample['results'] = {}
  for (const [name, decode] of Object.entries(decoders)) {
    // Each image's time is the best of RUNS calls (jsqr: one, it is slow), so that one
    // scheduling hiccup on a shared 2-core machine does not decide a median or a p95.
    let ms = Infinity
    let texts: string[] = []
    for (let run = 0; run < (name === 'jsqr' ? 1 : RUNS); run++) {
      const start = performance.now()
      texts = await decode(image)
      ms = Math.min(ms, performance.now() - start)
    }
    results[name] = {
      found: expected.filter((e) => texts.includes(e)).length,
      wrong: texts.filter((t) => !expected.includes(t)).length,
      ms,
    }
  }
  samples.push({ kind, expected, modulePx, width: image.width, height: image.height, results })
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN
}

function table(title: string, rows: Sample[]): void {
  const expected = rows.reduce((n, s) => n + s.expected.length, 0)
  const line = [`${title.padEnd(28)} n=${String(rows.length).padStart(3)}`]
  for (const name of Object.keys(decoders)) {
    const found = rows.reduce((n, s) => n + s.results[name]!.found, 0)
    const wrong = rows.reduce((n, s) => n + s.results[name]!.wrong, 0)
    const ms = rows.map((s) => s.results[name]!.ms)
    const rate = expected ? `${found}/${expected}` : '-'
    line.push(
      `${name}: ${rate.padStart(7)}${wrong ? ` (${wrong} extra)` : ''} med ${quantile(ms, 0.5).toFixed(1)} p95 ${quantile(ms, 0.95).toFixed(1)} ms`,
    )
  }
  console.log(line.join(' | '))
}

const root = path.resolve(import.meta.dirname, '..', '..')
const corpus = path.resolve(root, '..', 'shared', 'qr-corpus', 'zxing-blackbox')
await loadZxingForNode()
// Warm up ZXing's instantiation so the first sample is not charged for it.
await decodeQrCodes({ data: new Uint8Array(64 * 64 * 4), width: 64, height: 64 })

console.log('== zxing corpus ==')
if (!existsSync(corpus)) {
  console.log(`skipped: ${corpus} is absent`)
} else {
  for (const set of readdirSync(corpus)
    .filter((d) => d.startsWith('qrcode-'))
    .sort()) {
    for (const file of readdirSync(path.join(corpus, set))
      .filter((f) => f.endsWith('.png'))
      .sort()) {
      const image = decodeImageBytes(readFileSync(path.join(corpus, set, file)))
      const expected = readFileSync(path.join(corpus, set, file.replace(/\.png$/, '.txt')), 'utf8')
      await measure(`corpus/${set}`, image, [expected], 0)
    }
  }
  const rows = samples.filter((s) => s.kind.startsWith('corpus/'))
  for (const set of [...new Set(rows.map((s) => s.kind))])
    table(
      set,
      rows.filter((s) => s.kind === set),
    )
  table('corpus (all)', rows)
}

console.log('== synthetic screenshots (seeded) ==')
for (const c of syntheticCases()) await measure(`synthetic/${c.kind}`, c.image, c.expected, c.modulePx)
const synth = samples.filter((s) => s.kind.startsWith('synthetic/'))
for (const kind of [...new Set(synth.map((s) => s.kind))])
  table(
    kind,
    synth.filter((s) => s.kind === kind),
  )
for (const [lo, hi] of [
  [0, 1.5],
  [1.5, 2],
  [2, 3],
  [3, 99],
]) {
  table(
    `modules ${lo}-${hi} px`,
    synth.filter((s) => s.expected.length && s.modulePx >= lo! && s.modulePx < hi!),
  )
}
const uhd = synth.filter((s) => s.width === 3840 && s.height === 2160)
table(
  '3840x2160 with code',
  uhd.filter((s) => s.expected.length),
)
table(
  '3840x2160 no code',
  uhd.filter((s) => !s.expected.length),
)
table(
  '7680x4320',
  synth.filter((s) => s.width === 7680),
)
table('synthetic (all)', synth)

console.log('== targets (pipeline) ==')
const sum = (rows: Sample[], f: (s: Sample) => number) => rows.reduce((n, s) => n + f(s), 0)
const p = (s: Sample) => s.results.pipeline!
const check = (label: string, ok: boolean, detail: string) => console.log(`${ok ? 'MET ' : 'MISS'} ${label}: ${detail}`)
const corpusRows = samples.filter((s) => s.kind.startsWith('corpus/'))
if (corpusRows.length) {
  const found = sum(corpusRows, (s) => p(s).found)
  check('zxing photos >= 170/179', found >= 170, `${found}/${corpusRows.length}`)
}
const big = synth.filter((s) => s.modulePx >= 1.5)
check(
  'every code with modules >= 1.5 px',
  sum(big, (s) => s.expected.length - p(s).found) === 0,
  `${sum(big, (s) => p(s).found)}/${sum(big, (s) => s.expected.length)}`,
)
const multi = synth.filter((s) => s.kind === 'synthetic/multi')
check(
  'every code on multi-code pages',
  sum(multi, (s) => s.expected.length - p(s).found) === 0,
  `${sum(multi, (s) => p(s).found)}/${sum(multi, (s) => s.expected.length)}`,
)
const empty = synth.filter((s) => !s.expected.length)
check(
  'no result on empty pages',
  sum(empty, (s) => p(s).wrong) === 0,
  `${sum(empty, (s) => p(s).wrong)} results on ${empty.length} pages`,
)
const wrongAll = sum(samples, (s) => p(s).wrong)
console.log(
  `INFO texts not in the expected list, all images: ${wrongAll} (corpus qrcode-2/16 holds a second, inner code)`,
)
const uhdCode = uhd.filter((s) => s.expected.length)
const medPipe = quantile(
  uhdCode.map((s) => p(s).ms),
  0.5,
)
const medZx = quantile(
  uhdCode.map((s) => s.results.zxing!.ms),
  0.5,
)
check(
  '3840x2160 median <= 1.5x raw zxing-wasm',
  medPipe <= 1.5 * medZx,
  `${medPipe.toFixed(1)} ms vs ${medZx.toFixed(1)} ms (x${(medPipe / medZx).toFixed(2)})`,
)
check('3840x2160 median < 100 ms', medPipe < 100, `${medPipe.toFixed(1)} ms`)
const uhdEmpty = uhd.filter((s) => !s.expected.length).map((s) => p(s).ms)
check(
  '3840x2160 no code < 200 ms (slowest)',
  Math.max(...uhdEmpty) < 200,
  `max ${Math.max(...uhdEmpty).toFixed(1)} ms, median ${quantile(uhdEmpty, 0.5).toFixed(1)} ms`,
)
