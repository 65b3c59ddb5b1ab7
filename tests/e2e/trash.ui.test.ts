/**
 * Reveal, phone codes and delete go through main's own confirmation, stubbed at the one place main
 * calls it (deps.confirm in the harness, the native message box in the app); "Recently deleted" with
 * Undo, days left at main's clock, Restore and Delete forever. The built renderer in Chromium over
 * main's real handler table, vault and keychain.
 */
import { describe, expect, it } from 'vitest'
import { e2eUnavailable, useLaunchedApp } from './harness/launch'
import { DEMO_ACCOUNTS } from './screenshots/scenes'
import { keychainEntry } from '../support/keychain-entry'

const why = e2eUnavailable()
if (why) console.warn(`[skip] Recently deleted UI tests: ${why}`)

const SECRET = 'JBSWY3DPEHPK3PXP'
const URI = `otpauth://totp/ACME:alice%40example.com?secret=${SECRET}&issuer=ACME`
const DAY = 24 * 60 * 60 * 1000
const T0 = Date.parse('2026-11-24T09:00:00Z')

describe.skipIf(why !== undefined)('confirmation in main and Recently deleted (e2e)', () => {
  const launch = useLaunchedApp()

  it('shows the key only after main’s confirmation says yes; a no shows nothing', async () => {
    const { page, deps } = await launch({ accounts: [URI] })
    await page.locator('.search').press('ArrowDown')
    await page.keyboard.press('F2')
    deps.confirm.answer = false
    await page.locator('dialog.edit [data-action="reveal"]').click()
    await expect
      .poll(() => deps.confirm.asked)
      .toEqual([{ kind: 'reveal-secret', accounts: [{ issuer: 'ACME', label: 'alice@example.com' }] }])
    // No page-drawn confirmation in between, no key, no error for the user's own Cancel.
    expect(await page.locator('dialog[open]').count()).toBe(1)
    expect(await page.locator('.secret-box').isHidden()).toBe(true)
    expect(await page.locator('dialog.edit .validation').textContent()).toBe('')
    expect(await page.content()).not.toContain('JBSW')
    // The box main shows names the account, and Enter or Escape there means Cancel.
    expect(deps.confirm.boxes[0]).toMatchObject({
      message: 'Show the secret key of \u201cACME / alice@example.com\u201d?',
      defaultId: 1,
      cancelId: 1,
    })

    deps.confirm.answer = true
    await page.locator('dialog.edit [data-action="reveal"]').click()
    await expect.poll(() => page.locator('.secret-box code').textContent()).toBe('JBSW Y3DP EHPK 3PXP')
    expect(deps.confirm.asked).toHaveLength(2)
  })

  it('gives the phone codes only after main’s confirmation', async () => {
    const { page, deps } = await launch({ accounts: [URI] })
    await page.locator('[data-action="backup"]').click()
    await page.locator('input[value="phone"]').check()
    deps.confirm.answer = false
    await page.locator('[data-action="export-phone"]').click()
    await expect.poll(() => deps.confirm.asked.map((r) => r.kind)).toEqual(['phone-codes'])
    await expect.poll(() => page.getByText('Cancelled: nothing was shown or changed.').count()).toBe(1)
    expect(await page.locator('canvas').count()).toBe(0)
    deps.confirm.answer = true
    await page.locator('[data-action="export-phone"]').click()
    await page.locator('canvas').first().waitFor()
  })

  it('removes only after main’s confirmation, into Recently deleted, with Undo', async () => {
    const { page, deps } = await launch({ accounts: DEMO_ACCOUNTS.slice(0, 3) })
    const issuers = () => page.locator('.account .issuer').allTextContents()
    await page.locator('.search').press('ArrowDown')
    deps.confirm.answer = false
    await page.keyboard.press('Delete')
    await expect.poll(() => deps.confirm.asked.length).toBe(1)
    expect(await issuers()).toEqual(['GitHub', 'Google', '楽天証券'])
    expect(await page.locator('[data-action="show-deleted"]').count()).toBe(0)
    expect(await page.locator('.toast.visible').count()).toBe(0)

    deps.confirm.answer = true
    await page.keyboard.press('Delete')
    await expect.poll(issuers).toEqual(['Google', '楽天証券'])
    const toast = page.locator('.toast')
    expect(await toast.textContent()).toContain('“GitHub (alice@example.com)” moved to Recently deleted.')
    expect(await page.locator('[data-action="show-deleted"]').textContent()).toBe('Recently deleted (1)')
    // The key is kept: Undo brings the account back where it was, codes and all.
    const [gone] = (await deps.vault.get()).deleted()
    expect(await deps.store.get(keychainEntry(deps.dataDir, gone!.id))).not.toBeNull()
    await toast.locator('[data-action="toast-action"]').click()
    await expect.poll(issuers).toEqual(['GitHub', 'Google', '楽天証券'])
    expect(await page.locator('[data-action="show-deleted"]').count()).toBe(0)
    await expect.poll(() => page.locator('.account').first().locator('.code').textContent()).toMatch(/^\d{3} \d{3}$/)

    // From the keyboard: Ctrl+Z while the toast shows.
    await page.locator('.account').first().focus()
    await page.keyboard.press('Delete')
    await expect.poll(issuers).toEqual(['Google', '楽天証券'])
    await page.keyboard.press('Control+z')
    await expect.poll(issuers).toEqual(['GitHub', 'Google', '楽天証券'])
    expect(await page.locator('.toast.visible').count()).toBe(0)
  })

  it('lists Recently deleted with days left at main’s clock; restores, and deletes forever only on main’s yes', async () => {
    const clock = { now: T0 }
    const { page, deps } = await launch({ accounts: DEMO_ACCOUNTS.slice(0, 3), now: () => clock.now })
    const vault = await deps.vault.get()
    const [github, google] = vault.list()
    // Removed by the UI ten days apart.
    await page.locator('.search').press('ArrowDown')
    await page.keyboard.press('Delete')
    await expect.poll(() => page.locator('.account').count()).toBe(2)
    clock.now = T0 + 10 * DAY
    await page.locator('.search').press('ArrowDown')
    await page.keyboard.press('Delete')
    await expect.poll(() => page.locator('.account').count()).toBe(1)
    clock.now = T0 + 29 * DAY + 1

    await page.locator('[data-action="show-deleted"]').click()
    const rows = page.locator('.deleted-account')
    await expect.poll(() => rows.locator('.issuer').allTextContents()).toEqual(['Google', 'GitHub'])
    expect(await rows.locator('.days-left').allTextContents()).toEqual(['11 days left', 'Last day'])

    // Delete forever: main asks; a no keeps it, key and all.
    deps.confirm.answer = false
    await rows.nth(1).locator('[data-action="delete-forever"]').click()
    await expect.poll(() => deps.confirm.asked.at(-1)?.kind).toBe('delete-forever')
    expect(deps.confirm.asked.at(-1)?.accounts).toEqual([{ issuer: 'GitHub', label: 'alice@example.com' }])
    expect(await rows.count()).toBe(2)
    expect(await deps.store.get(keychainEntry(deps.dataDir, github!.id))).not.toBeNull()

    deps.confirm.answer = true
    await rows.nth(1).locator('[data-action="delete-forever"]').click()
    await expect.poll(() => rows.count()).toBe(1)
    expect(await deps.store.get(keychainEntry(deps.dataDir, github!.id))).toBeNull()

    await rows.first().locator('[data-action="restore"]').click()
    await page.locator('.deleted-empty').waitFor()
    expect(await page.locator('.deleted-empty').textContent()).toBe('Nothing was deleted recently.')
    await page.locator('[data-action="back"]').click()
    await expect.poll(() => page.locator('.account .issuer').allTextContents()).toEqual(['Google', '楽天証券'])
    expect((await deps.vault.get()).list().map((a) => a.id)[0]).toBe(google!.id)
  })

  it('speaks Japanese in Recently deleted', async () => {
    const { page } = await launch({ locale: 'ja', accounts: DEMO_ACCOUNTS.slice(0, 1) })
    await page.locator('.search').press('ArrowDown')
    await page.keyboard.press('Delete')
    await page.locator('.empty').waitFor()
    expect(await page.locator('.toast').textContent()).toContain('を「最近削除した項目」に移しました。')
    expect(await page.locator('[data-action="show-deleted"]').textContent()).toBe('最近削除した項目（1）')
    await page.locator('[data-action="show-deleted"]').click()
    expect(await page.locator('.deleted-account .days-left').textContent()).toBe('あと 30 日')
    expect(await page.locator('.deleted-account [data-action="restore"]').textContent()).toBe('復元')
  })
})
