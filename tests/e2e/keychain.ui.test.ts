/**
 * What the UI does to the real OS keychain (Secret Service under tests/with-keyring.sh), checked with
 * secret-tool, an independent client: a QR screenshot pasted from the X clipboard (xclip, headful
 * Chromium on Xvfb) lands in the keychain, deleting it for good in the UI removes the entry, an HOTP code comes
 * from main and agrees with oathtool, and the harness leaves no entry behind.
 */
import { spawnSync } from 'node:child_process'
import QRCode from 'qrcode'
import { afterEach, describe, expect, it } from 'vitest'
import { pasteUntil, writeImageWithXclip } from './harness/clipboard'
import { e2eUnavailable, launchApp, type LaunchedApp } from './harness/launch'
import { hasTool } from '../support/tools'
import { keychainEntry } from '../support/keychain-entry'

const why = e2eUnavailable() ?? (hasTool('secret-tool') ? undefined : 'secret-tool is absent (libsecret-tools)')
if (why) console.warn(`[skip] keychain UI tests: ${why}`)
const whyXclip = e2eUnavailable({ headful: true }) ?? (hasTool('xclip') ? undefined : 'xclip is absent')
if (!why && whyXclip) console.warn(`[skip] xclip paste test: ${whyXclip}`)

const SECRET = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU'
const URI = `otpauth://totp/Keyring%20Co:carol?secret=${SECRET}&issuer=Keyring%20Co`
const AT = 1_700_000_013_000

/** The secret stored for (service, account id), or '' if there is none. */
function lookup(service: string, id: string): string {
  return spawnSync('secret-tool', ['lookup', 'service', service, 'account', id], { encoding: 'utf8' }).stdout.trim()
}

/** How many entries of `service` the keychain holds (keytar's probe entry included). */
function entries(service: string): number {
  const out = spawnSync('secret-tool', ['search', '--all', 'service', service], { encoding: 'utf8' })
  // One "[/<item path>]" line per item on stdout (the attributes go to stderr).
  return (out.stdout.match(/^\[\/.*\]$/gm) ?? []).length
}

describe.skipIf(why !== undefined)('the UI and the real keychain', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    await app?.close()
    app = undefined
  })

  it.skipIf(whyXclip !== undefined)(
    'saves a QR screenshot pasted from the X clipboard into the keychain, and deletes it with the account',
    async () => {
      app = await launchApp({ headful: true, now: () => AT })
      const { page, deps } = app
      await page.locator('.empty').waitFor()
      await writeImageWithXclip(app.display!, await QRCode.toBuffer(URI, { scale: 6 }))
      await page.mouse.click(200, 650)
      await pasteUntil(page, () => page.locator('.preview').waitFor({ timeout: 5000 }))
      await page.locator('.preview [data-action="save"]').click()
      await page.locator('.account').waitFor()
      const [account] = (await deps.vault.get()).list()
      expect(account).toMatchObject({ issuer: 'Keyring Co', label: 'carol' })
      expect(lookup(deps.service, keychainEntry(deps.dataDir, account!.id))).toBe(SECRET)

      await page.locator('.account').hover()
      await page.locator('.account [data-action="delete"]').click()
      await page.locator('.empty').waitFor()
      // Recently deleted keeps the key until it is deleted for good (main's confirmation, stubbed: yes).
      expect(lookup(deps.service, keychainEntry(deps.dataDir, account!.id))).toBe(SECRET)
      expect((await deps.vault.get()).list()).toEqual([])
      await page.locator('[data-action="show-deleted"]').click()
      await page.locator('.deleted-account [data-action="delete-forever"]').click()
      await page.locator('.deleted-empty').waitFor()
      expect(lookup(deps.service, keychainEntry(deps.dataDir, account!.id))).toBe('')
      expect(deps.confirm.asked.map((r) => r.kind)).toEqual(['remove', 'delete-forever'])
    },
  )

  it.skipIf(!hasTool('oathtool'))('generates HOTP codes in main that agree with oathtool, counter saved', async () => {
    const hotp = `otpauth://hotp/Legacy:dave?secret=${SECRET}&issuer=Legacy&counter=7`
    app = await launchApp({ accounts: [hotp] })
    const { page, deps } = app
    const expected = (counter: number) =>
      spawnSync('oathtool', ['--hotp', '-b', '-c', String(counter), SECRET], { encoding: 'utf8' }).stdout.trim()
    await page.locator('.account [data-action="hotp"]').click()
    await expect
      .poll(async () => (await page.locator('.account .code').textContent())?.replace(/\s/g, ''))
      .toBe(expected(7))
    await page.locator('.account [data-action="hotp"]').click()
    await expect
      .poll(async () => (await page.locator('.account .code').textContent())?.replace(/\s/g, ''))
      .toBe(expected(8))
    const [saved] = (await deps.vault.get()).list()
    expect(saved).toMatchObject({ type: 'hotp', counter: 9 })
  })

  it('leaves no keychain entry of its run behind', async () => {
    app = await launchApp({ accounts: [URI] })
    const service = app.deps.service
    expect(entries(service)).toBe(2) // the account and keytar's probe entry
    await app.close()
    app = undefined
    expect(entries(service)).toBe(0)
  })
})
