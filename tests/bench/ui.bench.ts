/**
 * UI benchmark (npm run bench:ui; UI_BENCH_ACCOUNTS=n for another list size): the built renderer in
 * headless Chromium over main's handler table (tests/e2e/harness, in-memory keychain so 200 adds
 * take no time).
 *
 *   1. First paint of the list with 200 accounts: first-contentful-paint of the page (the renderer
 *      paints nothing until the list is built, so FCP is the list's paint), median of several loads.
 *      Baseline in the same run: a minimal page with one line of text from the same server.
 *      Target: under 300 ms.
 *   2. One second's code refresh for 200 accounts: the renderer's own measure around writing the codes
 *      (performance.measure 'warifu:refresh'), and the page's total script time per second from the
 *      CDP Performance domain (timers, the IPC call's page side, the DOM writes). Main's clock runs 7x
 *      so codes change every 4-5 ticks and the next code appears and goes (not just the countdown).
 *      The CDP figure is the target's measure: the renderer's wall-clock measure also counts the
 *      time the OS took the CPU away on a loaded machine.
 *      Baseline in the same run: the script time per second of the idle baseline page.
 *      Target: under 4 ms of script time.
 *   3. A search keystroke to the next frame, 200 accounts: a real key press (CDP Input) into the search
 *      box, from the keydown's timestamp to a task queued from the next animation frame (so the filter,
 *      style, layout and paint of that frame are inside). Alternating a digit and Backspace, so each
 *      keystroke hides or shows most of the rows. Median and p90.
 *      Measured twice: with each key sent right after the previous key's frame (every key then waits
 *      a whole frame for the next one: the worst case, and what a bench that types as fast as it can
 *      measures), and with each key sent at a random (seeded) moment within a frame, as a person's
 *      keys arrive. The target is read on the second; both are printed.
 *      Baseline in the same run: the same keystrokes into a bare input on a blank page.
 *      Target: under 16 ms (one frame at 60 Hz).
 *
 * UI_BENCH_ONLY=keys measures only 3 (one load, no refresh second): for comparing list variants quickly.
 */
import { launchApp } from '../e2e/harness/launch'
import { e2eUnavailable } from '../e2e/harness/launch'
import { manyAccounts } from '../e2e/screenshots/scenes'
import { seededRandom } from '../support/seeded-random'

const ACCOUNTS = Number(process.env.UI_BENCH_ACCOUNTS ?? 200)
const LOADS = 9
const REFRESH_SECONDS = 10
const FIRST_PAINT_TARGET_MS = 300
const REFRESH_TARGET_MS = 4
const KEYSTROKES = 40
const KEYSTROKE_TARGET_MS = 16
const FRAME_MS = 1000 / 60
const ONLY_KEYS = process.env.UI_BENCH_ONLY === 'keys'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN
const fmt = (ms: number) => `${ms.toFixed(2)} ms`

const why = e2eUnavailable({ keychain: 'memory' })
if (why) {
  console.log(`[skip] UI bench: ${why}`)
  process.exit(0)
}

