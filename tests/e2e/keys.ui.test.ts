/**
 * Keys, Japanese input and the screen reader's view, driven as a user does in Chromium (tests/e2e/harness):
 * real IME composition through CDP (Input.imeSetComposition / Input.insertText), Tab into the list,
 * Ctrl+C, Esc, `?`, Backspace, and the next code copied in its last seconds.
 */
import type { CDPSession, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { e2eUnavailable, useLaunchedApp } from './harness/launch'
import { AT_27_LEFT, AT_4_LEFT, DEMO_ACCOUNTS } from './screenshots/scenes'
import { totpCode } from '../../shared/otp/codes'
import { parseOtpUri } from '../../shared/otp/uri'

const why = e2eUnavailable()
if (why) console.warn(`[skip] keys UI tests: ${why}`)

const MONEX = `otpauth://totp/${encodeURIComponent('マネックス証券')}:taro?secret=GEZDGNBVGY3TQOJQGEZDGNBV&issuer=${encodeURIComponent('マネックス証券')}`
// GitHub, Google, 楽天証券, then マネックス証券.
const ACCOUNTS = [...DEMO_ACCOUNTS.slice(0, 3), MONEX]

function codeOf(uri: string, at: number, next = false): string {
  const params = parseOtpUri(uri)
  if (params.type !== 'totp') throw new Error('a TOTP account was expected')
  return totpCode(params, at + (next ? params.period * 1000 : 0)).code
}

const shownIssuers = (page: Page) => page.locator('.account:not([hidden]) .issuer').allTextContents()
const active = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    return el?.classList.contains('account') ? `row:${el.querySelector('.issuer')?.textContent}` : el?.className
  })

/** A key as an IME sends it while composing: keyCode 229 ("Process"). */
async function imeKey(cdp: CDPSession, key: string, code: string): Promise<void> {
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key, code, windowsVirtualKeyCode: 229 })
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code, windowsVirtualKeyCode: 229 })
}

