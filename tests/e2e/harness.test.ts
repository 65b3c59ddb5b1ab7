/**
 * The harness itself, on its own small page (no UI needed): window.warifu is
 * bound to main's handler table over the real vault and keychain, errors keep
 * their code, bytes and events cross, the CSP holds, and headful Chromium under
 * Xvfb captures the screen with getDisplayMedia.
 */
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import QRCode from 'qrcode'
import { afterEach, describe, expect, it } from 'vitest'
import { pasteUntil, pressPaste, writeImageWithClipboardApi, writeImageWithXclip } from './harness/clipboard'
import { e2eUnavailable, launchApp, type LaunchedApp } from './harness/launch'
import { hasTool } from '../support/tools'
import { keychainEntry } from '../support/keychain-entry'
import { Vault } from '../../electron/vault/vault'
import { parseOtpUri } from '../../shared/otp/uri'

const ROOT = join(import.meta.dirname, 'harness', 'self-test-page')
const SECRET = 'JBSWY3DPEHPK3PXP'
const URI = `otpauth://totp/Harness:alice?secret=${SECRET}&issuer=Harness`

const why = e2eUnavailable({ root: ROOT })
if (why) console.warn(`[skip] e2e harness tests: ${why}`)
const whyHeadful = e2eUnavailable({ root: ROOT, headful: true })
if (!why && whyHeadful) console.warn(`[skip] screen-capture test: ${whyHeadful}`)

type Warifu = Window['warifu']
declare global {
  interface Window {
    warifu: import('../../shared/ipc/channels').WarifuBridge
  }
}

