/**
 * Sites in the app (issue 10), driven as a user would in Chromium over main's real handlers, vault
 * and keychain: a known broker's QR proposes its site, copying says where the code belongs, a fake
 * link pasted into the search box is called a fake, the edit dialog adds and removes sites (and refuses
 * a bad one), and existing accounts get their one-time suggestion.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { pressPaste, writeImageWithClipboardApi } from './harness/clipboard'
import { e2eUnavailable, useLaunchedApp, type LaunchedApp, type LaunchOptions } from './harness/launch'
import { AT_27_LEFT, MONEX_URI, SBI_URI } from './screenshots/scenes'
import { looksLikeLink } from '../../renderer/views/link-check-view'
import { sitesShort, sitesSpoken } from '../../renderer/views/sites'

const why = e2eUnavailable()
if (why) console.warn(`[skip] sites UI tests: ${why}`)

const ACME = 'otpauth://totp/ACME:alice%40example.com?secret=KRSXG5CTMVRXEZLU&issuer=ACME'
const FAKE = 'https://monex.co.jp.account-verify.com/login'

/** Pastes plain text into the focused element, the way Ctrl+V of copied text reaches the page. */
async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => {
    const data = new DataTransfer()
    data.setData('text/plain', value)
    const target = document.activeElement ?? document.body
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
    // A paste the page did not take (plain text into a text field) inserts the text, as the browser would.
    if (target.dispatchEvent(event) && target instanceof HTMLInputElement) {
      target.value = value
      target.dispatchEvent(new Event('input', { bubbles: true }))
    }
  }, text)
}

describe("sites: the renderer's pure helpers", () => {
  it.each([
    'https://monex.co.jp.account-verify.com/login',
    'monex.co.jp',
    'MONEX.CO.JP.',
    'www.monex.co.jp',
    'support@monex.co.jp',
    'login.example.com/path?x=1',
    'hxxps://evil.example',
    'お客様の口座が制限されました https://bit.ly/3abcd',
    'From: a@b.jp\nhello',
    'ｍｏｎｅｘ.ｃｏ.ｊｐ',
  ])('checks %j as a link, not a name to filter', (text) => expect(looksLikeLink(text)).toBe(true))

  it.each(['', '  ', 'GitHub', 'SBI証券', 'Example Bank', 'ZX1234567', 'v1.2', 'alice', 'monex taro', '0012-345678'])(
    'filters by %j as account names',
    (text) => expect(looksLikeLink(text)).toBe(false),
  )

  it('writes sites short under a name and whole in the copy warning', () => {
    expect(sitesShort([])).toBe('')
    expect(sitesShort(['monex.co.jp'])).toBe('monex.co.jp')
    expect(sitesShort(['sbisec.co.jp', 'sbi.co.jp', 'sbi.com'])).toBe('sbisec.co.jp +2')
    expect(sitesSpoken(['monex.co.jp', 'monex.com'])).toBe('monex.co.jp or monex.com')
  })
})

