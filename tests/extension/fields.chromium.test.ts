/**
 * The content script's field finding and filling, in Debian's headless Chromium against fixture
 * pages: the one bundle the extension injects (extension/content/main.ts), run in the page.
 * Two origins on one loopback server (127.0.0.1 and localhost) make the cross-origin frame.
 */
import { build } from 'esbuild'
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_GLOBAL, type ContentRequest, type ContentResult } from '../../extension/content/protocol'
import { ROOT } from '../support/tools'

const CHROMIUM_PATH = '/usr/bin/chromium'
const why =
  process.env.CI !== 'true' && !existsSync(CHROMIUM_PATH)
    ? `${CHROMIUM_PATH} is absent (apt-get install chromium)`
    : undefined
if (why !== undefined) console.warn(`extension field tests skipped: ${why}`)

const CODE = '287082'
const TEXTS = {
  filled: 'filled',
  noField: 'no field',
  noFieldFramed: 'in a frame of {host}',
  navigated: 'navigated',
  lang: 'en',
}

const page = (body: string) => `<!doctype html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`

/** Fixture pages by path; `{cross}` is replaced by the other origin. */
const PAGES: Record<string, string> = {
  '/plain': page(`
    <input name="email" type="email" value="">
    <input name="password" type="password">
    <label for="c">Verification code</label><input id="c" name="c1">`),
  '/autocomplete': page(`
    <input name="search" placeholder="Search">
    <input id="otp" autocomplete="one-time-code" inputmode="numeric">`),
  '/numeric-name': page(`<input name="mfa_token" inputmode="numeric">`),
  '/camel-case': page(`<input name="firstName"><input name="twoFactorCode">`),
  '/2fa': page(`<input name="postcode" placeholder="Postcode"><input id="x2fa" name="login[2fa]">`),
  '/japanese': page(`
    <label>お名前<input name="f0"></label>
    <label>認証コード（6桁）<input name="f1"></label>`),
  '/japanese-placeholder': page(`<input name="x" placeholder="ワンタイムパスワードを入力">`),
  '/japanese-aria': page(`<span id="l">確認コード</span><input name="y" aria-labelledby="l">`),
  '/segmented': page(`
    <input name="email" maxlength="1">
    <p>Enter the code</p>
    <div class="otp">${[0, 1, 2, 3, 4, 5].map((i) => `<span><input id="b${i}" maxlength="1" inputmode="numeric"></span>`).join('')}</div>
    <script>
      window.events = []
      const boxes = [...document.querySelectorAll('.otp input')]
      boxes.forEach((box, i) => {
        for (const t of ['keydown', 'input', 'change', 'keyup']) box.addEventListener(t, () => { if (i === 0) events.push(t) })
        // Like real widgets: typing a digit moves focus to the next box.
        box.addEventListener('input', () => boxes[i + 1]?.focus())
      })
    </script>`),
  '/same-origin-frame': page(`<p>Sign in</p><iframe src="/plain" width="400" height="200"></iframe>`),
  '/cross-origin-frame': page(`<p>Sign in</p><iframe id="f" src="{cross}/plain" width="400" height="200"></iframe>`),
  '/react-like': page(`
    <input id="r" name="otp">
    <output id="state"></output>
    <script>
      // React's value tracking: it replaces the instance's value setter to remember what it set,
      // and on an input event updates its state only when the DOM value differs from that.
      const input = document.getElementById('r')
      const proto = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')
      let tracked = ''
      Object.defineProperty(input, 'value', {
        get() { return proto.get.call(this) },
        set(v) { tracked = String(v); proto.set.call(this, v) },
      })
      input.addEventListener('input', () => {
        const now = proto.get.call(input)
        if (now !== tracked) { tracked = now; document.getElementById('state').textContent = now }
      })
    </script>`),
  '/decoys': page(`
    <input name="otp" style="display:none">
    <input name="otp" disabled>
    <input name="otp" readonly>
    <input name="otp" style="visibility:hidden">
    <input name="otp" type="hidden">
    <div style="opacity:0"><input name="otp"></div>
    <input name="promo_code" placeholder="Promo code">
    <input name="otp" maxlength="4" placeholder="too short">
    <input id="real" name="verification_code" inputmode="numeric">`),
  '/nothing': page(`<input name="q" placeholder="Search"><input name="password" type="password">`),
  '/bank-password-otp': page(`<label>ワンタイムパスワード<input id="p" type="password" name="pw2"></label>`),
  '/focused': page(`<input id="f" name="field7"><script>document.getElementById('f').focus()</script>`),
}

let server: Server
let origin = ''
let cross = ''
let browser: Browser
let script = ''

beforeAll(async () => {
  if (why !== undefined) return
  const bundle = await build({
    entryPoints: [join(ROOT, 'extension/content/main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    logLevel: 'warning',
  })
  script = bundle.outputFiles[0]?.text ?? ''
  server = createServer((req, res) => {
    const html = PAGES[new URL(req.url ?? '/', 'http://x').pathname]
    if (html === undefined) return void res.writeHead(404).end()
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html.replace('{cross}', cross))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`
  cross = `http://localhost:${port}`
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  })
})

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
})

