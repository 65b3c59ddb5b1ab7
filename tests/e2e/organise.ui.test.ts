/**
 * Organising the list (issue 11, item 5), driven as a user would in Chromium over main's real
 * handlers, vault and keychain: service icons and initial badges, pin, the three orders (kept across
 * a restart), and groups: tags typed in the edit dialog, chips that filter the list.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { e2eUnavailable, useLaunchedApp } from './harness/launch'
import { AT_27_LEFT, DEMO_ACCOUNTS } from './screenshots/scenes'

const why = e2eUnavailable()
if (why) console.warn(`[skip] organise UI tests: ${why}`)

// GitHub, Google, 楽天証券, Amazon Web Services, SBI証券
const FIVE = DEMO_ACCOUNTS.slice(0, 5)

const names = (page: Page) => page.locator('.account:not([hidden]) .issuer').allTextContents()
const row = (page: Page, issuer: string) =>
  page.locator('.account', { has: page.locator('.issuer', { hasText: issuer }) })

describe.skipIf(why !== undefined)('organising the list (e2e over main handlers)', () => {
  const launch = useLaunchedApp({ waitForAccounts: true })

  it('draws a brand mark where simple-icons has one and a coloured initial for the rest', async () => {
    const { page } = await launch({ accounts: FIVE, now: () => AT_27_LEFT })
    expect(await row(page, 'GitHub').locator('svg.service-icon').getAttribute('data-brand')).toBe('GitHub')
    expect(await row(page, '楽天証券').locator('svg.service-icon').getAttribute('data-brand')).toBe('Rakuten')
    const sbi = row(page, 'SBI証券').locator('svg.service-icon')
    expect(await sbi.getAttribute('data-brand')).toBeNull()
    expect(await sbi.locator('text').textContent()).toBe('S')
    // Decorative: the name beside it is what is read.
    expect(await sbi.getAttribute('aria-hidden')).toBe('true')
  })

  it('pins an account to the top, sorts A–Z and by last use, and keeps the order across a restart', async () => {
    const launched = await launch({ accounts: FIVE, now: () => AT_27_LEFT })
    const { page } = launched
    expect(await names(page)).toEqual(['GitHub', 'Google', '楽天証券', 'Amazon Web Services', 'SBI証券'])

    // Pin 楽天証券 with the row's pin button: first, marked, and saved in main.
    const rakuten = row(page, '楽天証券')
    await rakuten.hover()
    await rakuten.locator('[data-action="pin"]').click()
    await expect.poll(() => names(page)).toEqual(['★楽天証券', 'GitHub', 'Google', 'Amazon Web Services', 'SBI証券'])
    expect(await row(page, '楽天証券').locator('[data-action="pin"]').getAttribute('aria-pressed')).toBe('true')
    const pinned = (await launched.deps.handlers['accounts:list']()).filter((a) => a.pinned).map((a) => a.issuer)
    expect(pinned).toEqual(['楽天証券'])

    // A–Z: pinned first, then by name; rows can no longer be dragged.
    await page.locator('.organise-bar select.sort').selectOption('name')
    await expect.poll(() => names(page)).toEqual(['★楽天証券', 'Amazon Web Services', 'GitHub', 'Google', 'SBI証券'])
    expect(await page.locator('.account[draggable="true"]').count()).toBe(0)
    await expect.poll(async () => (await launched.deps.settings.get()).sort).toBe('name')

    // Recently used: copy Google's code, then choose the order.
    await row(page, 'Google').locator('.code').click()
    await expect.poll(() => launched.deps.clipboard.writes.length).toBe(1)
    // Main records the use right after the code reaches the clipboard.
    const lastUsed = async () => (await launched.deps.handlers['accounts:list']()).find((a) => a.issuer === 'Google')
    await expect.poll(async () => (await lastUsed())?.lastUsedAt).toBe('2023-11-14T22:13:00.000Z')
    await page.locator('.organise-bar select.sort').selectOption('recent')
    await expect.poll(() => names(page)).toEqual(['★楽天証券', 'Google', 'GitHub', 'Amazon Web Services', 'SBI証券'])

    // Kept for the next start.
    await page.reload()
    await page.locator('.account').first().waitFor()
    expect(await page.locator('.organise-bar select.sort').inputValue()).toBe('recent')
    expect(await names(page)).toEqual(['★楽天証券', 'Google', 'GitHub', 'Amazon Web Services', 'SBI証券'])

    // Back to my order: the manual order is as it was, and Alt+↓ moves within it again.
    await page.locator('.organise-bar select.sort').selectOption('manual')
    await expect.poll(() => names(page)).toEqual(['★楽天証券', 'GitHub', 'Google', 'Amazon Web Services', 'SBI証券'])
    await row(page, 'GitHub').focus()
    await page.keyboard.press('Alt+ArrowDown')
    await expect.poll(() => names(page)).toEqual(['★楽天証券', 'Google', 'GitHub', 'Amazon Web Services', 'SBI証券'])
  })

  it('puts accounts in groups from the edit dialog and filters the list with the chips', async () => {
    const launched = await launch({ accounts: FIVE, now: () => AT_27_LEFT, locale: 'ja' })
    const { page } = launched
    // No groups yet: no chips.
    expect(await page.locator('.organise-bar .chip').count()).toBe(0)

    async function setTags(issuer: string, line: string) {
      const target = row(page, issuer)
      await target.hover()
      await target.locator('[data-action="edit"]').click()
      await page.locator('dialog.edit input[name="tags"]').fill(line)
      await page.locator('dialog.edit button[type="submit"]').click()
    }
    await setTags('SBI証券', '証券、 仕事')
    await page.locator('dialog.edit').waitFor({ state: 'detached' })
    await setTags('楽天証券', '証券')
    await page.locator('dialog.edit').waitFor({ state: 'detached' })
    await setTags('GitHub', '仕事')
    await page.locator('dialog.edit').waitFor({ state: 'detached' })
    const tags = Object.fromEntries(
      (await launched.deps.handlers['accounts:list']()).map((a) => [a.issuer, a.tags ?? []]),
    )
    expect(tags).toMatchObject({ SBI証券: ['証券', '仕事'], 楽天証券: ['証券'], GitHub: ['仕事'], Google: [] })

    await expect.poll(() => page.locator('.organise-bar .chip').allTextContents()).toEqual(['すべて', '仕事', '証券'])
    expect(await page.locator('.chip[aria-pressed="true"]').textContent()).toBe('すべて')
    await page.locator('.chip', { hasText: '証券' }).click()
    await expect.poll(() => names(page)).toEqual(['楽天証券', 'SBI証券'])
    expect(await page.locator('.chip[aria-pressed="true"]').textContent()).toBe('証券')
    // The focus stays on the chip just chosen.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('証券')
    await page.locator('.chip', { hasText: '仕事' }).click()
    await expect.poll(() => names(page)).toEqual(['GitHub', 'SBI証券'])
    await page.locator('.chip', { hasText: 'すべて' }).click()
    await expect.poll(() => names(page)).toHaveLength(5)

    // A group name over 32 characters is refused by main, with the reason, and nothing changes.
    const google = row(page, 'Google')
    await google.hover()
    await google.locator('[data-action="edit"]').click()
    await page.locator('dialog.edit input[name="tags"]').fill('x'.repeat(33))
    await page.locator('dialog.edit button[type="submit"]').click()
    await expect
      .poll(() => page.locator('dialog.edit .validation').textContent())
      .toBe('グループ名は 1〜32 文字、1 つのアカウントに 8 個までです。')
    expect((await launched.deps.handlers['accounts:list']()).find((a) => a.issuer === 'Google')?.tags).toBeUndefined()
  })

  it('pins from the edit dialog (F2 on a row)', async () => {
    const launched = await launch({ accounts: FIVE, now: () => AT_27_LEFT })
    const { page } = launched
    const sbi = row(page, 'SBI証券')
    await sbi.focus()
    await page.keyboard.press('F2')
    await page.locator('dialog.edit input[name="pinned"]').check()
    await page.locator('dialog.edit button[type="submit"]').click()
    await expect.poll(() => names(page)).toEqual(['★SBI証券', 'GitHub', 'Google', '楽天証券', 'Amazon Web Services'])
    expect(await page.locator('.pin-mark').getAttribute('aria-label')).toBe('Pinned')
  })
})
