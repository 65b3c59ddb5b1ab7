/**
 * "Connect a browser" in the app (issue 13, item 5), driven as a user would in Chromium over main's
 * real handlers: the settings menu opens it, Connect writes the native host's manifest into a
 * temporary home, the next step names the extension's folder, a fill the host reports through the
 * real activity socket shows as "Code filled on monex.co.jp at 09:31", and one button removes the
 * browsers' access. axe finds no serious or critical violation on it, in ja and en.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { isBrowserAccessRemoved } from '../../electron/browser/access'
import {
  activitySocketAddress,
  notifyFill,
  RecentFills,
  startActivityServer,
  type ActivityServer,
} from '../../electron/browser/activity'
import { appBrowserAccess } from '../../electron/browser/app-access'
import type { InstallContext } from '../../electron/browser/install'
import { NATIVE_HOST_NAME } from '../../shared/browser/extension-id'
import { BrowserInstallError } from '../../shared/errors'
import { useTempDir } from '../support/temp-dir'
import { e2eUnavailable, useLaunchedApp } from './harness/launch'
import { MONEX_URI } from './screenshots/scenes'
import { seriousViolations } from '../support/axe'

const why = e2eUnavailable()
if (why) console.warn(`[skip] Connect a browser UI tests: ${why}`)

const APP = '/opt/Warifu/warifu'

const violations = seriousViolations

/** "09:31" as the page writes the time of a fill made today. */
function hhmm(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at)
}

