/**
 * Screenshots of the main views (list, add, scan result, empty state; ja and en; light and dark for
 * the list) from the built renderer over main's real handlers, saved to tests/artifacts/screenshots/
 * for a person to look at. Each also checks what the view must say, so a blank page fails.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import QRCode from 'qrcode'
import { formatMigrationUris } from '../../shared/formats/google-migration'
import { parseOtpUri } from '../../shared/otp/uri'
import { afterEach, describe, expect, it } from 'vitest'
import { pressPaste, writeImageWithClipboardApi } from './harness/clipboard'
import { e2eUnavailable, launchApp, type LaunchedApp } from './harness/launch'
import { AT_27_LEFT, AT_4_LEFT, DEMO_ACCOUNTS, MONEX_URI, SETUP_URI, shoot, twoQrPng } from './screenshots/scenes'

const why = e2eUnavailable()
if (why) console.warn(`[skip] UI screenshots: ${why}`)

const VIEWPORT = { width: 480, height: 780 }

describe.skipIf(why !== undefined)('UI screenshots', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    await app?.close()
    app = undefined
  })

  for (const locale of ['en', 'ja'] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`list (${locale}, ${colorScheme})`, async () => {
        const now = colorScheme === 'light' ? AT_27_LEFT : AT_4_LEFT
        app = await launchApp({ locale, colorScheme, accounts: DEMO_ACCOUNTS, now: () => now, viewport: VIEWPORT })
        const rows = app.page.locator('.account')
        await expect.poll(() => rows.count()).toBe(DEMO_ACCOUNTS.length)
        await expect.poll(() => app!.page.locator('.account .code').first().textContent()).toMatch(/^\d{3} \d{3}$/)
        expect(await app.page.locator('html').getAttribute('lang')).toBe(locale)
        await shoot(app.page, `list-${locale}-${colorScheme}`)
      })
    }

    it(`empty state (${locale})`, async () => {
      app = await launchApp({ locale, viewport: VIEWPORT })
      await app.page.locator('.empty').waitFor()
      expect(await app.page.locator('.empty-steps li').count()).toBe(4)
      await shoot(app.page, `empty-${locale}`)
    })

    it(`add (${locale})`, async () => {
      app = await launchApp({ locale, accounts: DEMO_ACCOUNTS.slice(0, 2), viewport: { width: 480, height: 760 } })
      await app.page.locator('[data-action="add"]').click()
      await app.page.locator('input[name="secret"]').fill('JBSW Y3DP EHPK 3PXP')
      await app.page.locator('input[name="issuer"]').fill('Example')
      await app.page.locator('.validation[data-kind="ok"]').waitFor()
      await shoot(app.page, `add-${locale}`)
    })

    it(`backup: export, plain warning, phone codes, import preview (${locale})`, async () => {
      const colorScheme = locale === 'ja' ? 'dark' : 'light'
      const odd = 'otpauth://totp/Odd:x?secret=KRSXG5CTMVRXEZLU&issuer=Odd&algorithm=SHA256&period=60'
      app = await launchApp({ locale, colorScheme, accounts: [...DEMO_ACCOUNTS, odd], viewport: VIEWPORT })
      const { page } = app
      await page.locator('[data-testid="backup-reminder"]').waitFor()
      await page.locator('[data-action="reminder-backup"]').click()
      await page.locator('input[name="password"]').fill('kitchen table')
      await page.locator('input[name="password-again"]').fill('kitchen table')
      expect(await page.locator('[data-action="export-save"]').isEnabled()).toBe(true)
      await shoot(page, `backup-export-${locale}-${colorScheme}`, { fullPage: true })
      await page.locator('input[value="aegis-plain"]').check()
      await page.locator('.export-detail .note.warn').waitFor()
      await shoot(page, `backup-plain-${locale}`, { fullPage: true })
      await page.locator('input[value="phone"]').check()
      await page.locator('[data-action="export-phone"]').click()
      await page.locator('canvas.qr').waitFor()
      expect(await page.locator('.left-out li').count()).toBeGreaterThan(0)
      await shoot(page, `backup-phone-${locale}`, { fullPage: true })
      await page.locator('[data-action="phone-done"]').click()
      await page.getByRole('tab').nth(1).click()
      // One new account, one saved already, one Steam account, and half of a two-code GA export.
      const { uris } = formatMigrationUris(
        Array.from({ length: 11 }, (_, i) => ({ ...parseOtpUri(SETUP_URI), label: `user${i}@example.jp` })),
        9,
      )
      const text = [
        'otpauth://totp/New%20Bank:me?secret=ONSWG4TFORRW6ZDF&issuer=New%20Bank',
        DEMO_ACCOUNTS[0]!,
        'otpauth://steam/Steam:gamer?secret=JBSWY3DPEHPK3PXP&issuer=Steam',
      ].join('\n')
      const list = join(app.deps.dataDir, 'moving.txt')
      writeFileSync(list, text)
      await writeImageWithClipboardApi(page, await QRCode.toBuffer(uris[0]!, { scale: 4 }))
      await pressPaste(page)
      await page.locator('[data-testid="import-missing"]').waitFor()
      app.deps.pickImport.paths = [list]
      await page.locator('[data-action="import-files"]').click()
      await expect.poll(() => page.locator('.import-preview .rejected li').count()).toBe(1)
      await page.locator('[data-testid="import-preview"]').waitFor()
      await shoot(page, `backup-import-${locale}`, { fullPage: true })
    })

    it(`scan result after pasting a screenshot (${locale})`, async () => {
      // Japanese in dark, English in light: both schemes get looked at beyond the list.
      const colorScheme = locale === 'ja' ? 'dark' : 'light'
      app = await launchApp({ locale, colorScheme, now: () => AT_27_LEFT, viewport: { width: 480, height: 720 } })
      await writeImageWithClipboardApi(app.page, await QRCode.toBuffer(SETUP_URI, { scale: 6 }))
      await app.page.locator('.empty').waitFor()
      await pressPaste(app.page)
      await app.page.locator('.preview').waitFor()
      expect(await app.page.locator('.preview input[name="label"]').inputValue()).toBe('hanako@example.jp')
      // Saved on scan: the shot shows the saved line with Undo.
      await app.page.locator('.preview [data-action="undo"]').waitFor()
      await shoot(app.page, `scan-result-${locale}-${colorScheme}`)
    })
  }

  it('several codes found, edit dialog, Undo after a delete, Recently deleted, locked keychain (ja)', async () => {
    app = await launchApp({
      locale: 'ja',
      accounts: DEMO_ACCOUNTS.slice(0, 3),
      now: () => AT_27_LEFT,
      viewport: VIEWPORT,
    })
    const { page } = app
    await page.locator('.account').first().hover()
    await shoot(page, 'list-hover-ja')
    await page.locator('.search').press('ArrowDown')
    await page.keyboard.press('F2')
    await page.locator('dialog.edit').waitFor()
    await shoot(page, 'edit-ja')
    await page.keyboard.press('Escape')
    // Main's own confirmation is the OS's box (stubbed: yes); the page shows the Undo.
    await page.keyboard.press('Delete')
    await page.locator('.toast [data-action="toast-action"]').waitFor()
    await shoot(page, 'removed-undo-ja')
    await page.locator('[data-action="show-deleted"]').click()
    await page.locator('.deleted-account').waitFor()
    await shoot(page, 'recently-deleted-ja')
    await page.locator('.deleted-account [data-action="restore"]').click()
    await page.locator('[data-action="back"]').click()
    await expect.poll(() => page.locator('.account').count()).toBe(3)
    await writeImageWithClipboardApi(page, await twoQrPng(SETUP_URI, DEMO_ACCOUNTS[3]!))
    await pressPaste(page)
    await page.locator('.pick').first().waitFor()
    await shoot(page, 'scan-pick-ja')
    await app.close()
    app = await launchApp({ locale: 'ja', keychain: 'unavailable', viewport: VIEWPORT })
    await app.page.locator('.unavailable').waitFor()
    await shoot(app.page, 'unavailable-ja')
  })

  // Issue 10: sites at add time, in the list and the copy toast, the link check, the edit dialog; at the
  // window's default size and at the smallest it is meant for.
  for (const locale of ['en', 'ja'] as const) {
    for (const viewport of [
      { width: 440, height: 720 },
      { width: 380, height: 600 },
    ]) {
      it(`sites (${locale}, ${viewport.width}x${viewport.height})`, async () => {
        const size = `${locale}-${viewport.width}`
        const colorScheme = viewport.width === 380 ? 'dark' : 'light'
        app = await launchApp({ locale, colorScheme, now: () => AT_27_LEFT, viewport })
        const { page } = app
        await page.locator('.empty').waitFor()
        await writeImageWithClipboardApi(page, await QRCode.toBuffer(MONEX_URI, { scale: 6 }))
        await pressPaste(page)
        await page.locator('.preview input[name="proposed-site"]').waitFor()
        await page.locator('.preview .site-proposed').scrollIntoViewIfNeeded()
        await shoot(page, `sites-scan-${size}`)
        await page.locator('[data-action="save"]').click()
        await page.locator('.account .site').waitFor()
        for (const uri of DEMO_ACCOUNTS.slice(0, 3)) await app.deps.handlers['accounts:add-from-uri'](uri)
        const github = (await app.deps.handlers['accounts:list']()).find((a) => a.issuer === 'GitHub')!
        await app.deps.handlers['accounts:set-sites'](github.id, ['github.com'])
        await app.emit('app:accounts-changed')
        await page.reload()
        await page.locator('[data-testid="site-suggestion"]').waitFor()
        await page.locator('.account .code').first().click()
        await page.locator('.toast.visible .toast-site').waitFor()
        await shoot(page, `sites-list-copy-${size}`)
        await page.locator('.account').nth(3).locator('.code').click()
        await page.locator('.toast.visible .toast-quiet').waitFor()
        await shoot(page, `sites-copy-nosite-${size}`)
        await page.locator('.search').fill('https://monex.co.jp.account-verify.com/login')
        await page.locator('[data-testid="link-verdict"][data-verdict="lookalike"]').waitFor()
        await shoot(page, `sites-fake-${size}`)
        await page.locator('.search').fill('https://www.monex.co.jp/')
        await page.locator('[data-testid="link-verdict"][data-verdict="yours"]').waitFor()
        await shoot(page, `sites-yours-${size}`)
        await page.locator('.search').fill('')
        await page.locator('[data-action="check-link"]').click()
        await page
          .locator('dialog.link-check-dialog textarea')
          .fill(
            [
              'From: "Monex" <support@monex.co.jp>',
              '【重要】口座保護のための確認手続き',
              'https://monex.co.jp.account-verify.com/login',
              'https://bit.ly/3abcd',
            ].join('\n'),
          )
        await page.locator('dialog.link-check-dialog [data-verdict="lookalike"]').first().waitFor()
        await shoot(page, `sites-check-dialog-${size}`)
        await page.keyboard.press('Escape')
        await page.locator('.account').first().focus()
        await page.keyboard.press('F2')
        await page.locator('dialog.edit').waitFor()
        const field = page.locator('dialog.edit input[name="site"]')
        await field.fill('monex.com')
        await field.press('Enter')
        await page.locator('dialog.edit .site-chip').nth(1).waitFor()
        await field.fill('co.jp')
        await field.press('Enter')
        await page.locator('dialog.edit input[aria-invalid="true"]').waitFor()
        await shoot(page, `sites-edit-${size}`)
      })
    }
  }
})
