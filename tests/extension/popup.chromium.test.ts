/**
 * The toolbar popup as built (dist-like folder from build/extension.mjs), in headless Chromium
 * with the `chrome` APIs it calls replaced by a stub: each state it can show, in ja and en, what
 * its Fill button asks the page, and axe-core finding no serious or critical violation.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserResponse } from '../../shared/browser/messages'
// @ts-expect-error: a build script in plain JavaScript, without types
import { buildExtension } from '../../build/extension.mjs'
import { seriousViolations } from '../support/axe'

const CHROMIUM_PATH = '/usr/bin/chromium'
const why = process.env.CI !== 'true' && !existsSync(CHROMIUM_PATH) ? `${CHROMIUM_PATH} is absent` : undefined
if (why !== undefined) console.warn(`extension popup tests skipped: ${why}`)

const out = mkdtempSync(join(tmpdir(), 'warifu-popup-'))
let browser: Browser

beforeAll(async () => {
  if (why !== undefined) return
  await (buildExtension as (dir: string) => Promise<void>)(out)
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  })
})
afterAll(async () => {
  await browser?.close()
  rmSync(out, { recursive: true, force: true })
})

interface Stub {
  lang: 'en' | 'ja'
  url: string
  /** The host's answer, or a connectNative failure's message. */
  answer: BrowserResponse | { fail: string }
  messages: Record<string, { message: string }>
}

/** The popup over a stubbed `chrome`: records what it posts to the host and injects into the tab. */
async function openPopup(lang: 'en' | 'ja', url: string, answer: Stub['answer']): Promise<Page> {
  const messages = JSON.parse(readFileSync(join(out, 'chromium', '_locales', lang, 'messages.json'), 'utf8'))
  const page = await browser.newPage({
    viewport: { width: 340, height: 260 },
    locale: lang === 'ja' ? 'ja-JP' : 'en-US',
  })
  await page.addInitScript(
    (stub: Stub) => {
      const w = window as unknown as Record<string, unknown>
      const log = { posted: [] as unknown[], injected: [] as unknown[] }
      w.__log = log
      let lastError: { message: string } | undefined
      const chromeStub = {
        i18n: { getMessage: (k: string) => stub.messages[k]?.message ?? '', getUILanguage: () => stub.lang },
        tabs: { query: () => Promise.resolve([{ id: 3, url: stub.url }]) },
        commands: { getAll: () => Promise.resolve([{ name: 'fill-code', shortcut: 'Alt+Shift+2' }]) },
        action: { openPopup: () => Promise.resolve() },
        runtime: {
          get lastError() {
            return lastError
          },
          connectNative: () => {
            const onMessage: ((m: unknown) => void)[] = []
            const onDisconnect: (() => void)[] = []
            return {
              postMessage: (m: unknown) => {
                log.posted.push(m)
                setTimeout(() => {
                  if ('fail' in stub.answer) {
                    lastError = { message: stub.answer.fail }
                    onDisconnect.forEach((l) => l())
                    lastError = undefined
                  } else onMessage.forEach((l) => l(stub.answer))
                }, 5)
              },
              disconnect: () => undefined,
              onMessage: { addListener: (l: (m: unknown) => void) => onMessage.push(l) },
              onDisconnect: { addListener: (l: () => void) => onDisconnect.push(l) },
            }
          },
        },
        scripting: {
          executeScript: (details: { files?: string[]; args?: unknown[] }) => {
            if (details.args !== undefined) log.injected.push(details.args[1])
            return Promise.resolve([{ result: { filled: true, how: 'single', frame: 'top', boxes: 1 } }])
          },
        },
      }
      Object.defineProperty(window, 'chrome', { value: chromeStub, configurable: true })
    },
    { lang, url, answer, messages } satisfies Stub,
  )
  await page.goto(pathToFileURL(join(out, 'chromium', 'popup.html')).href)
  await page.waitForFunction(() => !document.querySelector('#state')?.textContent?.match(/Checking|確認しています/))
  return page
}

const violations = seriousViolations

const CODE: BrowserResponse = {
  v: 1,
  type: 'code',
  code: '287082',
  secondsLeft: 20,
  period: 30,
  name: 'マネックス証券 (hanako)',
  site: 'monex.co.jp',
}
const LOOKALIKE: BrowserResponse = {
  v: 1,
  type: 'lookalike',
  site: 'monex.co.jp',
  host: 'monex-co-jp.com',
  reasons: ['brand-in-other-domain'],
}