describe.skipIf(why !== undefined)('sites in the app (e2e over main handlers)', () => {
  // The harness closes each test's app and fails it on page errors; `app` is the current one.
  let app: LaunchedApp | undefined
  const launchOne = useLaunchedApp()
  const launch = async (options: LaunchOptions): Promise<LaunchedApp> => (app = await launchOne(options))

  /** Gives saved accounts their sites through main's own handler, then redraws as after any change. */
  async function setSites(launched: LaunchedApp, sites: Record<string, string[]>): Promise<void> {
    const accounts = await launched.deps.handlers['accounts:list']()
    for (const account of accounts) {
      const wanted = sites[account.issuer]
      if (wanted) await launched.deps.handlers['accounts:set-sites'](account.id, wanted)
    }
    await launched.emit('app:accounts-changed')
  }

  const sitesOf = async (launched: LaunchedApp) =>
    Object.fromEntries((await launched.deps.handlers['accounts:list']()).map((a) => [a.issuer, a.sites]))

  it('proposes monex.co.jp for a scanned マネックス証券 QR and saves it with the account', async () => {
    const { page } = await launch({ now: () => AT_27_LEFT })
    await page.locator('.empty').waitFor()
    await writeImageWithClipboardApi(page, await QRCode.toBuffer(MONEX_URI, { scale: 6 }))
    await pressPaste(page)
    const proposed = page.locator('.preview input[name="proposed-site"]')
    await proposed.waitFor()
    expect(await proposed.getAttribute('value')).toBe('monex.co.jp')
    expect(await proposed.isChecked()).toBe(true)
    expect(await page.locator('.preview .site-proposed').textContent()).toBe('Site: monex.co.jp')
    await page.locator('[data-action="save"]').click()
    await expect.poll(() => page.locator('.account .site').first().textContent()).toBe('monex.co.jp')
    expect(await sitesOf(app!)).toEqual({ マネックス証券: ['monex.co.jp'] })
  })

  it('keeps a scanned account without the proposal when it is unticked, and a typed site is refused when bad', async () => {
    const { page } = await launch({ now: () => AT_27_LEFT })
    await page.locator('.empty').waitFor()
    await writeImageWithClipboardApi(page, await QRCode.toBuffer(MONEX_URI, { scale: 6 }))
    await pressPaste(page)
    await page.locator('.preview input[name="proposed-site"]').uncheck()
    await page.locator('.preview input[name="site"]').fill('not a site')
    await page.locator('[data-action="save"]').click()
    const field = page.locator('.preview input[name="site"]')
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true')
    const described = await field.getAttribute('aria-describedby')
    expect(await page.locator(`#${described}`).textContent()).not.toBe('')
    // Saved on scan with the proposal; the bad site changed nothing, and Done stays until it is fixed.
    expect(await sitesOf(app!)).toEqual({ マネックス証券: ['monex.co.jp'] })
    await field.fill('')
    await page.locator('[data-action="save"]').click()
    await page.locator('.account').waitFor()
    expect(await sitesOf(app!)).toEqual({ マネックス証券: [] })
    expect(await page.locator('.account [data-action="add-site"]').textContent()).toBe('No site — add')
  })

  it('proposes the site for a typed マネックス証券 setup key as the issuer is read', async () => {
    const { page } = await launch({ locale: 'ja', now: () => AT_27_LEFT })
    await page.locator('[data-action="add"]').first().click()
    await page.locator('input[name="secret"]').fill('JBSW Y3DP EHPK 3PXP')
    await page.locator('input[name="issuer"]').fill('マネックス証券')
    await expect.poll(() => page.locator('form.manual input[name="proposed-site"]').count()).toBe(1)
    expect(await page.locator('form.manual .site-proposed').textContent()).toBe('サイト：monex.co.jp')
    await page.locator('form.manual button[type="submit"]').click()
    await page.locator('.account').waitFor()
    expect(await sitesOf(app!)).toEqual({ マネックス証券: ['monex.co.jp'] })
  })

  it('says where a copied code belongs: one site, several, or quietly none (en and ja)', async () => {
    const { page } = await launch({ accounts: [MONEX_URI, SBI_URI, ACME], now: () => AT_27_LEFT })
    await setSites(app!, { マネックス証券: ['monex.co.jp'], SBI証券: ['sbisec.co.jp', 'sbi.co.jp'] })
    await expect.poll(() => page.locator('.account .site').count()).toBe(2)
    const rows = page.locator('.account')
    await rows.nth(0).locator('.code').click()
    const toast = page.locator('.toast.visible')
    await expect.poll(() => toast.locator('.toast-site').textContent()).toBe('Enter only at monex.co.jp')
    expect(await toast.textContent()).toContain('The clipboard clears in 30 s')
    // Enter on a focused row copies too.
    await rows.nth(1).focus()
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.locator('.toast .toast-site').textContent())
      .toBe('Enter only at sbisec.co.jp or sbi.co.jp')
    expect(await rows.nth(1).locator('.site').textContent()).toBe('sbisec.co.jp +1')
    await rows.nth(2).locator('.code').click()
    await expect.poll(() => page.locator('.toast .toast-quiet').textContent()).toBe('No site set')
    expect(await page.locator('.toast .toast-site').count()).toBe(0)
    await page.locator('[data-action="settings"]').click()
    await page.getByLabel('Language').selectOption('ja')
    await page.locator('[data-action="settings-close"]').click()
    await page.locator('.account').nth(0).locator('.code').click()
    await expect
      .poll(() => page.locator('.toast .toast-site').textContent())
      .toBe('monex.co.jp 以外には入力しないでください')
  })

  it('shows the fake-site verdict for a fake link pasted into the search box, and never copies on Enter', async () => {
    const { page } = await launch({ locale: 'ja', accounts: [MONEX_URI, ACME], now: () => AT_27_LEFT })
    await setSites(app!, { マネックス証券: ['monex.co.jp'] })
    await page.locator('.account .site').waitFor()
    const search = page.locator('.search')
    await search.focus()
    await pasteText(page, FAKE)
    const verdict = page.locator('[data-testid="link-verdict"]')
    await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('lookalike')
    expect(await verdict.locator('.finding-headline').first().textContent()).toBe(
      '偽サイトの可能性があります：monex.co.jp.account-verify.com は monex.co.jp ではありません。',
    )
    expect(await verdict.locator('[data-reason="subdomain-trick"]').count()).toBe(1)
    // The list is not filtered by a link, and Enter must not hand out a code next to a fake.
    expect(await page.locator('.account:visible').count()).toBe(2)
    await search.press('Enter')
    expect(app!.deps.clipboard.writes).toEqual([])
    // The real site, typed.
    await search.fill('https://www.monex.co.jp/login')
    await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('yours')
    expect(await verdict.textContent()).toContain('マネックス証券 / taro の正規のドメイン monex.co.jp です。')
    await search.fill('example.org')
    await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('unknown')
    // Names again: the verdict goes, the filter is back.
    await search.fill('ACME')
    await expect.poll(() => page.locator('.link-check').isHidden()).toBe(true)
    expect(await page.locator('.account:visible').count()).toBe(1)
  })

  it('checks a whole pasted e-mail: the fake link and the sender with its caveat (en)', async () => {
    const { page } = await launch({ accounts: [MONEX_URI], now: () => AT_27_LEFT })
    await setSites(app!, { マネックス証券: ['monex.co.jp'] })
    await page.locator('.account .site').waitFor()
    await page.locator('.search').focus()
    const mail = [
      'From: "Monex" <support@monex.co.jp>',
      'Subject: 口座保護のための確認手続き',
      '',
      'Please confirm your account within 24 hours:',
      'https://monex.co.jp.account-verify.com/login',
    ].join('\n')
    await pasteText(page, mail)
    const verdict = page.locator('[data-testid="link-verdict"]')
    await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('lookalike')
    expect(await verdict.locator('.finding').first().getAttribute('data-verdict')).toBe('lookalike')
    expect(await verdict.textContent()).toContain(
      'Possible fake site: monex.co.jp.account-verify.com is not monex.co.jp.',
    )
    expect(await verdict.locator('[data-reason="sender-forgeable"]').count()).toBe(1)
    // The "Check a link" action opens the same check in a dialog.
    await page.locator('[data-action="check-link"]').click()
    await page.locator('dialog.link-check-dialog textarea').fill('https://bit.ly/3abcd')
    await expect
      .poll(() => page.locator('dialog.link-check-dialog [data-testid="link-verdict"]').getAttribute('data-verdict'))
      .toBe('unverifiable')
  })

  it('edits sites in the dialog: adds from a pasted URL, refuses a bad one, removes', async () => {
    const { page } = await launch({ accounts: [ACME], now: () => AT_27_LEFT })
    await page.locator('.account [data-action="add-site"]').click()
    await page.locator('dialog.edit').waitFor()
    // "No site — add" opens the dialog at the site field.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('site')
    const field = page.locator('dialog.edit input[name="site"]')
    await field.fill('https://login.Example.co.jp/path?x=1')
    await field.press('Enter')
    await expect
      .poll(() => page.locator('dialog.edit .site-chip .site-name').allTextContents())
      .toEqual(['example.co.jp'])
    expect(await sitesOf(app!)).toEqual({ ACME: ['example.co.jp'] })
    await field.fill('co.jp')
    await page.locator('dialog.edit [data-action="add-site"]').click()
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true')
    const described = await field.getAttribute('aria-describedby')
    expect(await page.locator(`#${described}`).textContent()).toContain('monex.co.jp')
    expect(await sitesOf(app!)).toEqual({ ACME: ['example.co.jp'] })
    await field.fill('acme.com')
    expect(await field.getAttribute('aria-invalid')).toBeNull()
    await field.press('Enter')
    await expect.poll(() => page.locator('dialog.edit .site-chip').count()).toBe(2)
    await page.locator('dialog.edit [data-action="remove-site"][data-site="example.co.jp"]').click()
    await expect.poll(() => page.locator('dialog.edit .site-chip .site-name').allTextContents()).toEqual(['acme.com'])
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('.account .site').textContent()).toBe('acme.com')
    expect(await sitesOf(app!)).toEqual({ ACME: ['acme.com'] })
  })

  it('shows the sites each imported account will get, and saves them with it', async () => {
    const { page } = await launch({ accounts: [ACME], now: () => AT_27_LEFT })
    const file = join(app!.deps.dataDir, 'list.txt')
    writeFileSync(file, `${MONEX_URI}\notpauth://totp/Unknown:x?secret=ONSWG4TFORRW6ZDF&issuer=Unknown\n`)
    await page.locator('[data-action="backup"]').click()
    await page.getByRole('tab').nth(1).click()
    app!.deps.pickImport.paths = [file]
    await page.locator('[data-action="import-files"]').click()
    const entries = page.locator('.import-preview .preview-list li')
    await expect.poll(() => entries.count()).toBe(2)
    expect(await entries.nth(0).locator('small').textContent()).toBe('Site: monex.co.jp')
    expect(await entries.nth(1).locator('small').count()).toBe(0)
    await page.locator('[data-action="import-commit"]').click()
    await expect.poll(() => page.locator('.account').count()).toBe(3)
    expect(await sitesOf(app!)).toEqual({ ACME: [], マネックス証券: ['monex.co.jp'], Unknown: [] })
  })

  it('offers a known issuer its site once: accepted, or dismissed for good', async () => {
    const { page } = await launch({ accounts: [MONEX_URI, SBI_URI, ACME], now: () => AT_27_LEFT })
    const line = page.locator('[data-testid="site-suggestion"]')
    await expect.poll(() => line.textContent()).toContain('monex.co.jp')
    await line.locator('[data-action="suggestion-accept"]').click()
    await expect.poll(() => page.locator('.account').nth(0).locator('.site').textContent()).toBe('monex.co.jp')
    expect((await sitesOf(app!))['マネックス証券']).toEqual(['monex.co.jp'])
    // The next account's suggestion takes its place; "Not now" sends it away for good.
    await expect.poll(() => line.textContent()).toContain('SBI証券')
    await line.locator('[data-action="suggestion-dismiss"]').click()
    await expect.poll(() => line.count()).toBe(0)
    expect((await sitesOf(app!))['SBI証券']).toEqual([])
    await page.reload()
    await page.locator('.account').first().waitFor()
    expect(await line.count()).toBe(0)
    expect(await app!.deps.handlers['accounts:site-suggestions']()).toEqual([])
  })
})