const start = Date.now()
const app = await launchApp({
  keychain: 'memory',
  accounts: manyAccounts(ACCOUNTS),
  now: () => start + (Date.now() - start) * 7,
  viewport: { width: 480, height: 800 },
})
try {
  const { page, context } = app
  const origin = new URL(app.url).origin
  const baselineUrl = `${origin}/__baseline.html`
  await page.route(baselineUrl, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><p>Warifu</p>' }),
  )

  const fcp = () =>
    page.waitForFunction(() => {
      const entry = performance.getEntriesByName('first-contentful-paint')[0]
      return entry ? entry.startTime : false
    })

  async function firstPaints(url: string, ready: string): Promise<number[]> {
    const out: number[] = []
    for (let i = 0; i < LOADS; i++) {
      await page.goto(url)
      await page.locator(ready).first().waitFor()
      out.push((await (await fcp()).jsonValue()) as number)
    }
    return out.slice(1) // the first load warms the HTTP cache and the binding
  }

  if (ONLY_KEYS) {
    await page.goto(app.url)
    await page.locator('.account').first().waitFor()
  }
  const baselinePaint = ONLY_KEYS ? NaN : median(await firstPaints(baselineUrl, 'p'))
  const listPaint = ONLY_KEYS ? NaN : median(await firstPaints(app.url, '.account'))
  // The grid's row count: only the rows near the view are in the DOM.
  const rows = Number(await page.locator('.accounts').getAttribute('aria-rowcount'))
  if (rows !== ACCOUNTS) throw new Error(`expected ${ACCOUNTS} rows, saw ${rows}`)

  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  const metrics = async () => {
    const { metrics: all } = await cdp.send('Performance.getMetrics')
    const get = (name: string) => all.find((m) => m.name === name)?.value ?? 0
    return { script: get('ScriptDuration'), task: get('TaskDuration') }
  }
  /** Milliseconds of script and of all main-thread tasks per second of wall time. */
  async function perSecond(): Promise<{ script: number; task: number }> {
    const m0 = await metrics()
    const t0 = Date.now()
    await page.waitForTimeout(REFRESH_SECONDS * 1000)
    const m1 = await metrics()
    const seconds = (Date.now() - t0) / 1000
    return { script: ((m1.script - m0.script) * 1000) / seconds, task: ((m1.task - m0.task) * 1000) / seconds }
  }

  /** Milliseconds from each key's keydown to the task after the next frame, typed into `selector`. */
  async function keystrokes(selector: string, phase?: () => number): Promise<number[]> {
    await page.locator(selector).focus()
    await page.evaluate((sel) => {
      const box = document.querySelector<HTMLInputElement>(sel)!
      const w = window as unknown as { keyTimes: number[]; keyStart: number; keyListening?: boolean }
      w.keyTimes = []
      // Once a page: a second round on the same page must not add a second listener.
      if (w.keyListening) return
      w.keyListening = true
      document.addEventListener('keydown', (e) => (w.keyStart = e.timeStamp), true)
      // Registered after the app's own listener, so it runs once the filter has.
      box.addEventListener('input', () => {
        requestAnimationFrame(() => {
          const channel = new MessageChannel()
          channel.port1.onmessage = () => w.keyTimes.push(performance.now() - w.keyStart)
          channel.port2.postMessage(0)
        })
      })
    }, selector)
    const keys = ['1', '7', 'Backspace', 'Backspace']
    for (let i = 0; i < KEYSTROKES + 4; i++) {
      // A person's key lands anywhere within a frame; without this every key follows a frame at once.
      if (phase) await new Promise((resolve) => setTimeout(resolve, phase() * FRAME_MS))
      await page.keyboard.press(keys[i % keys.length]!)
      await page.waitForFunction((n) => (window as unknown as { keyTimes: number[] }).keyTimes.length >= n, i + 1)
    }
    const times = await page.evaluate(() => (window as unknown as { keyTimes: number[] }).keyTimes)
    return times.slice(4) // the first round warms the code paths
  }

  // The list page: wait for the first ticks, then measure.
  await page.evaluate(() => performance.clearMeasures('warifu:refresh'))
  let ending = 0
  const watch = setInterval(() => {
    page
      .evaluate(() => document.querySelectorAll('.account.ending').length)
      .then((n) => (ending = Math.max(ending, n)))
      .catch(() => undefined)
  }, 500)
  const list = ONLY_KEYS ? { script: NaN, task: NaN } : await perSecond()
  clearInterval(watch)
  const refreshes = await page.evaluate(() => performance.getEntriesByName('warifu:refresh').map((e) => e.duration))

  // Search keystrokes on the list page, then the same into a bare input.
  const listKeys = await keystrokes('.search')
  const listKeysPhased = await keystrokes('.search', seededRandom(16))
  const inputBaselineUrl = `${origin}/__baseline-input.html`
  await page.route(inputBaselineUrl, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><input type="search">' }),
  )
  await page.goto(inputBaselineUrl)
  const baseKeys = await keystrokes('input')
  const baseKeysPhased = await keystrokes('input', seededRandom(16))

  await page.goto(baselineUrl)
  const idle = ONLY_KEYS ? { script: NaN, task: NaN } : await perSecond()

  const refreshMedian = median(refreshes)
  const refreshP90 = [...refreshes].sort((a, b) => a - b)[Math.floor(refreshes.length * 0.9)] ?? NaN
  console.log(`UI bench: ${ACCOUNTS} accounts, headless Chromium (${LOADS - 1} loads, ${REFRESH_SECONDS} s of refresh)`)
  if (!ONLY_KEYS) {
    console.log(`  first paint, baseline page:      ${fmt(baselinePaint)}`)
    console.log(
      `  first paint, list of ${ACCOUNTS}:        ${fmt(listPaint)}  (${(listPaint / baselinePaint).toFixed(2)}x baseline, ` +
        `${(listPaint / FIRST_PAINT_TARGET_MS).toFixed(2)} of the ${FIRST_PAINT_TARGET_MS} ms target)`,
    )
    console.log(
      `  refresh, code writes (renderer, wall clock): median ${fmt(refreshMedian)}, p90 ${fmt(refreshP90)} over ` +
        `${refreshes.length} ticks [${refreshes.map((d) => d.toFixed(1)).join(' ')}]`,
    )
  }
  const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]!
  console.log(
    `  search keystroke to next frame, keys at random moments, baseline bare input: median ${fmt(median(baseKeysPhased))}, ` +
      `p90 ${fmt(p90(baseKeysPhased))}`,
  )
  console.log(
    `  search keystroke to next frame, keys at random moments, list of ${ACCOUNTS}: median ${fmt(median(listKeysPhased))}, ` +
      `p90 ${fmt(p90(listKeysPhased))} over ${listKeysPhased.length} keys ` +
      `(${(median(listKeysPhased) / KEYSTROKE_TARGET_MS).toFixed(2)} of the ${KEYSTROKE_TARGET_MS} ms target; ` +
      `baseline +${fmt(median(listKeysPhased) - median(baseKeysPhased))})`,
  )
  console.log(
    `  search keystroke to next frame, each key right after a frame (worst case), baseline bare input: ` +
      `median ${fmt(median(baseKeys))}, p90 ${fmt(p90(baseKeys))}`,
  )
  console.log(
    `  search keystroke to next frame, each key right after a frame (worst case), list of ${ACCOUNTS}: ` +
      `median ${fmt(median(listKeys))}, p90 ${fmt(p90(listKeys))} (baseline +${fmt(median(listKeys) - median(baseKeys))})`,
  )
  if (!ONLY_KEYS) {
    console.log(`  per second, baseline idle page: script ${fmt(idle.script)}, all tasks ${fmt(idle.task)}`)
    console.log(
      `  per second, list refreshing:    script ${fmt(list.script)}, all tasks ${fmt(list.task)}  ` +
        `(script ${(list.script / REFRESH_TARGET_MS).toFixed(2)} of the ${REFRESH_TARGET_MS} ms target; ` +
        `baseline +${fmt(list.script - idle.script)}; up to ${ending} rows showing the next code)`,
    )
  }
} finally {
  await app.close()
}
