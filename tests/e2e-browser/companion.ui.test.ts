/**
 * The browser companion end to end (issue 13, "How it must be shown"): Debian's Chromium with the
 * BUILT extension, the REAL native host started by Chromium, the real keychain, and the fixture
 * sites at their exact addresses (./harness). Every fill is triggered as a person does it: the
 * extension's shortcut as a real key press. One browser for the whole file.
 *
 * Codes are checked against oathtool for every 30 s step between the key press and the fill (the
 * host reads the clock at some moment in between), so the check is exact and cannot flake on a
 * step boundary.
 */
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BROWSER_PROTOCOL_VERSION } from '../../shared/browser/messages'
import { CLI, hasTool } from '../support/tools'
import {
  companionUnavailable,
  EXTENSION_DIR,
  EXTENSION_ORIGIN,
  extensionShortcut,
  extensionTexts,
  launchCompanion,
  xdotoolKeys,
  type Companion,
} from './harness/browser'
import { fieldValues, recordedEvents, waitForOverlay } from './harness/page-state'
import { attachPopup, openPopup } from './harness/popup'
import { setBrowserAccessRemoved } from '../../electron/browser/access'
import {
  FAKE_HOMOGRAPH,
  FAKE_HYPHENATED,
  FAKE_PREFIXED,
  HOTP_SITE,
  OTHER_ORIGIN_HOST,
  SHARED_SITE,
  REAL_SITE,
  REAL_SUBDOMAIN,
} from './harness/sites'

const SECRET = 'JBSWY3DPEHPK3PXP'
const URI = `otpauth://totp/Monex:hanako?secret=${SECRET}&issuer=Monex`

const why =
  companionUnavailable() ?? (hasTool('oathtool') ? undefined : 'oathtool is absent (apt-get install oathtool)')
if (why) console.warn(`[skip] browser companion e2e: ${why}`)

/** Two accounts on one site, and a counter-based one. */
const SHARED_SECRETS = { hanako: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', taro: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U' }
const HOTP_URI = `otpauth://hotp/SBI:taro?secret=KRUGS4ZANFZSAYJAORSXG5BB&issuer=SBI&counter=0`

const squash = (text: string) => text.replace(/\s+/g, '')

/** oathtool's codes for every 30 s step from `fromMs` to `toMs`. */
function oathtoolCodes(fromMs: number, toMs: number, secret = SECRET): string[] {
  const codes: string[] = []
  for (let step = Math.floor(fromMs / 30_000); step <= Math.floor(toMs / 30_000); step++) {
    const r = spawnSync('oathtool', ['--totp', '-b', secret, '--now', `@${step * 30}`], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`oathtool failed: ${r.stderr}`)
    codes.push(r.stdout.trim())
  }
  return codes
}

