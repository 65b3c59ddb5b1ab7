/**
 * The list's rows in rowgroups of 20 (renderer/views/list-view.ts, for the search keystroke's frame
 * time): the grid's structure, empty groups hidden, off-screen groups sized from their shown rows, rows
 * the search hides out of the accessibility tree, keyboard focus reaching rows in groups that were off
 * screen, and Alt+arrow moving a row from one group to another.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { e2eUnavailable, useLaunchedApp } from './harness/launch'
import { manyAccounts } from './screenshots/scenes'

const why = e2eUnavailable({ keychain: 'memory' })
if (why) console.warn(`[skip] list groups UI tests: ${why}`)

/** Per group: its role, whether hidden, its rows' roles, and how many rows show. */
const groups = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.accounts > *')].map((g) => ({
      role: g.getAttribute('role'),
      hidden: g.hidden,
      rows: [...g.children].map((r) => r.getAttribute('role')).join(','),
      shown: g.querySelectorAll('.account:not([hidden])').length,
      size: g.style.containIntrinsicBlockSize,
    })),
  )

/** Whether the focused row lies within the window. */
const focusedInView = (page: Page) =>
  page.evaluate(() => {
    const box = (document.activeElement as HTMLElement).getBoundingClientRect()
    return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight
  })

const focusedIssuer = (page: Page) =>
  page.evaluate(
    () => (document.activeElement as HTMLElement).closest('.account')?.querySelector('.issuer')?.textContent,
  )

describe.skipIf(why !== undefined)('list rowgroups (e2e)', () => {
  const launch = useLaunchedApp({ waitForAccounts: true })

  it('puts 45 rows in grid > rowgroup > row, 20 a group, and hides the groups a search empties', async () => {
    const { page } = await launch({ keychain: 'memory', accounts: manyAccounts(45) })
    const all = await groups(page)
    expect(all.map((g) => [g.role, g.rows.split(',').length, g.shown])).toEqual([
      ['rowgroup', 20, 20],
      ['rowgroup', 20, 20],
      ['rowgroup', 5, 5],
    ])
    expect(all.every((g) => g.rows.split(',').every((r) => r === 'row'))).toBe(true)
    expect(await page.locator('.accounts').getAttribute('role')).toBe('grid')

    // "user1" is user1 and user10-19: all in the first group; the other two have nothing to show.
    await page.locator('.search').fill('user1')
    await expect
      .poll(async () => (await groups(page)).map((g) => [g.hidden, g.shown]))
      .toEqual([
        [false, 11],
        [true, 0],
        [true, 0],
      ])
    // A hidden row keeps its rendering but takes no room, and screen readers and the mouse skip it.
    expect(await page.getByRole('row').count()).toBe(11)
    const hiddenRow = page.locator('.account', { hasText: 'Service 2' }).first()
    expect(await hiddenRow.isHidden()).toBe(true)
    expect(await hiddenRow.evaluate((el) => el.getBoundingClientRect().height)).toBe(0)
    // "4": 4, 14, 24, 34, 40-44. Off screen a group is sized from its shown rows, not what it held before.
    await page.locator('.search').fill('4')
    const sized = await groups(page)
    expect(sized.map((g) => [g.hidden, g.shown])).toEqual([
      [false, 2],
      [false, 2],
      [false, 5],
    ])
    expect(sized.map((g) => parseInt(g.size, 10) / g.shown)).toEqual([85, 85, 85])

    await page.locator('.search').fill('')
    await expect.poll(async () => (await groups(page)).map((g) => g.shown)).toEqual([20, 20, 5])
  })

  it('moves the focus across groups with the arrows, End and Home, shows the focused row, and moves a row across groups', async () => {
    const { page } = await launch({ keychain: 'memory', accounts: manyAccounts(45) })
    await page.locator('.account').first().focus()
    await page.keyboard.press('End')
    expect(await focusedIssuer(page)).toBe('Service 44')
    expect(await focusedInView(page)).toBe(true)
    await page.keyboard.press('ArrowUp')
    expect(await focusedIssuer(page)).toBe('Service 43')
    await page.keyboard.press('Home')
    expect(await focusedIssuer(page)).toBe('Service 0')
    // From the last row of the first group to the first of the second.
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowDown')
    expect(await focusedIssuer(page)).toBe('Service 20')
    expect(await focusedInView(page)).toBe(true)

    // Alt+ArrowUp moves the first row of the second group to the end of the first; the focus follows it.
    await page.keyboard.press('Alt+ArrowUp')
    // Each group's first and last row.
    const ends = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('.account-group')].map((g) => {
          const issuers = [...g.querySelectorAll('.issuer')].map((e) => e.textContent)
          return [issuers[0], issuers[issuers.length - 1]]
        }),
      )
    await expect.poll(ends).toEqual([
      ['Service 0', 'Service 20'],
      ['Service 19', 'Service 39'],
      ['Service 40', 'Service 44'],
    ])
    expect(await focusedIssuer(page)).toBe('Service 20')
  })
})
