/**
 * Setup at 2FA time (issue 11, items 1, 2 and part of 11), in Chromium over main's real handlers and
 * keychain: a scanned account is saved at once (so leaving can never lose it) with Undo for a moment,
 * a QR without a name asks for one before its code shows, the big code copies, a duplicate points at
 * the saved one, the actions stay on screen at 380x600; the edit dialog refuses empty names; one account
 * as a QR code after main's own dialog; the add screen's drop zone and hints; no Backup on an empty vault.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'
import { scanImageFile } from '../../electron/scan/scan-file'
import { totpCode } from '../../shared/otp/codes'
import { parseOtpUri } from '../../shared/otp/uri'
import { keychainEntry } from '../support/keychain-entry'
import { pressPaste, writeImageWithClipboardApi } from './harness/clipboard'
import { e2eUnavailable, useLaunchedApp, type LaunchedApp } from './harness/launch'
import { AT_27_LEFT } from './screenshots/scenes'

const why = e2eUnavailable()
if (why) console.warn(`[skip] setup UI tests: ${why}`)

const SECRET = 'JBSWY3DPEHPK3PXP'
const URI = `otpauth://totp/ACME:alice%40example.com?secret=${SECRET}&issuer=ACME`
const MONEX_URI = `otpauth://totp/%E3%83%9E%E3%83%8D%E3%83%83%E3%82%AF%E3%82%B9%E8%A8%BC%E5%88%B8:taro?secret=${SECRET}&issuer=%E3%83%9E%E3%83%8D%E3%83%83%E3%82%AF%E3%82%B9%E8%A8%BC%E5%88%B8`
const NAMELESS = `otpauth://totp/?secret=${SECRET}`
const digits = (text: string | null) => (text ?? '').replace(/\s/g, '')

function codeAt(uri: string, atMs: number): string {
  const params = parseOtpUri(uri)
  if (params.type !== 'totp') throw new Error('a TOTP URI')
  return totpCode(params, atMs).code
}

describe.skipIf(why !== undefined)('setup (e2e over main handlers)', () => {
  const launch = useLaunchedApp()

  async function paste(launched: LaunchedApp, uri: string): Promise<void> {
    await writeImageWithClipboardApi(launched.page, await QRCode.toBuffer(uri, { scale: 6 }))
    await pressPaste(launched.page)
    await launched.page.locator('.preview').waitFor()
  }

  const saved = async (launched: LaunchedApp) =>
    (await launched.deps.handlers['accounts:list']()).map((a) => [a.issuer, a.label])

  it('saves a scanned account before showing its code, so leaving by Back keeps it', async () => {
    const launched = await launch({ now: () => AT_27_LEFT })
    const { page } = launched
    await page.locator('.empty').waitFor()
    await paste(launched, URI)
    await page.locator('.preview [data-action="undo"]').waitFor()
    expect(await saved(launched)).toEqual([['ACME', 'alice@example.com']])
    expect(digits(await page.locator('.preview .code').textContent())).toBe(codeAt(URI, AT_27_LEFT))
    expect(await page.locator('.preview [data-action="save"]').textContent()).toBe('Done')
    // The header's Back, without Done: nothing is asked and nothing is lost.
    await page.locator('[data-action="back"]').click()
    await page.locator('.account').waitFor()
    expect(await page.locator('.account .issuer').allTextContents()).toEqual(['ACME'])
    expect(await saved(launched)).toEqual([['ACME', 'alice@example.com']])
  })

  it('Undo takes a just-scanned account back for good (keychain too) without a dialog', async () => {
    const launched = await launch({ now: () => AT_27_LEFT })
    const { page } = launched
    await page.locator('.empty').waitFor()
    await paste(launched, URI)
    await page.locator('.preview [data-action="undo"]').waitFor()
    const [added] = await launched.deps.handlers['accounts:list']()
    expect(await launched.deps.store.get(keychainEntry(launched.deps.dataDir, added!.id))).toBe(SECRET)
    await page.locator('.preview [data-action="undo"]').click()
    await page.locator('.add-view').waitFor()
    expect(await page.locator('.toast').last().textContent()).toContain('ACME (alice@example.com)')
    expect(await saved(launched)).toEqual([])
    expect(await launched.deps.handlers['accounts:deleted']()).toEqual([])
    expect(await launched.deps.store.get(keychainEntry(launched.deps.dataDir, added!.id))).toBeNull()
    expect(launched.deps.confirm.asked).toEqual([])
  })

  it('asks a QR without a name for one, and shows no code until it is saved', async () => {
    const launched = await launch({ now: () => AT_27_LEFT })
    const { page } = launched
    await page.locator('.empty').waitFor()
    await paste(launched, NAMELESS)
    expect(await page.locator('.preview .preview-code').isHidden()).toBe(true)
    expect(await page.locator('.preview .name-first').isVisible()).toBe(true)
    await page.locator('.preview [data-action="save"]').click()
    await expect
      .poll(() => page.locator('.preview .validation').textContent())
      .toBe('Give the account a service or an account name.')
    expect(await saved(launched)).toEqual([])
    await page.locator('.preview input[name="issuer"]').fill('Broker')
    await page.locator('.preview [data-action="save"]').click()
    await page.locator('.preview [data-action="undo"]').waitFor()
    expect(await page.locator('.preview .preview-code').isVisible()).toBe(true)
    expect(await saved(launched)).toEqual([['Broker', '']])
    // Names changed after the save are applied by Done.
    await page.locator('.preview input[name="label"]').fill('hanako')
    await page.locator('.preview [data-action="save"]').click()
    await page.locator('.account').waitFor()
    expect(await saved(launched)).toEqual([['Broker', 'hanako']])
  })

  it('copies the big code like the list does, with the site warning', async () => {
    const launched = await launch({ now: () => AT_27_LEFT })
    const { page } = launched
    await page.locator('.empty').waitFor()
    await paste(launched, MONEX_URI)
    await page.locator('.preview [data-action="undo"]').waitFor()
    await page.locator('.preview [data-action="copy-code"]').click()
    await expect.poll(() => launched.deps.clipboard.text).toBe(codeAt(MONEX_URI, AT_27_LEFT))
    await expect.poll(() => page.locator('.toast').last().textContent()).toContain('Enter only at monex.co.jp')
  })

  it('makes "Show the saved one" the main action for a duplicate, and saves nothing by itself', async () => {
    const launched = await launch({ accounts: [URI], now: () => AT_27_LEFT })
    const { page } = launched
    await page.locator('.account').waitFor()
    await paste(launched, URI)
    const show = page.locator('.preview [data-action="show-saved"]')
    await expect.poll(() => show.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await show.getAttribute('class')).toContain('primary')
    expect(await page.locator('.preview [data-action="save"]').getAttribute('class')).not.toContain('primary')
    expect(await page.locator('.preview [data-action="save"]').textContent()).toBe('Save anyway')
    expect(await page.locator('.preview .note.warn').textContent()).toBe('An account with this key is saved already.')
    await show.click()
    await page.locator('.account').waitFor()
    expect(await saved(launched)).toEqual([['ACME', 'alice@example.com']])
    const focused = await page.evaluate(() => document.activeElement?.closest('.account')?.getAttribute('data-id'))
    expect(focused).toBe((await launched.deps.handlers['accounts:list']())[0]!.id)
  })

  it('keeps Done and Undo on screen at 380x600', async () => {
    const launched = await launch({ now: () => AT_27_LEFT, viewport: { width: 380, height: 600 } })
    const { page } = launched
    await page.locator('.empty').waitFor()
    await paste(launched, MONEX_URI)
    await page.locator('.preview [data-action="undo"]').waitFor()
    for (const action of ['save', 'undo']) {
      const box = await page.locator(`.preview [data-action="${action}"]`).boundingBox()
      expect(box, action).not.toBeNull()
      expect(box!.y + box!.height, action).toBeLessThanOrEqual(600)
      expect(box!.x + box!.width, action).toBeLessThanOrEqual(380)
    }
  })

  it('refuses clearing both names in the edit dialog, in the page and in main', async () => {
    const launched = await launch({ accounts: [URI] })
    const { page } = launched
    await page.locator('.account').hover()
    await page.locator('.account [data-action="edit"]').click()
    await page.locator('dialog.edit input[name="issuer"]').fill('')
    await page.locator('dialog.edit input[name="label"]').fill('  ')
    await page.locator('dialog.edit button[type="submit"]').click()
    await expect
      .poll(() => page.locator('dialog.edit .validation').textContent())
      .toBe('Give the account a service or an account name.')
    expect(await page.locator('dialog.edit').isVisible()).toBe(true)
    expect(await page.locator('dialog.edit input[name="issuer"]').getAttribute('aria-invalid')).toBe('true')
    // Main refuses it too, whatever the page sends.
    const id = (await launched.deps.handlers['accounts:list']())[0]!.id
    const refused = await page.evaluate(
      (account) =>
        window.warifu['accounts:rename'](account, { issuer: '', label: '' }).then(
          () => 'saved',
          (e: { code?: string }) => e.code,
        ),
      id,
    )
    expect(refused).toBe('INVALID_ACCOUNT')
    expect(await saved(launched)).toEqual([['ACME', 'alice@example.com']])
  })

  it('shows one account as a QR code for a phone after main asks, and wipes it on close', async () => {
    const launched = await launch({ accounts: [MONEX_URI] })
    const { page, deps } = launched
    await page.locator('.account').hover()
    await page.locator('.account [data-action="edit"]').click()
    deps.confirm.answer = false
    await page.locator('dialog.edit [data-action="show-qr"]').click()
    await expect.poll(() => deps.confirm.asked.map((r) => r.kind)).toEqual(['account-qr'])
    expect(await page.locator('dialog.account-qr').count()).toBe(0)
    deps.confirm.answer = true
    await page.locator('dialog.edit [data-action="show-qr"]').click()
    const canvas = page.locator('dialog.account-qr canvas.qr')
    await canvas.waitFor()
    expect(deps.confirm.asked).toEqual([
      { kind: 'account-qr', accounts: [{ issuer: 'マネックス証券', label: 'taro' }] },
      { kind: 'account-qr', accounts: [{ issuer: 'マネックス証券', label: 'taro' }] },
    ])
    expect(deps.confirm.boxes.at(-1)?.message).toBe('Show “マネックス証券 / taro” as a QR code?')
    const shot = join(deps.dataDir, 'account-qr.png')
    writeFileSync(shot, await canvas.screenshot())
    const texts = await scanImageFile(shot)
    expect(texts.map(parseOtpUri)).toEqual([parseOtpUri(MONEX_URI)])
    // Closing wipes the canvas (nothing left to read from a detached element kept by a script).
    const kept = await canvas.evaluateHandle((el) => el as HTMLCanvasElement)
    await page.locator('dialog.account-qr [data-action="qr-close"]').click()
    await page.locator('dialog.account-qr').waitFor({ state: 'detached' })
    expect(await kept.evaluate((el) => el.width)).toBe(0)
    expect(await page.locator('dialog.edit').isVisible()).toBe(true)
  })

  it('offers a visible drop zone with the screenshot shortcut, and says to move the window off the QR', async () => {
    const launched = await launch({ accounts: [URI] })
    const { page } = launched
    await page.locator('[data-action="add"]').first().click()
    const zone = page.locator('.add-view .drop-zone')
    expect(await zone.isVisible()).toBe(true)
    expect(await zone.locator('strong').textContent()).toMatch(/Paste \((Ctrl|⌘)\+?V\) or drop a screenshot/)
    const platform = await page.evaluate(() => navigator.platform)
    const expected = /^Win/.test(platform) ? 'Win+Shift+S' : /Mac/.test(platform) ? '⌘+Shift+4' : 'PrtSc'
    expect(await zone.locator('.screenshot-hint').textContent()).toContain(expected)
    expect(await page.locator('.add-view .scan-screen-hint').textContent()).toBe(
      'Show the QR code on screen and move Warifu’s window off it first.',
    )
  })

  it('has no Backup button while the vault is empty, and offers Import there instead', async () => {
    const launched = await launch({ locale: 'ja' })
    const { page } = launched
    await page.locator('.empty').waitFor()
    expect(await page.locator('[data-action="backup"]').count()).toBe(0)
    await page.locator('.empty [data-action="import"]').click()
    await page.locator('.backup-view').waitFor()
    await page.locator('[data-action="back"]').click()
    await launched.deps.handlers['accounts:add-from-uri'](URI)
    await launched.emit('app:accounts-changed')
    await page.locator('[data-action="backup"]').waitFor()
  })
})