describe.skipIf(why)('browser companion in Chromium', () => {
  let run: Companion
  const t = extensionTexts('ja')
  beforeAll(async () => {
    run = await launchCompanion({ locale: 'ja' })
    for (const [uri, site] of [
      [URI, REAL_SITE],
      ...Object.entries(SHARED_SECRETS).map(
        ([label, secret]) => [`otpauth://totp/Rakuten:${label}?secret=${secret}&issuer=Rakuten`, SHARED_SITE] as const,
      ),
      [HOTP_URI, HOTP_SITE],
    ] as const) {
      const added = run.vault.run(['add', uri, '--site', site])
      expect(added.status, added.stderr).toBe(0)
    }
  })
  afterAll(async () => {
    await run?.close()
  })

  /** Opens the page, presses the shortcut, waits for the extension's overlay; the page and its overlay. */
  async function shortcutOn(url: string) {
    const page = await run.open(url)
    const before = Date.now()
    await run.pressShortcut(page)
    const overlay = await waitForOverlay(page)
    return { page, overlay, before, after: Date.now() }
  }

  describe('fills the code on the real site', () => {
    it('on https://monex.co.jp: the code oathtool gives, with the input events frameworks listen to', async () => {
      const { page, overlay, before, after } = await shortcutOn(`https://${REAL_SITE}/login`)
      expect(overlay.role).toBe('status')
      const { otp } = await fieldValues(page)
      expect(oathtoolCodes(before, after)).toContain(otp)
      expect(await page.locator('#password').inputValue()).toBe('')
      const events = await recordedEvents(page)
      expect(events.filter((e) => e.id === 'otp').map((e) => [e.type, e.value])).toContainEqual(['input', otp])
      expect(events.filter((e) => e.id === 'otp').map((e) => e.type)).toContain('change')
      await page.close()
    })

    it('on a subdomain (https://trade.monex.co.jp), a field known only by its label 認証コード', async () => {
      const { page, before, after } = await shortcutOn(`https://${REAL_SUBDOMAIN}/verify`)
      const { code } = await fieldValues(page)
      expect(oathtoolCodes(before, after)).toContain(code)
      await page.close()
    })

    it('into a segmented six-box widget, one digit per box', async () => {
      const { page, before, after } = await shortcutOn(`https://${REAL_SITE}/segmented`)
      const values = await fieldValues(page)
      const boxes = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'].map((id) => values[id])
      expect(boxes.every((digit) => /^\d$/.test(digit ?? ''))).toBe(true)
      expect(oathtoolCodes(before, after)).toContain(boxes.join(''))
      await page.close()
    })

    it('into a field inside a same-origin frame', async () => {
      const { page, before, after } = await shortcutOn(`https://${REAL_SITE}/frame-same`)
      const frame = page.frames().find((f) => f !== page.mainFrame())!
      expect(new URL(frame.url()).origin).toBe(`https://${REAL_SITE}`)
      expect(oathtoolCodes(before, after)).toContain((await fieldValues(frame)).otp)
      await page.close()
    })
  })

  describe('refuses, fills nothing and says why', () => {
    it.each([
      [FAKE_HYPHENATED, 'another ending with the brand in the name'],
      [FAKE_PREFIXED, 'the real name as the start of another site'],
      [FAKE_HOMOGRAPH, 'an IDN homograph (Cyrillic о), by its punycode name'],
    ])('on https://%s (%s): the red warning names the real site', async (host) => {
      const { page, overlay } = await shortcutOn(`https://${host}/login`)
      expect(overlay.role).toBe('alertdialog')
      expect(overlay.name).toBe(t('warnLabel'))
      // The warning sets the host names apart (own elements), so its text is compared without spaces.
      const text = squash(overlay.text)
      expect(text).toContain(squash(t('warnTitle', { host, site: REAL_SITE })))
      expect(text).toContain(squash(t('warnAdvice', { site: REAL_SITE })))
      expect(await fieldValues(page)).toEqual({ otp: '' })
      expect(await recordedEvents(page)).toEqual([])
      await page.close()
    })

    it('on http://monex.co.jp (the real site without https): the red warning to type https://, fills nothing', async () => {
      const { page, overlay } = await shortcutOn(`http://${REAL_SITE}/login`)
      expect(overlay.role).toBe('alertdialog')
      expect(overlay.name).toBe(t('warnLabel'))
      const text = squash(overlay.text)
      expect(text).toContain(squash(t('insecureTitle', { site: REAL_SITE })))
      expect(text).toContain(squash(t('insecureAdvice', { site: REAL_SITE })))
      expect(await fieldValues(page)).toEqual({ otp: '' })
      expect(await recordedEvents(page)).toEqual([])
      await page.close()
    })

    it("into a cross-origin frame on the real site: the frame field stays empty, and the page and the popup name the frame's site", async () => {
      const { page, overlay } = await shortcutOn(`https://${REAL_SITE}/frame-cross`)
      const frame = page.frames().find((f) => f !== page.mainFrame())!
      expect(new URL(frame.url()).host).toBe(OTHER_ORIGIN_HOST)
      expect(overlay.text).toBe(t('noFieldFramed', { host: OTHER_ORIGIN_HOST }))
      expect(await fieldValues(frame)).toEqual({ otp: '' })
      expect(await recordedEvents(frame)).toEqual([])
      // The popup's Fill says the same, naming the frame's site.
      const popup = await openPopup(run, (text) => text.includes(t('popupReal', { site: REAL_SITE })))
      await popup.click(t('popupFillAccount', { name: 'Monex (hanako)' }))
      await expect.poll(() => popup.text()).toContain(t('noFieldFramed', { host: OTHER_ORIGIN_HOST }))
      expect(await fieldValues(frame)).toEqual({ otp: '' })
      await popup.close()
      await page.close()
    })

    it('on a page of no account: the quiet note', async () => {
      const { page, overlay } = await shortcutOn(`https://${OTHER_ORIGIN_HOST}/login`)
      expect(overlay).toMatchObject({ role: 'status', text: t('noAccount') })
      expect(await fieldValues(page)).toEqual({ otp: '' })
      await page.close()
    })
  })

  describe('asks, or leaves it to the user', () => {
    it('with two accounts on the site: the popup asks which one, and the chosen one is filled', async () => {
      const page = await run.open(`https://${SHARED_SITE}/login`)
      const before = Date.now()
      await run.pressShortcut(page)
      const popup = await attachPopup(run, (text) => text.includes(t('popupChoose', { site: SHARED_SITE })))
      expect(await popup.text()).toContain('Rakuten (hanako)')
      await popup.click('Rakuten (taro)')
      await waitForOverlay(page)
      expect(oathtoolCodes(before, Date.now(), SHARED_SECRETS.taro)).toContain((await fieldValues(page)).otp)
      await popup.close()
      await page.close()
    })

    it("the popup's own shortcut opens it on the real site, naming the site and the account", async () => {
      const page = await run.open(`https://${REAL_SITE}/login`)
      await run.focus(page)
      run.sendKeys(xdotoolKeys(extensionShortcut(EXTENSION_DIR, '_execute_action')))
      const popup = await attachPopup(run, (text) => text.includes(t('popupReal', { site: REAL_SITE })))
      expect(await popup.text()).toContain(t('popupFillAccount', { name: 'Monex (hanako)' }))
      await popup.close()
      expect(await fieldValues(page)).toEqual({ otp: '' }) // opening the popup fills nothing
      await page.close()
    })

    it('a counter-based (HOTP) account is never filled automatically', async () => {
      const { page, overlay } = await shortcutOn(`https://${HOTP_SITE}/login`)
      expect(overlay.text).toBe(t('counterBased', { name: 'SBI (taro)' }))
      expect(await fieldValues(page)).toEqual({ otp: '' })
      await page.close()
    })

    it('after the access was removed in the app, nothing is filled on the real site either', async () => {
      await setBrowserAccessRemoved(run.vault.home, true, Date.now())
      try {
        const { page, overlay } = await shortcutOn(`https://${REAL_SITE}/login`)
        expect(overlay.text).toBe(t('accessRemoved'))
        expect(await fieldValues(page)).toEqual({ otp: '' })
        await page.close()
      } finally {
        await setBrowserAccessRemoved(run.vault.home, false, Date.now())
      }
    })
  })

  describe('the native host', () => {
    /** Runs the built host as Chromium would, with `caller` as its first argument, asking for the real site's code. */
    function askHost(caller: string) {
      const body = Buffer.from(
        JSON.stringify({ v: BROWSER_PROTOCOL_VERSION, type: 'code-for-page', url: `https://${REAL_SITE}/login` }),
      )
      const head = Buffer.alloc(4)
      head.writeUInt32LE(body.length)
      const r = spawnSync(process.execPath, [CLI, 'browser-host', caller], {
        env: run.vault.env,
        input: Buffer.concat([head, body]),
        timeout: 30_000,
      })
      const out = r.stdout
      const answer =
        out.length >= 4 ? (JSON.parse(out.subarray(4, 4 + out.readUInt32LE(0)).toString()) as unknown) : undefined
      return { status: r.status, answer, raw: out.toString('latin1') }
    }

    it('refuses a call from another extension id, with no code in its answer', () => {
      const other = askHost('chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/')
      expect(other.status).toBe(1)
      expect(other.answer).toMatchObject({ type: 'error', code: 'caller-not-allowed' })
      expect(other.raw).not.toMatch(/\d{6}/)
      expect(other.raw).not.toContain(SECRET)
    })

    it("answers Warifu's own id with a code and never the secret (the same request, as a control)", () => {
      const own = askHost(EXTENSION_ORIGIN)
      expect(own.answer).toMatchObject({ type: 'code', site: REAL_SITE })
      expect(own.raw).not.toContain(SECRET)
    })
  })
})
