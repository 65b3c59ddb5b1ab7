/**
 * The renderer as a user drives it: the built UI in Chromium over main's real handler table, vault and
 * keychain (tests/e2e/harness). Codes are checked against oathtool, an independent implementation.
 */
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import QRCode from 'qrcode'
import { PNG } from 'pngjs'
import { afterEach, describe, expect, it } from 'vitest'
import { pressPaste, writeImageWithClipboardApi } from './harness/clipboard'
import { e2eUnavailable, launchApp, type LaunchedApp, type LaunchOptions } from './harness/launch'
import { AT_27_LEFT, AT_4_LEFT, DEMO_ACCOUNTS, twoQrPng } from './screenshots/scenes'
import { hasTool } from '../support/tools'
import { parseOtpUri } from '../../shared/otp/uri'

const why = e2eUnavailable()
if (why) console.warn(`[skip] UI tests: ${why}`)
const whyHeadful = e2eUnavailable({ headful: true })
if (!why && whyHeadful) console.warn(`[skip] UI screen-scan test: ${whyHeadful}`)
const hasOathtool = hasTool('oathtool')

const SECRET = 'JBSWY3DPEHPK3PXP'
const URI = `otpauth://totp/ACME:alice%40example.com?secret=${SECRET}&issuer=ACME`

function oathtool(secret: string, atMs: number, extra: string[] = ['--totp']): string {
  const out = spawnSync('oathtool', ['-b', '-N', `@${atMs / 1000}`, ...extra, secret], { encoding: 'utf8' })
  if (out.status !== 0) throw new Error(`oathtool failed: ${out.stderr}`)
  return out.stdout.trim()
}

const digits = (text: string | null) => (text ?? '').replace(/\s/g, '')