/** Opens a fixture, injects the content bundle into the top frame only, runs one request. */
async function runOn(path: string, request?: Partial<ContentRequest>): Promise<{ page: Page; result: ContentResult }> {
  const p = await browser.newPage()
  await p.goto(`${origin}${path}`)
  await p.waitForLoadState('load')
  await p.addScriptTag({ content: script })
  const full = { kind: 'fill', code: CODE, origin, texts: TEXTS, ...request } as ContentRequest
  const result = await p.evaluate(
    ([name, req]) => (window as unknown as Record<string, { run(r: unknown): unknown }>)[name as string]!.run(req),
    [CONTENT_GLOBAL, full] as const,
  )
  return { page: p, result: result as ContentResult }
}

const value = (p: Page, selector: string) => p.locator(selector).inputValue()

describe.skipIf(why !== undefined)('extension content script in Chromium', () => {
  it('fills a field labelled "Verification code", not the e-mail or password', async () => {
    const { page: p, result } = await runOn('/plain')
    expect(result).toEqual({ filled: true, how: 'single', frame: 'top', boxes: 1 })
    expect(await value(p, '#c')).toBe(CODE)
    expect(await value(p, '[name=email]')).toBe('')
    expect(await value(p, '[name=password]')).toBe('')
    await p.close()
  })

  it.each([
    ['/autocomplete', '#otp'],
    ['/numeric-name', '[name=mfa_token]'],
    ['/camel-case', '[name=twoFactorCode]'],
    ['/2fa', '#x2fa'],
    ['/japanese', '[name=f1]'],
    ['/japanese-placeholder', '[name=x]'],
    ['/japanese-aria', '[name=y]'],
    ['/bank-password-otp', '#p'],
    ['/focused', '#f'],
  ])('finds the field on %s', async (path, selector) => {
    const { page: p, result } = await runOn(path)
    expect(result).toMatchObject({ filled: true, how: 'single' })
    expect(await value(p, selector)).toBe(CODE)
    if (path === '/japanese') expect(await value(p, '[name=f0]')).toBe('')
    await p.close()
  })

  it('fills six one-digit boxes in turn with the key and input events, not the stray box before them', async () => {
    const { page: p, result } = await runOn('/segmented')
    expect(result).toEqual({ filled: true, how: 'segmented', frame: 'top', boxes: 6 })
    for (let i = 0; i < 6; i += 1) expect(await value(p, `#b${i}`)).toBe(CODE[i])
    expect(await value(p, '[name=email]')).toBe('')
    expect(await p.evaluate(() => (window as unknown as { events: string[] }).events)).toEqual([
      'keydown',
      'input',
      'change',
      'keyup',
    ])
    await p.close()
  })

  it('fills a field inside a same-origin frame', async () => {
    const { page: p, result } = await runOn('/same-origin-frame')
    expect(result).toEqual({ filled: true, how: 'single', frame: 'same-origin-frame', boxes: 1 })
    expect(await p.frameLocator('iframe').locator('#c').inputValue()).toBe(CODE)
    await p.close()
  })

  it('never fills a cross-origin frame', async () => {
    const { page: p, result } = await runOn('/cross-origin-frame')
    // The note names the frame's site: the field is most likely there, and Warifu never fills it.
    expect(result).toEqual({ filled: false, reason: 'cross-origin-frame', frameHost: new URL(cross).host })
    expect(await p.frameLocator('#f').locator('#c').inputValue()).toBe('')
    await p.close()
  })

  it('updates a React-like controlled input (the native setter, then input)', async () => {
    const { page: p, result } = await runOn('/react-like')
    expect(result).toMatchObject({ filled: true })
    expect(await p.locator('#state').textContent()).toBe(CODE)
    await p.close()
  })

  it('skips hidden, disabled, read-only, transparent, too short and promo-code fields', async () => {
    const { page: p, result } = await runOn('/decoys')
    expect(result).toMatchObject({ filled: true, how: 'single', frame: 'top' })
    expect(await value(p, '#real')).toBe(CODE)
    const others = await p.evaluate(() =>
      [...document.querySelectorAll('input:not(#real)')].map((i) => (i as HTMLInputElement).value),
    )
    expect(others).toEqual(['', '', '', '', '', '', '', ''])
    await p.close()
  })

  it('fills nothing where there is no code field, and says so', async () => {
    const { page: p, result } = await runOn('/nothing')
    expect(result).toEqual({ filled: false, reason: 'no-field' })
    expect(await value(p, '[name=q]')).toBe('')
    expect(await value(p, '[name=password]')).toBe('')
    await p.close()
  })

  it('drops the code when the page is no longer the origin the host was asked about', async () => {
    const { page: p, result } = await runOn('/plain', { origin: 'https://monex.co.jp' })
    expect(result).toEqual({ filled: false, reason: 'navigated' })
    expect(await value(p, '#c')).toBe('')
    await p.close()
  })

  it('shows the warning in a closed shadow root the page cannot read, and fills nothing', async () => {
    const { page: p, result } = await runOn('/plain', {
      kind: 'warn',
      texts: {
        label: 'Warifu warning',
        title: 'Possible fake site',
        names: [],
        advice: 'advice',
        reasons: ['why'],
        close: 'Close',
        lang: 'en',
      },
    })
    expect(result).toEqual({ shown: 'warning' })
    const seen = await p.evaluate(() => {
      const host = document.getElementById('warifu-companion-overlay')
      return { exists: host !== null, shadow: host?.shadowRoot ?? null, text: host?.textContent }
    })
    expect(seen).toEqual({ exists: true, shadow: null, text: '' })
    expect(await value(p, '#c')).toBe('')
    await p.close()
  })
})