describe.skipIf(why !== undefined)('e2e harness', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    await app?.close()
    app = undefined
  })

  it('binds every channel of the table and saves to the real keychain', async () => {
    app = await launchApp({ root: ROOT })
    const names = await app.page.evaluate(() => Object.keys(window.warifu).sort())
    expect(names).toContain('accounts:add-from-uri')
    expect(names).toContain('on')
    const added = await app.page.evaluate((uri) => window.warifu['accounts:add-from-uri'](uri), URI)
    const listed = await app.page.evaluate(() => window.warifu['accounts:list']())
    expect(listed).toEqual([added])
    expect(JSON.stringify(listed)).not.toContain(SECRET)
    if (hasTool('secret-tool')) {
      // keytar's Secret Service attributes: service and account.
      const found = spawnSync(
        'secret-tool',
        ['lookup', 'service', app.deps.service, 'account', keychainEntry(app.deps.dataDir, added.id)],
        {
          encoding: 'utf8',
        },
      )
      expect(found.stdout.trim()).toBe(SECRET)
    }
  })

  it('shows codes that agree with oathtool', async () => {
    const at = 1_700_000_000_000
    app = await launchApp({ root: ROOT, accounts: [URI], now: () => at })
    const [snapshot] = await app.page.evaluate(() => window.warifu['codes:current']())
    const expected = spawnSync('oathtool', ['--totp', '-b', '-N', `@${at / 1000}`, SECRET], { encoding: 'utf8' })
    expect(snapshot?.code).toBe(expected.stdout.trim())
  })

  it('rejects with an Error carrying the stable code', async () => {
    app = await launchApp({ root: ROOT })
    const error = await app.page.evaluate(() =>
      window.warifu['accounts:add-from-uri']('https://example.com').then(
        () => null,
        (e: { name: string; code: string; message: string }) => ({ name: e.name, code: e.code, message: e.message }),
      ),
    )
    expect(error).toEqual({ name: 'WarifuCallError', code: 'INVALID_OTP_URI', message: 'This is not an otpauth link.' })
    const usage = await app.page.evaluate(() =>
      (window.warifu['accounts:remove'] as unknown as (x: number) => Promise<unknown>)(42).catch(
        (e: { code: string }) => e.code,
      ),
    )
    expect(usage).toBe('USAGE')
  })

  it('returns the picked image as a Uint8Array', async () => {
    app = await launchApp({ root: ROOT })
    app.deps.pickImage.path = join(app.deps.dataDir, 'shot.png')
    writeFileSync(app.deps.pickImage.path, Buffer.from([0, 1, 2, 253, 254, 255]))
    const got = await app.page.evaluate(async () => {
      const image = await window.warifu['scan:open-image']()
      return image && { name: image.name, isBytes: image.bytes instanceof Uint8Array, bytes: [...image.bytes] }
    })
    expect(got).toEqual({ name: 'shot.png', isBytes: true, bytes: [0, 1, 2, 253, 254, 255] })
  })

  it('delivers main events to subscribers until they unsubscribe', async () => {
    app = await launchApp({ root: ROOT })
    await app.page.evaluate(() => {
      const w = window as unknown as { seen: number; off: () => void; warifu: Warifu }
      w.seen = 0
      w.off = w.warifu.on('app:focus-search', () => w.seen++)
    })
    await app.emit('app:focus-search')
    await app.page.evaluate(() => (window as unknown as { off: () => void }).off())
    await app.emit('app:focus-search')
    expect(await app.page.evaluate(() => (window as unknown as { seen: number }).seen)).toBe(1)
  })

  it('tells the page when another process (the CLI) changed the accounts', async () => {
    app = await launchApp({ root: ROOT, accounts: [URI] })
    await app.page.evaluate(() => {
      const w = window as unknown as { changed: number; warifu: Warifu }
      w.changed = 0
      w.warifu.on('app:accounts-changed', () => w.changed++)
    })
    expect(await app.page.evaluate(() => window.warifu['codes:current']())).toHaveLength(1)
    // The CLI: its own Vault over the same directory and keychain service.
    const cli = await Vault.open({ dir: app.deps.dataDir, store: app.deps.store })
    const added = await cli.add(
      parseOtpUri('otpauth://totp/CLI:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=CLI'),
    )
    const codes = await app.page.evaluate(() => window.warifu['codes:current']())
    expect(codes.map((c) => c.id)).toContain(added.id)
    await expect.poll(() => app!.page.evaluate(() => (window as unknown as { changed: number }).changed)).toBe(1)
  })

  it('runs under the strict CSP: inline scripts are refused', async () => {
    app = await launchApp({ root: ROOT })
    expect(await app.page.evaluate(() => document.body.dataset.ready)).toBe('1')
    await app.page.addScriptTag({ content: 'document.body.dataset.inline = "ran"' }).catch(() => undefined)
    expect(await app.page.evaluate(() => document.body.dataset.inline)).toBeUndefined()
  })

  it('pastes an image written with the Clipboard API by a real Ctrl+V (headless)', async () => {
    app = await launchApp({ root: ROOT })
    const png = await QRCode.toBuffer(URI)
    await writeImageWithClipboardApi(app.page, png)
    await app.page.mouse.click(200, 600)
    await pressPaste(app.page)
    await app.page.waitForFunction(() => document.body.dataset.paste !== undefined)
    expect(await app.page.evaluate(() => document.body.dataset.paste)).toMatch(/^image\/png:\d+$/)
  })

  it.skipIf(whyHeadful !== undefined || !hasTool('xclip'))(
    'pastes an image put on the X clipboard by xclip (headful, Xvfb)',
    async () => {
      app = await launchApp({ root: ROOT, headful: true })
      const png = await QRCode.toBuffer(URI)
      await writeImageWithXclip(app.display!, png)
      await app.page.mouse.click(200, 600)
      await pasteUntil(app.page, () =>
        app!.page.waitForFunction(() => document.body.dataset.paste !== undefined, undefined, { timeout: 2000 }),
      )
      expect(await app.page.evaluate(() => document.body.dataset.paste)).toMatch(/^image\/png:\d+$/)
    },
  )

  it.skipIf(whyHeadful !== undefined)(
    'captures the screen under Xvfb with getDisplayMedia and finds a QR shown there',
    async () => {
      app = await launchApp({
        root: ROOT,
        headful: true,
        viewport: { width: 400, height: 400 },
        args: ['--auto-select-desktop-capture-source=Entire screen', '--window-position=0,0', '--window-size=420,520'],
      })
      // A second window, to the right of the app's, shows the QR code on the screen.
      const qrPage = await app.context.newPage()
      const png = await QRCode.toDataURL(URI, { width: 360, margin: 4 })
      await qrPage.setContent(`<body style="margin:0;background:#fff"><img src="${png}"></body>`)
      const cdp = await app.context.newCDPSession(qrPage)
      const { windowId } = (await cdp.send('Browser.getWindowForTarget')) as { windowId: number }
      await cdp.send('Browser.setWindowBounds', { windowId, bounds: { left: 600, top: 0, width: 480, height: 520 } })
      await qrPage.waitForTimeout(300)

      await app.page.click('#capture')
      await app.page.waitForFunction(() => document.body.dataset.capture !== undefined, undefined, { timeout: 20_000 })
      const outcome = await app.page.evaluate(() => document.body.dataset.capture)
      expect(outcome).toBe('1280x800')
      const dataUrl = await app.page.evaluate(() => (document.getElementById('frame') as HTMLCanvasElement).toDataURL())
      // Decoded here by jsQR, independently of the app's own pipeline.
      const frame = PNG.sync.read(Buffer.from(dataUrl.split(',')[1]!, 'base64'))
      const found = jsQR(
        new Uint8ClampedArray(frame.data.buffer, frame.data.byteOffset, frame.data.length),
        frame.width,
        frame.height,
      )
      expect(found?.data).toBe(URI)
    },
  )
})
