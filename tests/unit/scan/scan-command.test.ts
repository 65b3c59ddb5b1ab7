import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/cli/cli'
import { isOtpText } from '../../../electron/cli/commands/scan'
import type { CliIo } from '../../../electron/cli/io'
import { drawQr, qrMatrix, toRgba, type GreyCanvas } from '../../bench/qr-synthetic'
import { useTempDir } from '../../support/temp-dir'

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..')
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'qr')
const fixture = (name: string) => path.join(FIXTURES, name)
const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as Record<string, string[]>

function harness() {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readStdin: () => Promise.resolve(''),
    now: () => 0,
    openVault: () => Promise.reject(new Error('scan never opens the vault')),
  }
  return { out, err, run: (...argv: string[]) => runCli(argv, io) }
}

function writeCodesPng(file: string, texts: string[]): void {
  const c: GreyCanvas = {
    data: new Uint8Array(400 * texts.length * 400).fill(255),
    width: 400 * texts.length,
    height: 400,
  }
  texts.forEach((t, i) => drawQr(c, qrMatrix(t), 400 * i + 20, 20, 5))
  const png = new PNG({ width: c.width, height: c.height })
  png.data = Buffer.from(toRgba(c).data.buffer)
  writeFileSync(file, PNG.sync.write(png))
}

describe('warifu scan', () => {
  const tempDir = useTempDir()

  it('prints the otpauth URI of a broker screenshot and nothing on stderr', async () => {
    const h = harness()
    expect(await h.run('scan', fixture('broker-screenshot.png'))).toBe(0)
    expect(h.out).toEqual(expected['broker-screenshot.png'])
    expect(h.err).toEqual([])
  })

  it('prints every code of several images, each text once', async () => {
    const h = harness()
    const files = ['two-codes.png', 'broker-screenshot.png', 'broker-screenshot.jpg', 'ga-export.png']
    expect(await h.run('scan', ...files.map(fixture))).toBe(0)
    const all = [...new Set(files.flatMap((f) => expected[f]!))]
    expect([...h.out].sort()).toEqual([...all].sort())
  })

  it('prints only otpauth texts and notes the others on stderr without their content', async () => {
    const file = path.join(tempDir(), 'mixed.png')
    const otp = 'otpauth://totp/Mixed:ann?secret=JBSWY3DPEHPK3PXP&issuer=Mixed'
    writeCodesPng(file, ['https://example.com/not-a-secret', otp])
    const h = harness()
    expect(await h.run('scan', file)).toBe(0)
    expect(h.out).toEqual([otp])
    expect(h.err).toEqual([`warifu: note: ${file}: 1 QR code(s) without an otpauth URI, not printed.`])
  })

  it('fails with NO_QR_FOUND when the only codes are not otpauth', async () => {
    const file = path.join(tempDir(), 'url.png')
    writeCodesPng(file, ['https://example.com/'])
    const h = harness()
    expect(await h.run('scan', file)).toBe(1)
    expect(h.out).toEqual([])
    expect(h.err.at(-1)).toBe(`warifu: ${file}: No otpauth QR code found. [NO_QR_FOUND]`)
  })

  it.each([
    ['no-code.png', 'No QR code found. [NO_QR_FOUND]'],
    ['truncated.png', 'The PNG file is truncated or corrupt. [NOT_AN_IMAGE]'],
    ['not-an-image.png', 'The file is not a PNG or JPEG image. [NOT_AN_IMAGE]'],
    ['absent.png', 'The file cannot be read (ENOENT). [NOT_AN_IMAGE]'],
  ])('exits 1 with one clear line for %s', async (name, message) => {
    const h = harness()
    expect(await h.run('scan', fixture(name))).toBe(1)
    expect(h.out).toEqual([])
    expect(h.err).toEqual([`warifu: ${fixture(name)}: ${message}`])
  })

  it('prints what it found, lists each failed image, and exits 1 when some images fail', async () => {
    const h = harness()
    expect(await h.run('scan', fixture('dark-mode.png'), fixture('no-code.png'), fixture('truncated.png'))).toBe(1)
    expect(h.out).toEqual(expected['dark-mode.png'])
    expect(h.err).toEqual([
      `warifu: ${fixture('no-code.png')}: No QR code found. [NO_QR_FOUND]`,
      `warifu: ${fixture('truncated.png')}: The PNG file is truncated or corrupt. [NOT_AN_IMAGE]`,
      'warifu: 2 of 3 images gave no otpauth code. [NO_QR_FOUND]',
    ])
  })

  it('needs at least one image (usage error, exit 2)', async () => {
    const h = harness()
    expect(await h.run('scan')).toBe(2)
  })

  it.each([
    ['otpauth://totp/a?secret=A', true],
    ['OTPAUTH://TOTP/a?secret=A', true],
    ['otpauth-migration://offline?data=AA', true],
    ['https://example.com/otpauth://', false],
    ['otpauth:/totp', false],
  ])('isOtpText(%s) is %s', (text, result) => {
    expect(isOtpText(text)).toBe(result)
  })

  // The built bundle must find ZXing's .wasm on its own (npm test builds before running tests).
  const bundle = path.join(ROOT, 'dist', 'cli', 'warifu.cjs')
  it.skipIf(!existsSync(bundle))('works from the built CLI bundle, run from another directory', () => {
    const run = spawnSync(process.execPath, [bundle, 'scan', fixture('hidpi-1.5px.png')], {
      cwd: tempDir(),
      encoding: 'utf8',
    })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toBe(expected['hidpi-1.5px.png']!.join('\n') + '\n')
  })
})
