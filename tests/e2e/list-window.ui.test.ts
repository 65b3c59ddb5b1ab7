/**
 * The list keeps only the rows near the window's view in the DOM (renderer/views/list-view.ts, for the
 * search keystroke's frame time): the grid's row count and row indexes over the whole list, the page
 * as tall as every row, rows coming in on scroll and on search, keyboard focus reaching any row (put
 * in the DOM and scrolled into view), the focused row kept through a scroll, and Alt+arrow moving a row.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { e2eUnavailable, useLaunchedApp } from './harness/launch'
import { manyAccounts } from './screenshots/scenes'

const why = e2eUnavailable({ keychain: 'memory' })
if (why) console.warn(`[skip] list window UI tests: ${why}`)

/** The grid's row count, and the rows in the DOM: their row index and issuer. */
const grid = (page: Page) =>
  page.evaluate(() => {
    const list = document.querySelector<HTMLElement>('.accounts')!
    const rows = [...list.querySelectorAll<HTMLElement>('.account')]
    return {
      count: Number(list.getAttribute('aria-rowcount')),
      indexes: rows.map((r) => Number(r.getAttribute('aria-rowindex'))),
      issuers: rows.map((r) => r.querySelector('.issuer')?.textContent),
      roles: [...list.children].map((r) => r.getAttribute('role')),
      height: list.getBoundingClientRect().height,
    }
  })

/**
 * Whether the focused row lies within the window and below the sticky header, which covers what
 * scrolls under it (give or take the half pixel the list may start at).
 */
const focusedInView = (page: Page) =>
  page.evaluate(() => {
    const box = (document.activeElement as HTMLElement).getBoundingClientRect()
    const header = document.querySelector('.topbar')!.getBoundingClientRect()
    return box.height > 0 && box.top >= header.bottom - 1 && box.bottom <= window.innerHeight + 1
  })

const focusedIssuer = (page: Page) =>
  page.evaluate(
    () => (document.activeElement as HTMLElement).closest('.account')?.querySelector('.issuer')?.textContent,
  )

/** Each row in the DOM sits right under the one before it when their indexes follow each other. */
const contiguous = (page: Page) =>
  page.evaluate(() => {
    const rows = [...document.querySelectorAll<HTMLElement>('.account')]
    return rows.every((r, k) => {
      const prev = rows[k - 1]
      if (!prev || Number(r.getAttribute('aria-rowindex')) !== Number(prev.getAttribute('aria-rowindex')) + 1)
        return true
      return Math.abs(r.getBoundingClientRect().top - prev.getBoundingClientRect().bottom) < 1
    })
  })

