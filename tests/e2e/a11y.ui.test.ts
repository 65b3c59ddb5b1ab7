/**
 * axe-core on every screen (list, settings menu, Connect a browser, link check, edit dialog, Recently deleted, add, scan
 * result, backup export and import) in ja and en, light and dark: no serious or critical violation.
 * axe is read from node_modules and evaluated in the page (no network, and the page's CSP stays on).
 */
import QRCode from 'qrcode'
import { afterEach, describe, expect, it } from 'vitest'
import { pressPaste, writeImageWithClipboardApi } from './harness/clipboard'
import { e2eUnavailable, launchApp, type LaunchedApp } from './harness/launch'
import { AT_27_LEFT, DEMO_ACCOUNTS, SETUP_URI } from './screenshots/scenes'
import { seriousViolations } from '../support/axe'

const why = e2eUnavailable()
if (why) console.warn(`[skip] axe-core checks: ${why}`)

const violations = seriousViolations

describe.skipIf(why !== undefined)('accessibility (axe-core)', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    await app?.close()
    app = undefined
  })

  for (const locale of ['ja', 'en'] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`has no serious or critical violation on any screen (${locale}, ${colorScheme})`, async () => {
        app = await launchApp({
          locale,
          colorScheme,
          accounts: DEMO_ACCOUNTS.slice(0, 4),
          now: () => AT_27_LEFT,
          viewport: { width: 440, height: 720 },
        })
        const { page } = app
        const found: Record<string, string[]> = {}
        const check = async (screen: string) => {
          found[screen] = await violations(page)
        }
        await page.locator('.account').first().waitFor()
        await check('list')

        await page.locator('[data-action="settings"]').click()
        await page.locator('dialog.settings').waitFor()
        await check('settings menu')
        await page.locator('[data-action="connect-browser"]').click()
        await page.locator('dialog.browser-dialog [data-testid="browser-state"]:not(:empty)').waitFor()
        await check('connect a browser')
        await page.keyboard.press('Escape')
        await expect.poll(() => page.locator('dialog[open]').count()).toBe(0)

        await page.locator('[data-action="check-link"]').click()
        await page.locator('dialog').waitFor()
        await check('link check')
        await page.keyboard.press('Escape')
        await expect.poll(() => page.locator('dialog[open]').count()).toBe(0)

        await page.locator('.account').first().hover()
        await page.locator('.account').first().locator('.icon.edit').click()
        await page.locator('dialog.edit').waitFor()
        await check('edit dialog')
        await page.keyboard.press('Escape')
        await expect.poll(() => page.locator('dialog[open]').count()).toBe(0)

        await page.locator('.account').first().hover()
        await page.locator('.account').first().locator('.icon.delete').click()
        await page.locator('[data-action="show-deleted"]').click()
        await page.locator('.deleted-account').waitFor()
        await check('recently deleted')
        await page.locator('[data-action="back"]').click()

        await page.locator('[data-action="backup"]').click()
        await page.locator('input[name="password"]').waitFor()
        await check('backup export')
        await page.getByRole('tab').nth(1).click()
        await page.locator('[data-action="import-files"]').waitFor()
        await check('backup import')
        await page.locator('[data-action="back"]').click()

        await page.locator('[data-action="add"]').click()
        await page.locator('input[name="secret"]').waitFor()
        await check('add')
        await writeImageWithClipboardApi(page, await QRCode.toBuffer(SETUP_URI, { scale: 6 }))
        await pressPaste(page)
        await page.locator('.preview').waitFor()
        await check('scan result')

        expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])))
      })
    }
  }
})