describe.skipIf(why !== undefined)('extension popup in Chromium', () => {
  it.each(['en', 'ja'] as const)(
    'on the real site (%s): names the site and fills on click, never showing the code',
    async (lang) => {
      const page = await openPopup(lang, 'https://www.monex.co.jp/login', CODE)
      const text = await page.locator('body').innerText()
      expect(text).toContain('monex.co.jp')
      expect(text).not.toContain('287082')
      const button = page.getByRole('button', { name: /マネックス証券 \(hanako\)/ })
      await expect.poll(() => button.evaluate((b) => b === document.activeElement)).toBe(true)
      expect(await violations(page)).toEqual([])
      await page.screenshot({ path: join(out, `popup-real-${lang}.png`) })
      await button.click()
      await page.waitForFunction(
        () => (window as unknown as { __log: { injected: unknown[] } }).__log.injected.length > 0,
      )
      const log = await page.evaluate(() => (window as unknown as { __log: unknown }).__log)
      expect(log).toMatchObject({
        posted: [
          { v: 1, type: 'code-for-page', url: 'https://www.monex.co.jp/login' },
          { v: 1, type: 'code-for-page', url: 'https://www.monex.co.jp/login' },
        ],
        injected: [{ kind: 'fill', code: '287082', origin: 'https://www.monex.co.jp' }],
      })
      expect(await page.locator('#state').innerText()).toBe(lang === 'ja' ? '入力しました。' : 'Filled.')
      await page.close()
    },
  )

  it.each(['en', 'ja'] as const)('on a fake site (%s): the red warning as an alert, nothing injected', async (lang) => {
    const page = await openPopup(lang, 'https://monex-co-jp.com/login', LOOKALIKE)
    const alert = page.getByRole('alert')
    expect(await alert.innerText()).toContain(lang === 'ja' ? '偽サイトの可能性があります' : 'Possible fake site')
    expect(await alert.innerText()).toContain('monex-co-jp.com')
    expect(await page.getByRole('button').count()).toBe(0)
    expect(await violations(page)).toEqual([])
    await page.screenshot({ path: join(out, `popup-fake-${lang}.png`) })
    expect(await page.evaluate(() => (window as unknown as { __log: { injected: unknown[] } }).__log.injected)).toEqual(
      [],
    )
    await page.close()
  })

  it.each([
    ['en', 'This page is not encrypted', 'typing https://monex.co.jp yourself'],
    ['ja', '暗号化されていないページです', 'https://monex.co.jp をご自身で入力して開いてください'],
  ] as const)(
    'on the real site over http (%s): the red warning to type https:// yourself, nothing injected',
    async (lang, title, advice) => {
      const page = await openPopup(lang, 'http://monex.co.jp/login', { v: 1, type: 'not-https', site: 'monex.co.jp' })
      const alert = page.getByRole('alert')
      expect(await alert.locator('h2').innerText()).toContain(title)
      expect(await alert.innerText()).toContain(advice)
      expect(await page.getByRole('button').count()).toBe(0)
      // The address to type is one unbroken name; Japanese breaks between phrases.
      expect(await alert.locator('.name', { hasText: 'https://monex.co.jp' }).count()).toBeGreaterThan(0)
      expect(
        await page.evaluate(() => [document.documentElement.lang, getComputedStyle(document.body).wordBreak]),
      ).toEqual([lang, 'auto-phrase'])
      expect(await violations(page)).toEqual([])
      await page.screenshot({ path: join(out, `popup-http-${lang}.png`) })
      expect(
        await page.evaluate(() => (window as unknown as { __log: { injected: unknown[] } }).__log.injected),
      ).toEqual([])
      await page.close()
    },
  )

  it('lists the accounts to choose from and asks again with the chosen one', async () => {
    const page = await openPopup('en', 'https://monex.co.jp/', {
      v: 1,
      type: 'choose',
      site: 'monex.co.jp',
      accounts: [
        { ref: 'r1', name: 'Monex (hanako)' },
        { ref: 'r2', name: 'Monex (taro)' },
      ],
    })
    expect(await page.getByRole('button').allInnerTexts()).toEqual(['Monex (hanako)', 'Monex (taro)'])
    expect(await violations(page)).toEqual([])
    await page.getByRole('button', { name: 'Monex (taro)' }).click()
    await page.waitForFunction(() => (window as unknown as { __log: { posted: unknown[] } }).__log.posted.length > 1)
    const posted = await page.evaluate(() => (window as unknown as { __log: { posted: unknown[] } }).__log.posted)
    expect(posted[1]).toEqual({ v: 1, type: 'code-for-page', url: 'https://monex.co.jp/', account: 'r2' })
    await page.close()
  })

  it.each([
    ['en', { v: 1, type: 'no-account' }, 'No account for this site.'],
    ['ja', { v: 1, type: 'no-account' }, 'このサイトのアカウントはありません。'],
    ['en', { fail: 'Specified native messaging host not found.' }, 'warifu browser install'],
    ['ja', { fail: 'Specified native messaging host not found.' }, '「ブラウザーと連携」'],
  ] as const)('says why nothing is filled (%s, %j)', async (lang, answer, expected) => {
    const page = await openPopup(lang, 'https://example.com/', answer)
    expect(await page.locator('#state').innerText()).toContain(expected)
    expect(await violations(page)).toEqual([])
    await page.screenshot({ path: join(out, `popup-${'fail' in answer ? 'host-missing' : 'no-account'}-${lang}.png`) })
    await page.close()
  })
})
