/**
 * The Backup screen as a user drives it, over main's real handlers, vault and keychain: the reminder,
 * an encrypted export, its import into an empty vault (password asked, wrong one refused), the plain
 * export's confirmation, the phone codes one at a time, and a Google Authenticator export collected
 * over two screenshots.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import QRCode from 'qrcode'
import { afterEach, describe, expect, it } from 'vitest'
import { scanImageFile } from '../../electron/scan/scan-file'
import { collectMigrationBatches, formatMigrationUris, parseMigrationUri } from '../../shared/formats/google-migration'
import type { OtpParams } from '../../shared/otp/account'
import { parseOtpUri } from '../../shared/otp/uri'
import { useTempDir } from '../support/temp-dir'
import { hasTool } from '../support/tools'
import { pressPaste, writeImageWithClipboardApi } from './harness/clipboard'
import { e2eUnavailable, launchApp, type LaunchedApp, type LaunchOptions } from './harness/launch'
import { AT_27_LEFT } from './screenshots/scenes'

const why = e2eUnavailable()
if (why) console.warn(`[skip] Backup UI tests: ${why}`)
const hasOathtool = hasTool('oathtool')

const BROKER = 'otpauth://totp/Monex:taro?secret=JBSWY3DPEHPK3PXP&issuer=Monex'
const BANK = 'otpauth://totp/Bank:hanako?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank&digits=8'
const ODD = 'otpauth://totp/Odd:x?secret=KRSXG5CTMVRXEZLU&issuer=Odd&algorithm=SHA256&period=60'
const PASSWORD = 'correct horse battery staple'

function oathtool(uri: string, atMs: number): string {
  const p = parseOtpUri(uri)
  const args = ['-b', '-N', `@${atMs / 1000}`, '--totp', `--digits=${p.digits}`, p.secret]
  const out = spawnSync('oathtool', args, { encoding: 'utf8' })
  if (out.status !== 0) throw new Error(`oathtool failed: ${out.stderr}`)
  return out.stdout.trim()
}

describe.skipIf(why !== undefined)('the Backup screen (e2e over main handlers)', () => {
  const outDir = useTempDir('warifu-e2e-out-')
  const apps: LaunchedApp[] = []
  const errors: string[] = []
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close()
    expect(errors.splice(0)).toEqual([])
  })

  async function launch(options: LaunchOptions): Promise<LaunchedApp> {
    const app = await launchApp(options)
    apps.push(app)
    app.page.on('pageerror', (e) => errors.push(e.message))
    app.page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    return app
  }

  it('exports an encrypted backup, then imports it into an empty vault on the real keychain', async () => {
    const from = await launch({ accounts: [BROKER, BANK], now: () => AT_27_LEFT })
    const page = from.page
    // Two accounts and no backup yet: the list says so, quietly.
    const reminder = page.getByTestId('backup-reminder')
    await expect.poll(() => reminder.textContent()).toContain('No backup yet (2 accounts)')
    await reminder.locator('[data-action="reminder-backup"]').click()

    const save = page.locator('[data-action="export-save"]')
    await page.locator('input[name="password"]').fill('kitchens')
    // The estimator's worker loads its dictionaries on first use: seconds on a busy machine.
    await expect.poll(() => page.locator('.strength').textContent(), { timeout: 15_000 }).toMatch(/^Weak/)
    // zxcvbn's reason and suggestion, translated.
    expect(await page.locator('.strength-feedback').textContent()).toBe(
      'This is a commonly used password. Add another, less common word.',
    )
    await page.locator('input[name="password"]').fill(PASSWORD)
    await page.locator('input[name="password-again"]').fill(`${PASSWORD}!`)
    expect(await page.locator('.match').textContent()).toBe('The two passwords differ.')
    expect(await save.isDisabled()).toBe(true)
    await page.locator('input[name="password-again"]').fill(PASSWORD)
    // The estimator answers from its worker, a moment after the typing.
    await expect.poll(() => page.locator('.strength').textContent(), { timeout: 15_000 }).toBe('Strong.')

    const file = join(outDir(), 'backup.json')
    from.deps.pickSave.path = file
    await save.click()
    // Writing runs the KDF and then reads the file back through it again: seconds on a busy machine.
    await expect
      .poll(() => page.locator('.scan-status').textContent(), { timeout: 15_000 })
      .toBe('Backup saved and checked: 2 accounts in backup.json.')
    expect(from.deps.pickSave.asked).toEqual(['aegis'])
    // The fields are emptied, the reminder is gone, and the file is encrypted.
    expect(await page.locator('input[name="password"]').inputValue()).toBe('')
    expect(await page.locator('.backup-last').textContent()).toMatch(/^Last verified backup: /)
    await page.locator('[data-action="back"]').click()
    await page.locator('.account').first().waitFor()
    expect(await reminder.count()).toBe(0)
    const written = readFileSync(file, 'utf8')
    expect(JSON.parse(written)).toMatchObject({ version: 1, header: { slots: [{ type: 1 }] } })
    expect(written).not.toContain('JBSWY3DPEHPK3PXP')

    const to = await launch({ now: () => AT_27_LEFT })
    const p2 = to.page
    await p2.locator('.empty').waitFor()
    // An empty vault has no Backup button (nothing to back up): its empty state offers the import.
    await p2.locator('.empty [data-action="import"]').click()
    await p2.getByRole('tab', { name: 'Import' }).click()
    to.deps.pickImport.paths = [file]
    await p2.locator('[data-action="import-files"]').click()
    await p2.locator('input[name="import-password"]').fill('wrong password')
    await p2.locator('[data-action="import-unlock"]').click()
    await expect
      .poll(() => p2.locator('.import-password small').textContent())
      .toBe('That password is wrong. Try again.')
    // In the error colour (--danger, #c8342b), not the grey of a hint; the field says it is wrong.
    expect(await p2.locator('.import-password small').evaluate((el) => getComputedStyle(el).color)).toBe(
      'rgb(200, 52, 43)',
    )
    expect(await p2.locator('input[name="import-password"]').getAttribute('aria-invalid')).toBe('true')
    await p2.locator('input[name="import-password"]').fill(PASSWORD)
    await p2.locator('[data-action="import-unlock"]').click()
    const preview = p2.getByTestId('import-preview')
    await preview.waitFor()
    expect(await preview.locator('h3').first().textContent()).toBe('To add: 2')
    expect(await preview.locator('.preview-list li').allTextContents()).toEqual(['Monex (taro)', 'Bank (hanako)'])
    expect((await to.deps.vault.get()).list()).toHaveLength(0)
    await preview.locator('[data-action="import-commit"]').click()

    await expect.poll(() => p2.locator('.account').count()).toBe(2)
    expect(await p2.locator('.toast').textContent()).toBe('Imported 2 accounts.')
    if (hasOathtool) {
      const codes = await p2.locator('.account .code').allTextContents()
      expect(codes.map((c) => c.replace(/\s/g, ''))).toEqual([oathtool(BROKER, AT_27_LEFT), oathtool(BANK, AT_27_LEFT)])
    }
    // Imported from a backup is not a backup of this vault: the reminder shows here.
    expect(await p2.getByTestId('backup-reminder').count()).toBe(1)
  })

  it('hides the reminder on "Later" until another account is added', async () => {
    const app = await launch({ accounts: [BROKER], keychain: 'memory' })
    const reminder = app.page.getByTestId('backup-reminder')
    await reminder.waitFor()
    await reminder.locator('[data-action="reminder-later"]').click()
    expect(await reminder.count()).toBe(0)
    // Another process (the CLI) adds one: the list is read again and the reminder is back.
    await (await app.deps.vault.get()).add(parseOtpUri(BANK))
    await app.emit('app:accounts-changed')
    await expect.poll(() => reminder.textContent()).toContain('No backup yet (2 accounts)')
  })

  it('imports otpauth links pasted as text on the Import tab', async () => {
    const app = await launch({ accounts: [BROKER], keychain: 'memory' })
    const { page } = app
    await page.locator('[data-action="backup"]').click()
    await page.getByRole('tab', { name: 'Import' }).click()
    await page.evaluate((text) => navigator.clipboard.writeText(text), `${BROKER}\n${BANK}\n${ODD}\n`)
    await pressPaste(page)
    const preview = page.getByTestId('import-preview')
    await expect.poll(() => preview.locator('h3').first().textContent()).toBe('To add: 2')
    expect(await page.locator('.sources span').textContent()).toBe('Pasted text 1')
    expect(await preview.locator('details summary').textContent()).toBe('Already saved, skipped: 1')
    await preview.locator('[data-action="import-commit"]').click()
    await expect.poll(() => page.locator('.account').count()).toBe(3)
  })

  it('writes a plain file only after the warning is acknowledged', async () => {
    const app = await launch({ accounts: [BROKER] })
    const page = app.page
    await page.locator('[data-action="backup"]').click()
    await page.locator('input[value="otpauth"]').check()
    expect(await page.locator('.export-detail .note.warn').textContent()).toContain('every secret key in readable text')
    const save = page.locator('[data-action="export-save"]')
    expect(await save.isDisabled()).toBe(true)
    // Not inside the data folder: main refuses that, and says so.
    app.deps.pickSave.path = join(app.deps.dataDir, 'plain.txt')
    await page.locator('input[name="confirm-plain"]').check()
    await save.click()
    await expect
      .poll(() => page.locator('.scan-status[data-kind="error"]').textContent())
      .toContain('outside Warifu’s own data folder')
    await page.locator('input[name="confirm-plain"]').uncheck()
    const file = join(outDir(), 'plain.txt')
    app.deps.pickSave.path = file
    await save.click({ force: true })
    expect(existsSync(file)).toBe(false)
    await page.locator('input[name="confirm-plain"]').check()
    await save.click()
    await expect.poll(() => page.locator('.scan-status').textContent()).toContain('plain.txt')
    expect(parseOtpUri(readFileSync(file, 'utf8').trim())).toEqual(parseOtpUri(BROKER))
    // Each plain file needs its own confirmation.
    expect(await page.locator('input[name="confirm-plain"]').isChecked()).toBe(false)
    expect(await save.isDisabled()).toBe(true)
    expect(app.deps.pickSave.asked).toEqual(['otpauth', 'otpauth'])
  })

  it('shows the phone codes one at a time, each readable, and lists what they leave out', async () => {
    const twelve = Array.from(
      { length: 12 },
      (_, i) => `otpauth://totp/Broker:user${i}?secret=JBSWY3DPEHPK3PX${'ABCDEFGHIJKL'[i]}&issuer=Broker`,
    )
    const app = await launch({ accounts: [...twelve, ODD], keychain: 'memory' })
    const page = app.page
    await page.locator('[data-action="backup"]').click()
    await page.locator('input[value="phone"]').check()
    await page.locator('[data-action="export-phone"]').click()
    await expect.poll(() => page.locator('.qr-counter').textContent()).toBe('Code 1 of 2')
    expect(await page.locator('.left-out li').allTextContents()).toEqual([
      'Odd (x) — uses an algorithm other than SHA1',
    ])

    const batches = []
    for (const n of [1, 2]) {
      const shot = join(app.deps.dataDir, `code-${n}.png`)
      writeFileSync(shot, await page.locator('canvas.qr').screenshot())
      const texts = await scanImageFile(shot)
      expect(texts).toHaveLength(1)
      batches.push(parseMigrationUri(texts[0]!))
      if (n === 1) {
        expect(await page.locator('[data-action="prev-code"]').isDisabled()).toBe(true)
        await page.keyboard.press('ArrowRight')
        await expect.poll(() => page.locator('.qr-counter').textContent()).toBe('Code 2 of 2')
        expect(await page.locator('[data-action="next-code"]').isHidden()).toBe(true)
      }
    }
    const collected = collectMigrationBatches(batches)
    expect(collected.incomplete).toEqual([])
    expect(collected.accounts.accounts.map((a) => a.label)).toEqual(twelve.map((u) => parseOtpUri(u).label))
    await page.locator('[data-action="phone-done"]').click()
    await page.locator('.backup-view').waitFor()
    // A phone transfer is not a backup.
    expect(await page.locator('.backup-last').textContent()).toBe('No backup has been made yet.')
  })

  it('collects a Google Authenticator export over two screenshots, naming the missing code', async () => {
    const accounts = Array.from({ length: 12 }, (_, i): OtpParams => ({
      ...parseOtpUri(BROKER),
      label: `user${i}`,
      secret: `JBSWY3DPEHPK3PX${'ABCDEFGHIJKL'[i]}`,
    }))
    const { uris } = formatMigrationUris(accounts, 4242)
    const app = await launch({ keychain: 'memory' })
    const page = app.page
    // The first code is opened like any QR image: the app sees an export and switches to Import.
    const first = join(app.deps.dataDir, 'ga-1.png')
    writeFileSync(first, await QRCode.toBuffer(uris[0]!, { scale: 5 }))
    app.deps.pickImage.path = first
    await page.locator('[data-action="add"]').first().click()
    await page.locator('[data-action="open-image"]').click()
    const preview = page.getByTestId('import-preview')
    await preview.waitFor()
    expect(await preview.locator('h3').first().textContent()).toBe('To add: 10')
    expect(await page.getByTestId('import-missing').textContent()).toContain('code(s) 2 of 2 not scanned yet')

    // The second arrives as a pasted screenshot on the Import tab.
    await writeImageWithClipboardApi(page, await QRCode.toBuffer(uris[1]!, { scale: 5 }))
    await pressPaste(page)
    await expect.poll(() => preview.locator('h3').first().textContent()).toBe('To add: 12')
    expect(await page.getByTestId('import-missing').count()).toBe(0)
    expect(await page.locator('.sources span').textContent()).toBe('Screenshot 1, Screenshot 2')
    await preview.locator('[data-action="import-commit"]').click()
    // The grid's row count: only the rows near the view are in the DOM.
    await expect.poll(() => page.locator('.accounts').getAttribute('aria-rowcount')).toBe('12')
  })
})