describe.skipIf(why !== undefined)('Connect a browser (e2e over main handlers)', () => {
  const launch = useLaunchedApp({ waitForAccounts: true })
  const tempDir = useTempDir('warifu-e2e-browser-')
  let server: ActivityServer | null = null
  afterEach(async () => {
    await server?.close()
    server = null
  })

  /** A temp home to connect into, the built extension's folder, and the app's listening side. */
  async function browserSide() {
    const home = tempDir()
    const dataDir = join(home, 'data')
    const extensionRoot = join(home, 'extension')
    mkdirSync(dataDir)
    mkdirSync(join(extensionRoot, 'chromium'), { recursive: true })
    writeFileSync(join(extensionRoot, 'chromium', 'manifest.json'), '{}')
    const ctx: InstallContext = { platform: 'linux', home, dataDir, env: {}, host: { kind: 'app', executable: APP } }
    const fills = new RecentFills()
    const address = activitySocketAddress({ WARIFU_HOME: dataDir })
    server = await startActivityServer({ fills, address })
    expect(server).not.toBeNull()
    const opened: string[] = []
    const { host, ...place } = ctx
    const access = appBrowserAccess({
      place,
      host: () => host,
      now: Date.now,
      extensionRoot,
      openFolder: (path) => {
        opened.push(path)
        return Promise.resolve()
      },
    })
    const manifest = join(home, '.config', 'chromium', 'NativeMessagingHosts', `${NATIVE_HOST_NAME}.json`)
    return { browser: { access, fills }, address, dataDir, extensionRoot, manifest, opened }
  }

  for (const locale of ['en', 'ja'] as const) {
    it(`connects, shows a fill reported through the real socket, and removes access (${locale})`, async () => {
      const side = await browserSide()
      const { page } = await launch({
        locale,
        accounts: [MONEX_URI],
        browser: side.browser,
        viewport: { width: 480, height: 1000 },
      })
      const ja = locale === 'ja'

      await page.locator('[data-action="settings"]').click()
      await page.locator('[data-action="connect-browser"]').click()
      const dialog = page.locator('dialog.browser-dialog')
      await dialog.waitFor()
      await expect.poll(() => page.locator('dialog[open]').count()).toBe(1)
      const state = dialog.getByTestId('browser-state')
      await expect
        .poll(() => state.textContent())
        .toBe(ja ? 'まだどのブラウザーとも連携していません。' : 'No browser is connected yet.')
      // Chrome is ticked the first time; this user has Chromium.
      expect(await dialog.locator('#browser-chrome').isChecked()).toBe(true)
      await dialog.locator('#browser-chrome').uncheck()
      await expect.poll(() => dialog.locator('[data-action="browser-connect"]').isDisabled()).toBe(true)
      await dialog.locator('#browser-chromium').check()
      await dialog.locator('[data-action="browser-connect"]').click()

      await expect.poll(() => state.textContent()).toBe(ja ? '連携中：Chromium' : 'Connected: Chromium')
      const manifest = JSON.parse(readFileSync(side.manifest, 'utf8')) as { path: string }
      expect(manifest.path).toBe(APP)
      expect(await dialog.locator('code[data-family="chromium"]').textContent()).toBe(
        join(side.extensionRoot, 'chromium'),
      )
      await dialog.locator('[data-action="browser-open-chromium"]').click()
      await expect.poll(() => side.opened).toEqual([join(side.extensionRoot, 'chromium')])
      expect(await dialog.locator('.browser-fill').count()).toBe(0)

      // The host's notice, as `warifu browser-host` sends it after a fill.
      const at = Date.now()
      await notifyFill({ site: 'monex.co.jp', name: 'マネックス証券 (taro)', at }, { address: side.address })
      const line = dialog.locator('.browser-fill-what')
      await line.waitFor()
      expect(await line.textContent()).toBe(
        ja
          ? `認証コードを monex.co.jp に入力しました ${hhmm(at, 'ja')}`
          : `Code filled on monex.co.jp at ${hhmm(at, 'en')}`,
      )
      expect(await dialog.locator('.browser-fill-name').textContent()).toBe('マネックス証券 (taro)')
      expect(await violations(page)).toEqual([])
      await page.screenshot({ path: join('tests', 'artifacts', 'screenshots', `browser-connect-${locale}.png`) })

      // A later visit: the steps are folded, the fill is still listed (main's memory, not the page's).
      await page.keyboard.press('Escape')
      await expect.poll(() => page.locator('dialog[open]').count()).toBe(0)
      await page.locator('[data-action="settings"]').click()
      await page.locator('[data-action="connect-browser"]').click()
      await expect.poll(() => dialog.locator('.browser-fill').count()).toBe(1)
      expect(await dialog.locator('details.browser-next').getAttribute('open')).toBeNull()
      expect(await dialog.locator('#browser-chromium').isChecked()).toBe(true)
      expect(await dialog.locator('#browser-chrome').isChecked()).toBe(false)
      await page.screenshot({ path: join('tests', 'artifacts', 'screenshots', `browser-connect-later-${locale}.png`) })

      await dialog.locator('[data-action="browser-remove"]').click()
      await expect
        .poll(() => state.textContent())
        .toBe(
          ja
            ? 'ブラウザーからのアクセスを止めています。もう一度連携するまで、拡張機能には認証コードを渡しません。'
            : 'Browser access is removed: the extension gets no code until you connect again.',
        )
      expect(existsSync(side.manifest)).toBe(false)
      expect(await isBrowserAccessRemoved(side.dataDir)).toBe(true)
      expect(await dialog.locator('[data-action="browser-remove"]').isHidden()).toBe(true)
      // The focus stays in the dialog (on Connect), not lost to the page.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('browser-connect')
      // The fills stay listed: removing access forgets nothing that happened.
      expect(await dialog.locator('.browser-fill').count()).toBe(1)
      expect(await violations(page)).toEqual([])

      await page.keyboard.press('Escape')
      await expect.poll(() => page.locator('dialog[open]').count()).toBe(0)
    })
  }

  it('says an install failure in words and leaves access as it was', async () => {
    const side = await browserSide()
    const failing = {
      ...side.browser,
      access: {
        ...side.browser.access,
        connect: () => Promise.reject(new BrowserInstallError('Could not write the browser\u2019s host manifest.')),
      },
    }
    const { page } = await launch({ locale: 'en', accounts: [MONEX_URI], browser: failing })
    await page.locator('[data-action="settings"]').click()
    await page.locator('[data-action="connect-browser"]').click()
    const dialog = page.locator('dialog.browser-dialog')
    await dialog.locator('[data-action="browser-connect"]').click()
    await expect
      .poll(() => dialog.locator('.browser-said').textContent())
      .toBe('The browser could not be connected: its settings folder could not be written.')
    expect(await dialog.getByTestId('browser-state').textContent()).toBe('No browser is connected yet.')
    expect(existsSync(side.manifest)).toBe(false)
  })
})