describe.skipIf(why !== undefined)('keys, IME and screen reader (e2e)', () => {
  const launch = useLaunchedApp({ waitForAccounts: true })

  it('IME: Process starts search, no filtering mid-composition, the confirming Enter copies nothing, かな finds カナ', async () => {
    const { page, context, deps } = await launch({ locale: 'ja', accounts: ACCOUNTS, now: () => AT_27_LEFT })
    const cdp = await context.newCDPSession(page)
    await page.locator('.account').first().focus()
    // The first key with the IME on arrives as "Process": it must move the focus to the search box.
    await imeKey(cdp, 'Process', 'KeyM')
    expect(await active(page)).toBe('search')

    await cdp.send('Input.imeSetComposition', { text: 'まねっくす', selectionStart: 5, selectionEnd: 5 })
    expect(await page.locator('.search').inputValue()).toBe('まねっくす')
    // Still composing: every account stays, and no "no match" line.
    expect(await shownIssuers(page)).toEqual(['GitHub', 'Google', '楽天証券', 'マネックス証券'])
    expect(await page.locator('.no-match').isHidden()).toBe(true)

    // The Enter that confirms the conversion belongs to the IME, then the text is committed.
    await imeKey(cdp, 'Enter', 'Enter')
    await cdp.send('Input.insertText', { text: 'まねっくす' })
    await expect.poll(() => shownIssuers(page)).toEqual(['マネックス証券'])
    expect(deps.clipboard.writes).toEqual([])

    // A plain Enter afterwards copies the one match.
    await page.keyboard.press('Enter')
    await expect.poll(() => deps.clipboard.text).toBe(codeOf(MONEX, AT_27_LEFT))

    // A composition of kanji that is then cancelled (Esc inside the IME) leaves the box as it was.
    await page.locator('.search').fill('')
    await cdp.send('Input.imeSetComposition', { text: 'らくてん', selectionStart: 4, selectionEnd: 4 })
    expect((await shownIssuers(page)).length).toBe(4)
    await imeKey(cdp, 'Escape', 'Escape')
    await cdp.send('Input.imeSetComposition', { text: '', selectionStart: 0, selectionEnd: 0 })
    await cdp.send('Input.insertText', { text: '' })
    expect(await page.locator('.search').inputValue()).toBe('')
    expect(deps.clipboard.writes.length).toBe(1)
  })

  it('IME elsewhere: the Add site field and the link check wait for the conversion', async () => {
    const { page, context } = await launch({ locale: 'ja', accounts: ACCOUNTS, now: () => AT_27_LEFT })
    const cdp = await context.newCDPSession(page)
    // The edit dialog's Add site field: the confirming Enter must not add a half-typed name.
    await page.locator('.search').press('ArrowDown')
    await page.keyboard.press('F2')
    const site = page.locator('dialog input[name="site"]')
    await site.focus()
    await cdp.send('Input.imeSetComposition', { text: 'れい', selectionStart: 2, selectionEnd: 2 })
    await imeKey(cdp, 'Enter', 'Enter')
    await cdp.send('Input.insertText', { text: '例' })
    expect(await site.inputValue()).toBe('例')
    expect(await page.locator('dialog .site-chip').count()).toBe(0)
    expect(await page.locator('dialog .site-error').isHidden()).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('dialog').count()).toBe(0)

    // The link check: nothing is checked while composing, the confirmed text is.
    await page.locator('[data-action="check-link"]').click()
    const area = page.locator('dialog textarea')
    await area.focus()
    await cdp.send('Input.imeSetComposition', { text: 'まねっくす', selectionStart: 5, selectionEnd: 5 })
    expect(await page.locator('dialog .link-check').textContent()).toBe('')
    await cdp.send('Input.insertText', { text: 'マネックス' })
    await expect.poll(() => page.locator('dialog .link-check').textContent()).not.toBe('')
  })

  it('Enter right after typing copies a match of what was typed, even before the list is redrawn', async () => {
    const { page, deps } = await launch({ locale: 'ja', accounts: ACCOUNTS, now: () => AT_27_LEFT })
    await page.locator('.search').focus()
    // One task: the keys and Enter reach the page before any frame can filter the list.
    await page.evaluate(() => {
      const box = document.querySelector<HTMLInputElement>('.search')!
      box.value = 'まね'
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 'まね' }))
      box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }))
    })
    await expect.poll(() => deps.clipboard.text).toBe(codeOf(MONEX, AT_27_LEFT))
    expect(await shownIssuers(page)).toEqual(['マネックス証券'])
  })

  it('half-width kana and full-width letters find the same accounts', async () => {
    const { page } = await launch({ locale: 'ja', accounts: ACCOUNTS, now: () => AT_27_LEFT })
    await page.locator('.search').fill('ﾏﾈｯｸｽ')
    await expect.poll(() => shownIssuers(page)).toEqual(['マネックス証券'])
    await page.locator('.search').fill('ＧＩＴ')
    await expect.poll(() => shownIssuers(page)).toEqual(['GitHub'])
  })

  it('Tab reaches the rows (one stop, arrows within); the list and the edit dialog have translated names', async () => {
    const { page } = await launch({ locale: 'ja', accounts: ACCOUNTS, now: () => AT_27_LEFT })
    expect(await page.getByRole('grid', { name: 'アカウント' }).count()).toBe(1)
    expect(await page.locator('.account[tabindex="0"]').count()).toBe(1)
    await page.locator('.search').focus()
    let reached = ''
    for (let i = 0; i < 10 && !reached.startsWith('row:'); i++) {
      await page.keyboard.press('Tab')
      reached = (await active(page)) ?? ''
    }
    expect(reached).toBe('row:GitHub')
    await page.keyboard.press('ArrowDown')
    expect(await active(page)).toBe('row:Google')
    // One Tab stop: the next Tab leaves the list instead of walking its rows.
    await page.keyboard.press('Tab')
    expect(await active(page)).not.toMatch(/^row:/)
    await page.keyboard.press('Shift+Tab')
    expect(await active(page)).toBe('row:Google')

    // A filter that hides the Tab-stop row moves the stop to a shown one.
    await page.locator('.search').fill('らくてん')
    await page.locator('.search').fill('楽天')
    await expect.poll(() => shownIssuers(page)).toEqual(['楽天証券'])
    expect(await page.locator('.account:not([hidden])[tabindex="0"]').count()).toBe(1)

    await page.locator('.search').press('ArrowDown')
    await page.keyboard.press('F2')
    await expect.poll(() => page.getByRole('dialog', { name: 'アカウントを編集' }).count()).toBe(1)
  })

  it('Backspace on a row does nothing; Delete asks main', async () => {
    const { page, deps } = await launch({ locale: 'en', accounts: ACCOUNTS, now: () => AT_27_LEFT })
    deps.confirm.answer = false
    await page.locator('.search').press('ArrowDown')
    await page.keyboard.press('Backspace')
    await page.keyboard.press('Delete')
    await expect.poll(() => deps.confirm.asked.length).toBe(1)
    expect(deps.confirm.asked.map((a) => a.kind)).toEqual(['remove'])
    expect(await page.locator('.account').count()).toBe(4)
  })

  it('Ctrl+C copies the selected row’s code, but not over text selected in the search box', async () => {
    const { page, deps } = await launch({ locale: 'en', accounts: ACCOUNTS, now: () => AT_27_LEFT })
    await page.locator('.search').press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Control+c')
    await expect.poll(() => deps.clipboard.text).toBe(codeOf(ACCOUNTS[1]!, AT_27_LEFT))
    expect(await page.locator('.toast').textContent()).toContain('Copied.')

    await page.locator('.search').fill('goo')
    await page.locator('.search').selectText()
    await page.keyboard.press('Control+c')
    await page.keyboard.press('Control+c')
    expect(deps.clipboard.writes.length).toBe(1)
  })

  it('Esc leaves the add screen, and the scan result by the Back button’s own way', async () => {
    const { page } = await launch({ locale: 'en', accounts: ACCOUNTS, now: () => AT_27_LEFT })
    await page.locator('[data-action="add"]').first().click()
    await page.locator('[data-action="back"]').waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('.account').count()).toBe(4)

    // A pasted otpauth link opens the scan result.
    await page.evaluate((uri) => {
      const data = new DataTransfer()
      data.setData('text/plain', uri)
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }))
    }, 'otpauth://totp/Dropbox:bob?secret=JBSWY3DPEHPK3PXP&issuer=Dropbox')
    await page.locator('[data-action="back"]').waitFor()
    await expect.poll(() => page.locator('.account').count()).toBe(0)
    await page.evaluate(() => {
      // Whatever the Back button asks before leaving an unsaved result, Esc goes through it too.
      const back = document.querySelector('[data-action="back"]')
      back?.addEventListener('click', () => document.body.setAttribute('data-back-clicked', 'yes'))
    })
    await page.keyboard.press('Escape')
    expect(await page.locator('body').getAttribute('data-back-clicked')).toBe('yes')
  })

  it('? lists the keys in the UI language; Esc closes it', async () => {
    const { page } = await launch({ locale: 'ja', accounts: ACCOUNTS, now: () => AT_27_LEFT })
    // The list is drawn again once the language is known: focus a row of the Japanese list.
    await page.getByRole('grid', { name: 'アカウント' }).waitFor()
    await page.locator('.account').first().focus()
    await page.keyboard.press('?')
    const dialog = page.getByRole('dialog', { name: 'キーボードショートカット' })
    await expect.poll(() => dialog.count()).toBe(1)
    const text = (await dialog.textContent()) ?? ''
    for (const piece of ['Shift+Enter', 'Ctrl+C', 'F2', 'Delete', 'Esc', '次のコードをコピー'])
      expect(text).toContain(piece)
    expect(text).not.toContain('Backspace')
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)
    await expect.poll(() => active(page)).toBe('row:GitHub')
    // Typed into the search box, ? is a character, not the help.
    await page.locator('.search').pressSequentially('?')
    expect(await page.locator('dialog').count()).toBe(0)
  })

  it('copies the next code in its last seconds: a click on it, or Shift+Enter', async () => {
    const { page, deps } = await launch({ locale: 'ja', accounts: ACCOUNTS, now: () => AT_4_LEFT })
    const first = page.locator('.account').first()
    await expect.poll(() => first.getAttribute('class')).toContain('ending')
    await first.locator('.next').click()
    await expect.poll(() => deps.clipboard.text).toBe(codeOf(ACCOUNTS[0]!, AT_4_LEFT, true))
    expect(await page.locator('.toast').textContent()).toContain('次のコードをコピーしました')
    expect(codeOf(ACCOUNTS[0]!, AT_4_LEFT, true)).not.toBe(codeOf(ACCOUNTS[0]!, AT_4_LEFT))

    await page.locator('.account').nth(1).focus()
    await page.keyboard.press('Shift+Enter')
    await expect.poll(() => deps.clipboard.text).toBe(codeOf(ACCOUNTS[1]!, AT_4_LEFT, true))
    await page.keyboard.press('Enter')
    await expect.poll(() => deps.clipboard.text).toBe(codeOf(ACCOUNTS[1]!, AT_4_LEFT))
    // The same clipboard path: one clear timer, like any copy.
    expect(deps.timers.pending.size).toBe(1)
  })

  it('hide codes until clicked: ••• ••• until a click or Space, hidden again after a few seconds; Enter still copies', async () => {
    const { page, deps } = await launch({ locale: 'en', accounts: ACCOUNTS, now: () => AT_27_LEFT })
    await deps.settings.update({ hideCodes: true })
    // The page's clock, so "a few seconds later" needs no waiting.
    await page.clock.install()
    await page.reload()
    const rows = page.locator('.account')
    const code = (i: number) => rows.nth(i).locator('.code').textContent()
    const grouped = (c: string) => `${c.slice(0, 3)} ${c.slice(3)}`
    await expect.poll(() => code(0)).toBe('••• •••')
    expect(await page.locator('.accounts').textContent()).not.toMatch(/\d{3} \d{3}/)

    // The first click shows the code (and copies nothing); the next one copies.
    await rows.nth(0).click()
    expect(await code(0)).toBe(grouped(codeOf(ACCOUNTS[0]!, AT_27_LEFT)))
    expect(deps.clipboard.writes).toEqual([])
    await rows.nth(0).click()
    await expect.poll(() => deps.clipboard.text).toBe(codeOf(ACCOUNTS[0]!, AT_27_LEFT))
    await page.clock.runFor(10_000)
    expect(await code(0)).toBe('••• •••')

    // Keyboard: Space shows it; Enter copies a hidden code without showing it.
    await rows.nth(1).focus()
    await page.keyboard.press('Space')
    expect(await code(1)).toBe(grouped(codeOf(ACCOUNTS[1]!, AT_27_LEFT)))
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await expect.poll(() => deps.clipboard.text).toBe(codeOf(ACCOUNTS[2]!, AT_27_LEFT))
    expect(await code(2)).toBe('••• •••')
    await page.clock.runFor(10_000)
    expect(await code(1)).toBe('••• •••')
    expect((await deps.settings.get()).hideCodes).toBe(true)
  })

  it('the settings menu switches hide-codes on and off, at once and saved', async () => {
    const { page, deps } = await launch({ locale: 'ja', accounts: ACCOUNTS, now: () => AT_27_LEFT })
    const code = () => page.locator('.account').first().locator('.code').textContent()
    await expect.poll(code).toMatch(/^\d{3} \d{3}$/)
    await page.locator('[data-action="settings"]').click()
    await page.getByLabel('コードを隠す（クリックで表示）').check()
    await expect.poll(code).toBe('••• •••')
    await expect.poll(async () => (await deps.settings.get()).hideCodes).toBe(true)
    await page.getByLabel('コードを隠す（クリックで表示）').uncheck()
    await expect.poll(code).toMatch(/^\d{3} \d{3}$/)
    await expect.poll(async () => (await deps.settings.get()).hideCodes).toBe(false)
  })

  it('outside the last seconds Shift+Enter copies the current code', async () => {
    const { page, deps } = await launch({ locale: 'en', accounts: ACCOUNTS, now: () => AT_27_LEFT })
    await page.locator('.search').press('Shift+Enter')
    await expect.poll(() => deps.clipboard.text).toBe(codeOf(ACCOUNTS[0]!, AT_27_LEFT))
  })
})
