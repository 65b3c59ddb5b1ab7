import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { decodeQrCodes } from '../../../shared/scan/decode'
import { readImageFile } from '../../../electron/scan/read-image'
import { loadZxingForNode } from '../../../electron/scan/zxing-node'

// The zxing project's black-box QR photos, shared beside the project (see its README.md).
const ROOT = path.resolve(import.meta.dirname, '..', '..', '..')
const CORPUS = path.resolve(ROOT, '..', 'shared', 'qr-corpus', 'zxing-blackbox')
const present = existsSync(CORPUS)
if (!present) console.warn(`QR corpus test skipped: ${CORPUS} is absent (it lives in /work/shared).`)

/** The target on these 179 photos (raw ZXing-C++ reads 165, jsqr 152). */
const TARGET = 170
/** The one image holding two codes: a QR nested inside another; the inner one is a true read. */
const NESTED = 'qrcode-2/16.png'

describe.skipIf(!present)('decodeQrCodes on the zxing black-box corpus', () => {
  beforeAll(async () => {
    await loadZxingForNode()
  })

  it(`reads at least ${TARGET} of the 179 photos and never returns a wrong text`, async () => {
    let read = 0
    let total = 0
    const unexpected: string[] = []
    for (const set of readdirSync(CORPUS).filter((d) => d.startsWith('qrcode-'))) {
      for (const file of readdirSync(path.join(CORPUS, set)).filter((f) => f.endsWith('.png'))) {
        total++
        const want = readFileSync(path.join(CORPUS, set, file.replace(/\.png$/, '.txt')), 'utf8')
        const texts = await decodeQrCodes(await readImageFile(path.join(CORPUS, set, file)))
        if (texts.includes(want)) read++
        if (`${set}/${file}` !== NESTED && texts.some((t) => t !== want)) unexpected.push(`${set}/${file}`)
      }
    }
    expect(total).toBe(179)
    expect(unexpected).toEqual([])
    expect(read).toBeGreaterThanOrEqual(TARGET)
  })
})
