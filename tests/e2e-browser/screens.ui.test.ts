/**
 * The browser companion's pictures in docs/screens/, regenerated so they never go stale, in ja and
 * en: the toolbar popup on the real site, on a fake one, on the real site over plain http and on a
 * page of no account, and the red warning the shortcut puts into a fake page and an http one. The popup is the real one (opened by the browser for
 * the tab, after the shortcut granted it), and what it says is checked before it is pictured.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writePicture } from '../support/docs-picture'
import { ROOT } from '../support/tools'
import { companionUnavailable, extensionTexts, launchCompanion, type Companion } from './harness/browser'
import { waitForOverlay } from './harness/page-state'
import { openPopup } from './harness/popup'
import { FAKE_HYPHENATED, OTHER_ORIGIN_HOST, REAL_SITE } from './harness/sites'

const why = companionUnavailable()
if (why) console.warn(`[skip] browser companion screenshots: ${why}`)

const SCREENS = join(ROOT, 'docs', 'screens')
const URI =
  'otpauth://totp/%E3%83%9E%E3%83%8D%E3%83%83%E3%82%AF%E3%82%B9%E8%A8%BC%E5%88%B8:hanako?secret=JBSWY3DPEHPK3PXP&issuer=%E3%83%9E%E3%83%8D%E3%83%83%E3%82%AF%E3%82%B9%E8%A8%BC%E5%88%B8'

describe.skipIf(why).each(['ja', 'en'] as const)('browser companion screenshots (%s)', (locale) => {
  const t = extensionTexts(locale)
  let run: Companion
  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true })
    run = await launchCompanion({ locale })
    const added = run.vault.run(['add', URI, '--site', REAL_SITE])
    expect(added.status, added.stderr).toBe(0)
  })
  afterAll(async () => {
    await run?.close()
  })

  /** The shortcut on `url` (granting the tab to the extension), then the popup for that tab. */
  async function popupOn(url: string) {
    const page = await run.open(url)
    await run.pressShortcut(page)
    await waitForOverlay(page)
    const popup = await openPopup(run, (text) => !text.includes(t('popupChecking')))
    return { page, popup }
  }

  it('the popup on the real site names it and offers the account', async () => {
    const { page, popup } = await popupOn(`https://${REAL_SITE}/login`)
    const text = await popup.text()
    expect(text).toContain(t('popupReal', { site: REAL_SITE }))
    expect(text).toContain(t('popupFillAccount', { name: 'マネックス証券 (hanako)' }))
    expect(text).not.toMatch(/\d{6}/) // the popup never shows a code
    writePicture(join(SCREENS, `browser-popup-real-${locale}.png`), await popup.screenshot())
    await popup.close()
    await page.close()
  })

  it('the fake site: the red warning in the page and in the popup', async () => {
    const { page, popup } = await popupOn(`https://${FAKE_HYPHENATED}/login`)
    const title = t('warnTitle', { host: FAKE_HYPHENATED, site: REAL_SITE })
    expect(await popup.text()).toContain(title)
    writePicture(join(SCREENS, `browser-popup-fake-${locale}.png`), await popup.screenshot())
    await popup.close()
    await page.screenshot({
      path: join(SCREENS, `browser-warning-${locale}.png`),
      clip: { x: 0, y: 0, width: 1000, height: 340 },
    })
    await page.close()
  })

  it('the real site over plain http: the red warning to type https:// yourself', async () => {
    const { page, popup } = await popupOn(`http://${REAL_SITE}/login`)
    expect(await popup.text()).toContain(t('insecureTitle', { site: REAL_SITE }))
    writePicture(join(SCREENS, `browser-popup-http-${locale}.png`), await popup.screenshot())
    await popup.close()
    await page.screenshot({
      path: join(SCREENS, `browser-warning-http-${locale}.png`),
      clip: { x: 0, y: 0, width: 1000, height: 340 },
    })
    await page.close()
  })

  it('a page of no account: the quiet note', async () => {
    const { page, popup } = await popupOn(`https://${OTHER_ORIGIN_HOST}/plain`)
    expect(await popup.text()).toContain(t('noAccount'))
    writePicture(join(SCREENS, `browser-popup-no-account-${locale}.png`), await popup.screenshot())
    await popup.close()
    await page.close()
  })
})