describe.skipIf(why !== undefined)('renderer (e2e over main handlers)', () => {
  let app: LaunchedApp | undefined
  const errors: string[] = []
  afterEach(async () => {
    await app?.close()
    app = undefined
    expect(errors.splice(0)).toEqual([])
  })

  async function launch(options: LaunchOptions): Promise<LaunchedApp> {
    app = await launchApp(options)
    app.page.on('pageerror', (e) => errors.push(e.message))
    app.page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    // Nothing but our own origin: no CDN, no network.
    app.page.on('request', (r) => {
      if (!r.url().startsWith(app!.url.replace(/\/index\.html$/, '')) && !r.url().startsWith('blob:')) {
        errors.push(`request to ${r.url()}`)
      }
    })
    return app
  }

  it.skipIf(!hasOathtool)('shows codes that agree with oathtool, and the next code near the end', async () => {
    const { page } = await launch({ accounts: [URI, DEMO_ACCOUNTS[5]!], now: () => AT_4_LEFT })
    const rows = page.locator('.account')
    await expect.poll(async () => digits(await rows.nth(0).locator('.code').textContent())).toMatch(/^\d{6}$/)
    expect(digits(await rows.nth(0).locator('.code').textContent())).toBe(oathtool(SECRET, AT_4_LEFT))
    expect(digits(await rows.nth(0).locator('.next').textContent())).toContain(oathtool(SECRET, AT_4_LEFT + 30_000))
    expect(await rows.nth(0).getAttribute('class')).toContain('ending')
    // Example Bank: 8 digits, 60 s, SHA-256.
    expect(digits(await rows.nth(1).locator('.code').textContent())).toBe(
      oathtool('NBSWY3DPEB3W64TMMQQHI2LNMUQGC3TE', AT_4_LEFT, ['--digits=8', '--time-step-size=60s', '--totp=sha256']),
    )
    expect(await rows.nth(0).locator('.code').textContent()).toMatch(/^\d{3} \d{3}$/)
  })

  it('adds an account from a typed setup key, validating as you type', async () => {
    const { page } = await launch({ now: () => AT_27_LEFT })
    await page.locator('[data-action="add"]').first().click()
    const secret = page.locator('input[name="secret"]')
    await secret.fill('JBSW1')
    // Said under the key's own field, which is marked invalid.
    await expect.poll(() => page.locator('#secret-error').textContent()).toMatch(/characters that cannot be in one/)
    expect(await secret.getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator('form.manual button[type="submit"]').isDisabled()).toBe(true)
    await secret.fill('jbsw y3dp ehpk 3pxp')
    await page.locator('input[name="issuer"]').fill('ACME')
    await page.locator('input[name="label"]').fill('alice')
    await page.locator('.validation[data-kind="ok"]').waitFor()
    if (hasOathtool)
      expect(digits(await page.locator('.validation').textContent())).toContain(oathtool(SECRET, AT_27_LEFT))
    await page.locator('form.manual button[type="submit"]').click()
    await page.locator('.account').waitFor()
    expect(await page.locator('.account .issuer').textContent()).toBe('ACME')
    const saved = (await app!.deps.vault.get()).list()
    expect(saved.map((a) => [a.issuer, a.label])).toEqual([['ACME', 'alice']])
  })

  it('adds an account by pasting a QR screenshot, showing its details and code first', async () => {
    const { page } = await launch({ now: () => AT_27_LEFT })
    await writeImageWithClipboardApi(page, await QRCode.toBuffer(URI, { scale: 6 }))
    await page.locator('.empty').waitFor()
    await pressPaste(page)
    const preview = page.locator('.preview')
    await preview.waitFor()
    const details = await preview.locator('.details').textContent()
    for (const word of ['SHA-1', '6', '30 s']) expect(details).toContain(word)
    // The names are fields to correct (saved on scan, renamed by Done).
    expect(await preview.locator('input[name="issuer"]').inputValue()).toBe('ACME')
    expect(await preview.locator('input[name="label"]').inputValue()).toBe('alice@example.com')
    if (hasOathtool) expect(digits(await preview.locator('.code').textContent())).toBe(oathtool(SECRET, AT_27_LEFT))
    // The scanned URI (it holds the secret) is never written into the page.
    expect(await page.content()).not.toContain(SECRET)
    await preview.locator('[data-action="save"]').click()
    await page.locator('.account').waitFor()
    expect(await page.locator('.toast').textContent()).toContain('ACME (alice@example.com)')
  })

  it('adds an account from an image file dropped on the window', async () => {
    const { page } = await launch({ accounts: [DEMO_ACCOUNTS[0]!], now: () => AT_27_LEFT })
    await page.locator('.account').waitFor()
    const png = (await QRCode.toBuffer(URI, { scale: 6 })).toString('base64')
    await page.evaluate((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
      const data = new DataTransfer()
      data.items.add(new File([bytes], 'qr.png', { type: 'image/png' }))
      const target = document.querySelector('.account')!
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }))
      }
    }, png)
    await page.locator('.preview').waitFor()
    expect(await page.locator('.preview input[name="label"]').inputValue()).toBe('alice@example.com')
  })

  it('lets the user pick when a screenshot holds several codes', async () => {
    const other = 'otpauth://totp/Other:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Other'
    const { page } = await launch({ now: () => AT_27_LEFT })
    await writeImageWithClipboardApi(page, await twoQrPng(URI, other))
    await page.locator('.empty').waitFor()
    await pressPaste(page)
    await page.locator('.pick').first().waitFor()
    expect(await page.locator('.pick').count()).toBe(2)
    await page.locator('.pick', { hasText: 'Other' }).click()
    await page.locator('.preview [data-action="save"]').click()
    await page.locator('.account').waitFor()
    expect(await page.locator('.account .issuer').allTextContents()).toEqual(['Other'])
  })

  it("opens an image through main's dialog and says when a Google Authenticator export is damaged", async () => {
    const { page } = await launch({})
    const path = join(app!.deps.dataDir, 'export.png')
    writeFileSync(path, await QRCode.toBuffer('otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGG', { scale: 5 }))
    app!.deps.pickImage.path = path
    await page.locator('[data-action="add"]').first().click()
    await page.locator('[data-action="open-image"]').click()
    // An export goes to the Import tab, which names the problem and imports nothing.
    const status = page.locator('.import .scan-status[data-kind="error"]')
    await expect.poll(() => status.textContent()).toBe('The backup file is damaged.')
    expect(await page.getByRole('tab', { name: 'Import' }).getAttribute('aria-selected')).toBe('true')
    expect((await app!.deps.vault.get()).list()).toEqual([])
    // The damaged source can be dropped: "Start over" forgets it.
    await page.locator('[data-action="import-start-over"]').click()
    expect(await page.locator('.import .sources').count()).toBe(0)
    expect(await page.locator('.import .scan-status').textContent()).toBe('')
  })

  it('says so when the image has no QR code or is not an image', async () => {
    const { page } = await launch({})
    const blank = new PNG({ width: 200, height: 200 })
    blank.data.fill(255)
    const path = join(app!.deps.dataDir, 'blank.png')
    writeFileSync(path, PNG.sync.write(blank))
    app!.deps.pickImage.path = path
    await page.locator('[data-action="add"]').first().click()
    await page.locator('[data-action="open-image"]').click()
    await expect.poll(() => page.locator('.scan-status').textContent()).toMatch(/No QR code was found/)
    writeFileSync(path, 'not a png')
    await page.locator('[data-action="open-image"]').click()
    await expect.poll(() => page.locator('.scan-status').textContent()).toMatch(/not an image we can read/)
  })

  it('searches as you type anywhere, then copies with the keyboard', async () => {
    const { page } = await launch({ accounts: DEMO_ACCOUNTS, now: () => AT_27_LEFT })
    await page.locator('.account').first().waitFor()
    await page.locator('body').click({ position: { x: 5, y: 600 } })
    await page.keyboard.type('drop')
    expect(await page.locator('.search').inputValue()).toBe('drop')
    expect(await page.locator('.account:visible .issuer').allTextContents()).toEqual(['Dropbox'])
    // Full-width input matches too (NFKC).
    await page.locator('.search').fill('ＳＢＩ')
    expect(await page.locator('.account:visible .issuer').allTextContents()).toEqual(['SBI証券'])
    await page.locator('.search').fill('nothing-like-this')
    expect(await page.locator('.no-match').textContent()).toContain('nothing-like-this')
    await page.locator('.search').fill('')
    await page.locator('.search').press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.toast').textContent()).toMatch(/clears in 30 s/)
    const google = await page.locator('.account').nth(1).locator('.code').textContent()
    expect(app!.deps.clipboard.text).toBe(digits(google))
    app!.deps.timers.fireAll()
    await expect.poll(() => app!.deps.clipboard.text).toBe('')
  })

  it('generates an HOTP code on demand, then copies it', async () => {
    const { page } = await launch({ accounts: [DEMO_ACCOUNTS[7]!] })
    await page.locator('.account [data-action="hotp"]').click()
    // The label names the counter of the code shown.
    await expect.poll(() => page.locator('.account').getAttribute('class')).toContain('generated')
    expect(await page.locator('.account .counter').textContent()).toBe('Counter 5')
    const shown = digits(await page.locator('.account .code').textContent())
    if (hasOathtool) {
      const out = spawnSync('oathtool', ['--hotp', '-b', '-c', '5', 'IFBEGRCFIZDUQSKKJNGE2TSPKBIVEUZU'], {
        encoding: 'utf8',
      })
      expect(shown).toBe(out.stdout.trim())
    }
    await page.locator('.account .code').click()
    await expect.poll(() => app!.deps.clipboard.text).toBe(shown)
    await page.locator('.account [data-action="hotp"]').click()
    await expect.poll(() => page.locator('.account .counter').textContent()).toBe('Counter 6')
  })

  it('copies by click', async () => {
    const { page } = await launch({ accounts: [URI], now: () => AT_27_LEFT })
    await page.locator('.account .code').click()
    await expect.poll(() => app!.deps.clipboard.text).toMatch(/^\d{6}$/)
  })

  it('deletes only after main’s confirmation, from the keyboard', async () => {
    const { page, deps } = await launch({ accounts: DEMO_ACCOUNTS.slice(0, 3) })
    await page.locator('.search').press('ArrowDown')
    deps.confirm.answer = false
    await page.keyboard.press('Delete')
    await expect.poll(() => deps.confirm.asked.length).toBe(1)
    expect(deps.confirm.asked[0]).toEqual({
      kind: 'remove',
      accounts: [{ issuer: 'GitHub', label: 'alice@example.com' }],
    })
    expect(await page.locator('.account').count()).toBe(3)
    deps.confirm.answer = true
    await page.keyboard.press('Delete')
    await expect.poll(() => page.locator('.account').count()).toBe(2)
    expect((await app!.deps.vault.get()).list().map((a) => a.issuer)).toEqual(['Google', '楽天証券'])
  })

  it('renames with F2, reorders with Alt+arrows, and reveals the secret only after main confirms', async () => {
    const { page, deps } = await launch({ accounts: [URI, DEMO_ACCOUNTS[0]!] })
    await page.locator('.search').press('ArrowDown')
    await page.keyboard.press('F2')
    await page.locator('dialog.edit input[name="issuer"]').fill('ACME Corp')
    await page.locator('dialog.edit [data-action="reveal"]').click()
    await expect.poll(() => deps.confirm.asked.map((r) => r.kind)).toEqual(['reveal-secret'])
    await expect.poll(() => page.locator('.secret-box code').textContent()).toBe('JBSW Y3DP EHPK 3PXP')
    await page.locator('dialog.edit button[type="submit"]').click()
    await page.locator('dialog').waitFor({ state: 'detached' })
    expect(await page.content()).not.toContain('JBSW Y3DP')
    expect(await page.locator('.account .issuer').first().textContent()).toBe('ACME Corp')
    await page.locator('.account').first().focus()
    await page.keyboard.press('Alt+ArrowDown')
    await expect.poll(() => page.locator('.account .issuer').allTextContents()).toEqual(['GitHub', 'ACME Corp'])
    expect((await app!.deps.vault.get()).list().map((a) => a.issuer)).toEqual(['GitHub', 'ACME Corp'])
  })

  it('reorders by drag and drop', async () => {
    const { page } = await launch({ accounts: DEMO_ACCOUNTS.slice(0, 3) })
    await page.locator('.account').nth(2).dragTo(page.locator('.account').nth(0))
    await expect
      .poll(() => page.locator('.account .issuer').allTextContents())
      .toEqual(['楽天証券', 'GitHub', 'Google'])
  })

  it('follows the OS locale and switches language, remembering the choice', async () => {
    const { page } = await launch({ locale: 'ja', accounts: [URI] })
    expect(await page.locator('.search').getAttribute('placeholder')).toBe('アカウントを検索')
    await page.locator('[data-action="settings"]').click()
    // Labelled as the display language, not a bare 「システム」.
    expect(await page.getByLabel('表示言語').locator('option:checked').textContent()).toBe('システムに合わせる')
    await page.getByLabel('表示言語').selectOption('en')
    await expect.poll(() => page.locator('.search').getAttribute('placeholder')).toBe('Search accounts')
    // The menu follows the language and keeps the focus on its select.
    await expect.poll(() => page.locator('dialog.settings h2').textContent()).toBe('Settings')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('setting-language')
    await page.locator('[data-action="settings-close"]').click()
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect((await app!.deps.settings.get()).language).toBe('en')
    await page.reload()
    await expect.poll(() => page.locator('.search').getAttribute('placeholder')).toBe('Search accounts')
  })

  it('redraws the list when another process changed the accounts, keeping the search', async () => {
    const { page } = await launch({ accounts: [DEMO_ACCOUNTS[0]!] })
    await page.locator('.search').fill('o')
    await (await app!.deps.vault.get()).add(parseOtpUri(DEMO_ACCOUNTS[6]!))
    await app!.emit('app:accounts-changed')
    await expect.poll(() => page.locator('.account .issuer').allTextContents()).toEqual(['GitHub', 'Dropbox'])
    expect(await page.locator('.search').inputValue()).toBe('o')
  })

  it('focuses search when the global shortcut fires', async () => {
    const { page } = await launch({ accounts: [URI] })
    await page.locator('[data-action="add"]').click()
    await app!.emit('app:focus-search')
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('search')
  })

  it('explains a locked keychain and recovers on retry', async () => {
    const { page } = await launch({ keychain: 'unavailable' })
    await page.locator('.unavailable').waitFor()
    expect(await page.locator('.unavailable').textContent()).toContain('Unlock your system keychain')
    ;(app!.deps.store as { available: boolean }).available = true
    await page.locator('[data-action="retry"]').click()
    await page.locator('.empty:not(.unavailable)').waitFor()
  })

  it.skipIf(whyHeadful !== undefined)('scans the screen and finds a QR code shown there (Xvfb)', async () => {
    const { page, context } = await launch({
      headful: true,
      now: () => AT_27_LEFT,
      viewport: { width: 420, height: 500 },
      args: ['--auto-select-desktop-capture-source=Entire screen', '--window-position=0,0', '--window-size=440,620'],
    })
    const qrPage = await context.newPage()
    const png = await QRCode.toDataURL(URI, { width: 360, margin: 4 })
    await qrPage.setContent(`<body style="margin:0;background:#fff"><img src="${png}"></body>`)
    const cdp = await context.newCDPSession(qrPage)
    const { windowId } = (await cdp.send('Browser.getWindowForTarget')) as { windowId: number }
    await cdp.send('Browser.setWindowBounds', { windowId, bounds: { left: 600, top: 0, width: 480, height: 520 } })
    // The QR page is the visible tab of the (moved) window; the app's page is driven in the background.
    await page.locator('[data-action="add"]').first().click()
    await page.locator('[data-action="scan-screen"]').click()
    await page.locator('.preview').waitFor({ timeout: 30_000 })
    expect(await page.locator('.preview input[name="label"]').inputValue()).toBe('alice@example.com')
  })
})
