/**
 * Issue 11, "look": room for codes at 440×720 (header on two rows at most, a compact density), the
 * settings menu (theme, density, clipboard delay saved by main), toasts across the window's width at
 * the bottom, and the wrong import password in the error colour.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { e2eUnavailable, launchApp, type LaunchedApp, type LaunchOptions } from './harness/launch'
import { AT_27_LEFT, DEMO_ACCOUNTS, manyAccounts } from './screenshots/scenes'

const why = e2eUnavailable()
if (why) console.warn(`[skip] look e2e: ${why}`)

const DEFAULT_WINDOW = { width: 440, height: 720 }

describe.skipIf(why !== undefined)('look: room, settings, toasts, errors', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    await app?.close()
    app = undefined
  })
  async function launch(options: LaunchOptions) {
    app = await launchApp({ now: () => AT_27_LEFT, viewport: DEFAULT_WINDOW, ...options })
    await app.page.locator('.account').first().waitFor()
    return app
  }

  /** The first code's top and how many rows are wholly inside the window. */
  async function room(page: LaunchedApp['page']) {
    return page.evaluate(() => {
      const codes = [...document.querySelectorAll('.account')].map((el) => el.getBoundingClientRect())
      const first = document.querySelector('.account .code')!.getBoundingClientRect()
      return { firstCodeTop: first.top, rowsVisible: codes.filter((r) => r.bottom <= innerHeight).length }
    })
  }

  it('shows the first code under 200 px and at least 8 rows in compact density at 440×720 (the reminder on one line)', async () => {
    const { page } = await launch({ locale: 'ja', accounts: manyAccounts(20) })
    await page.locator('[data-testid="backup-reminder"]').waitFor()
    const reminder = await page.locator('[data-testid="backup-reminder"]').boundingBox()
    expect(reminder!.height).toBeLessThan(48)
    const comfortable = await room(page)
    expect(comfortable.firstCodeTop).toBeLessThan(200)
    await page.locator('[data-action="settings"]').click()
    await page.getByLabel('一覧の表示密度').selectOption('compact')
    await page.locator('[data-action="settings-close"]').click()
    const compact = await room(page)
    expect(compact.firstCodeTop).toBeLessThan(200)
    expect(compact.rowsVisible).toBeGreaterThanOrEqual(8)
    expect(compact.rowsVisible).toBeGreaterThan(comfortable.rowsVisible)
    expect((await app!.deps.settings.get()).density).toBe('compact')
  })

  it('keeps the search box on a row with a button, and the header at two rows at most at 440 px', async () => {
    const { page } = await launch({ locale: 'ja', accounts: DEMO_ACCOUNTS })
    const header = await page.locator('header.topbar').boundingBox()
    expect(header!.height).toBeLessThan(100)
    const search = await page.locator('.search').boundingBox()
    const check = await page.locator('[data-action="check-link"]').boundingBox()
    expect(Math.abs(search!.y + search!.height / 2 - (check!.y + check!.height / 2))).toBeLessThan(4)
  })

  it('switches to the dark theme from the settings menu, keeps it after a reload, and saves the clipboard delay', async () => {
    const { page } = await launch({ locale: 'en', accounts: DEMO_ACCOUNTS.slice(0, 2), colorScheme: 'light' })
    expect(await page.locator('html').getAttribute('data-theme')).toBe('light')
    await page.locator('[data-action="settings"]').click()
    await page.getByLabel('Theme').selectOption('dark')
    await page.getByLabel('Clear a copied code after').selectOption('10')
    await page.locator('[data-action="settings-close"]').click()
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark')
    await expect.poll(async () => (await app!.deps.settings.get()).clipboardSeconds).toBe(10)
    expect((await app!.deps.settings.get()).theme).toBe('dark')
    await page.reload()
    await page.locator('.account').first().waitFor()
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark')
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    expect(bg).toBe('rgb(21, 23, 27)')
  })

  it('spreads a toast across a narrow window at the bottom, one line for the copy message', async () => {
    const { page } = await launch({ locale: 'ja', accounts: DEMO_ACCOUNTS, viewport: { width: 360, height: 480 } })
    await page.locator('.account .code').first().click()
    const toast = page.locator('.toast.visible')
    await toast.waitFor()
    const box = (await toast.boundingBox())!
    // Not capped at half the window (the left:50% + translate trick).
    expect(box.width).toBeGreaterThan(360 / 2)
    expect(box.x).toBeGreaterThanOrEqual(8)
    expect(box.x + box.width).toBeLessThanOrEqual(360 - 8)
    expect(box.y + box.height).toBeGreaterThan(480 - 40)
  })

  it('says a bad setup key under its field, and "too short" only once the user leaves the field', async () => {
    const { page } = await launch({
      locale: 'en',
      accounts: DEMO_ACCOUNTS.slice(0, 1),
      viewport: { width: 380, height: 600 },
    })
    await page.locator('[data-action="add"]').click()
    const secret = page.locator('input[name="secret"]')
    const error = page.locator('#secret-error')
    await secret.fill('JBSW')
    // The check ran (the pending line went away) and said nothing while the user types.
    await expect.poll(() => page.locator('form.manual .validation').getAttribute('data-kind')).toBe('')
    expect(await error.isVisible()).toBe(false)
    expect(await secret.getAttribute('aria-invalid')).toBeNull()
    await secret.press('Tab')
    await expect.poll(() => error.textContent()).toBe('The setup key is too short.')
    expect(await secret.getAttribute('aria-invalid')).toBe('true')
    expect(await secret.getAttribute('aria-describedby')).toBe('secret-error')
    // Right under the field, not below the advanced section.
    const field = (await secret.boundingBox())!
    const under = (await error.boundingBox())!
    expect(under.y - (field.y + field.height)).toBeLessThan(40)
    expect(under.y + under.height).toBeLessThan(600)
    // A letter base32 never uses says so at once, in the same place.
    await secret.focus()
    await secret.fill('JBSWY3DPEHPK3PX1')
    await expect.poll(() => error.textContent()).toMatch(/A–Z and 2–7/)
    await secret.fill('JBSWY3DPEHPK3PXP')
    await expect.poll(() => error.isVisible()).toBe(false)
    expect(await secret.getAttribute('aria-invalid')).toBeNull()
  })

  it('brings the export result into view in a small window', async () => {
    const { page } = await launch({
      locale: 'en',
      accounts: DEMO_ACCOUNTS.slice(0, 2),
      viewport: { width: 360, height: 480 },
    })
    await page.locator('[data-action="backup"]').click()
    await page.locator('input[name="password"]').fill('correct horse battery staple')
    await page.locator('input[name="password-again"]').fill('correct horse battery staple')
    app!.deps.pickSave.path = join(mkdtempSync(join(tmpdir(), 'warifu-look-')), 'backup.json')
    await page.locator('[data-action="export-save"]').click()
    const status = page.locator('.scan-status')
    await expect.poll(() => status.textContent()).toMatch(/^Backup saved and checked/)
    // Scrolled to in the frame after the result is written.
    await expect
      .poll(async () => {
        const box = (await status.boundingBox())!
        return box.y >= 0 && box.y + box.height <= 480
      })
      .toBe(true)
  })

  it('moves the toast to the top when the row just copied is at the bottom, so it never covers that code', async () => {
    const { page } = await launch({ locale: 'ja', accounts: manyAccounts(20) })
    await page.locator('.search').press('ArrowDown')
    // Down the list until the focused row sits at the window's bottom edge, under where a toast goes.
    for (let i = 0; i < 30; i++) {
      const near = await page.evaluate(() => document.activeElement!.getBoundingClientRect().bottom > innerHeight - 60)
      if (near) break
      await page.keyboard.press('ArrowDown')
    }
    await page.keyboard.press('Enter')
    const toast = page.locator('.toast.visible')
    await toast.waitFor()
    await expect.poll(() => toast.getAttribute('data-place')).toBe('top')
    // Both boxes read at one instant: a redraw of the list after the copy (its last-used time) may put a
    // fresh element in the focused row's place between two separate reads.
    const { code, box } = await page.evaluate(() => {
      const rect = (el: Element | null | undefined) => {
        const r = el!.getBoundingClientRect()
        return { y: r.y, height: r.height }
      }
      return {
        code: rect(document.activeElement?.querySelector('.code')),
        box: rect(document.querySelector('.toast.visible')),
      }
    })
    expect(box.y + box.height <= code.y || box.y >= code.y + code.height).toBe(true)
  })
})