describe.skipIf(why !== undefined)('list window (e2e)', () => {
  const launch = useLaunchedApp({ waitForAccounts: true })

  it('holds 200 rows in the grid but only those near the view in the DOM, and brings rows in on scroll and search', async () => {
    const { page } = await launch({
      keychain: 'memory',
      accounts: manyAccounts(200),
      viewport: { width: 440, height: 720 },
    })
    const first = await grid(page)
    expect(first.count).toBe(200)
    expect(first.roles.every((r) => r === 'row')).toBe(true)
    expect(first.issuers[0]).toBe('Service 0')
    expect(first.indexes).toEqual(first.indexes.map((_, i) => i + 1))
    expect(first.indexes.length).toBeGreaterThan(5)
    expect(first.indexes.length).toBeLessThan(30)
    // The page is as tall as every row: 85 px a row.
    expect(Math.abs(first.height - 200 * 85)).toBeLessThan(4)

    // Halfway down: the rows there, at their index, and the page's height unchanged.
    await page.evaluate(() => window.scrollTo(0, 100 * 85))
    await expect.poll(async () => (await grid(page)).issuers.includes('Service 100')).toBe(true)
    const middle = await grid(page)
    // Rows near the top are gone, but for the first: the Tab stop stays, so Tab still reaches the list.
    expect(middle.issuers).not.toContain('Service 1')
    expect(middle.issuers[0]).toBe('Service 0')
    expect(middle.indexes[middle.issuers.indexOf('Service 100')]).toBe(101)
    expect(Math.abs(middle.height - first.height)).toBeLessThan(4)
    expect(await contiguous(page)).toBe(true)
    const seen = await page.evaluate(() =>
      [...document.querySelectorAll('.account')].some((r) => {
        const box = r.getBoundingClientRect()
        return box.top < window.innerHeight && box.bottom > 0 && r.textContent?.includes('Service 100')
      }),
    )
    expect(seen).toBe(true)

    // A search counts only its matches: "user1" is user1, 10-19 and 100-199.
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.locator('.search').fill('user1')
    await expect.poll(async () => (await grid(page)).count).toBe(111)
    const found = await grid(page)
    expect(found.issuers.slice(0, 3)).toEqual(['Service 1', 'Service 10', 'Service 11'])
    expect(found.indexes).toEqual(found.indexes.map((_, i) => i + 1))
    expect(Math.abs(found.height - 111 * 85)).toBeLessThan(4)
    await page.locator('.search').fill('user199')
    await expect.poll(async () => (await grid(page)).issuers).toEqual(['Service 199'])
    expect((await grid(page)).count).toBe(1)
    await page.locator('.search').fill('')
    await expect.poll(async () => (await grid(page)).count).toBe(200)

    // Compact density, scrolled halfway: rows 54 px high, the page as tall as that, rows filling the view.
    // (No scroll or key in between: the list notices its rows' new size by itself.)
    await page.evaluate(() => (document.documentElement.dataset.density = 'compact'))
    await expect.poll(async () => Math.round((await grid(page)).height / 200)).toBe(54)
    await page.evaluate(() => window.scrollTo(0, 100 * 54))
    await expect.poll(async () => (await grid(page)).issuers.includes('Service 100')).toBe(true)
    const filled = await page.evaluate(() => {
      const boxes = [...document.querySelectorAll('.account')].map((r) => r.getBoundingClientRect())
      return (
        boxes.some((b) => b.top <= 0 && b.bottom > 0) &&
        boxes.some((b) => b.top < innerHeight && b.bottom >= innerHeight)
      )
    })
    expect(filled).toBe(true)
  })

  it('moves the focus over the whole list with the arrows, PageDown, End and Home, and keeps it through a scroll', async () => {
    const { page } = await launch({
      keychain: 'memory',
      accounts: manyAccounts(200),
      viewport: { width: 440, height: 720 },
    })
    await page.locator('.account').first().focus()
    await page.keyboard.press('End')
    expect(await focusedIssuer(page)).toBe('Service 199')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-rowindex'))).toBe('200')
    expect(await focusedInView(page)).toBe(true)
    expect(await contiguous(page)).toBe(true)
    await page.keyboard.press('ArrowUp')
    expect(await focusedIssuer(page)).toBe('Service 198')
    await page.keyboard.press('Home')
    expect(await focusedIssuer(page)).toBe('Service 0')
    expect(await focusedInView(page)).toBe(true)
    await page.keyboard.press('PageDown')
    const paged = Number((await focusedIssuer(page))?.replace('Service ', ''))
    expect(paged).toBeGreaterThan(3)
    expect(await focusedInView(page)).toBe(true)
    await page.keyboard.press('PageUp')
    expect(await focusedIssuer(page)).toBe('Service 0')
    for (let i = 0; i < 25; i++) await page.keyboard.press('ArrowDown')
    expect(await focusedIssuer(page)).toBe('Service 25')
    expect(await focusedInView(page)).toBe(true)
    // Back up past the top of the view: each row comes out from under the header, not behind it.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('ArrowUp')
      expect(await focusedInView(page)).toBe(true)
    }
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowDown')
    expect(await focusedIssuer(page)).toBe('Service 25')

    // Scrolled far away with the wheel, the focused row stays in the DOM (and focused); a key brings it back.
    await page.mouse.move(200, 400)
    await page.mouse.wheel(0, 100 * 85)
    await expect.poll(async () => (await grid(page)).issuers.includes('Service 120')).toBe(true)
    expect(await focusedIssuer(page)).toBe('Service 25')
    await page.keyboard.press('ArrowDown')
    expect(await focusedIssuer(page)).toBe('Service 26')
    expect(await focusedInView(page)).toBe(true)
    // Tab from the search box lands on it (past the buttons between).
    await page.locator('.search').focus()
    const rowIndex = () =>
      page.evaluate(() => document.activeElement?.closest('.account')?.getAttribute('aria-rowindex') ?? null)
    for (let i = 0; i < 12 && (await rowIndex()) === null; i++) await page.keyboard.press('Tab')
    expect(await rowIndex()).toBe('27')

    // Alt+ArrowUp moves the row up one; the focus follows it.
    await page.locator('.account', { hasText: 'Service 26' }).focus()
    await page.keyboard.press('Alt+ArrowUp')
    await expect
      .poll(() => page.evaluate(() => document.querySelector('.account[aria-rowindex="26"] .issuer')?.textContent))
      .toBe('Service 26')
    expect(await focusedIssuer(page)).toBe('Service 26')
    expect(await page.evaluate(() => document.querySelector('.account[aria-rowindex="27"] .issuer')?.textContent)).toBe(
      'Service 25',
    )
  })
})
