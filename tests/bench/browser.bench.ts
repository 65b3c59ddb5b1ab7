/**
 * Browser companion benchmark (npm run bench:browser): Debian's Chromium with the built extension and
 * the real native host over the real keychain (tests/e2e-browser/harness), on https://monex.co.jp.
 *
 *   1. Shortcut to filled code, host warm: from the moment xdotool is started to send Alt+Shift+2 to
 *      the `input` event of the filled field in the page (both clocks are the machine's wall clock in
 *      ms with sub-ms precision). The extension keeps its native port open a minute after an answer,
 *      so every press after the first finds the host running. Target: under 150 ms.
 *   2. Shortcut to filled code, host cold-started by the browser: the same, after the host process
 *      is ended (the browser notices, and the next press makes it start `warifu browser-host` anew;
 *      each run checks that a new host process really started). Target: under 500 ms.
 *   Baselines in the same browser: Chromium's own round trip to an empty host (a Node script that
 *   echoes) from the extension's service worker, over an open port (beside 1) and with the host
 *   started for the message (sendNativeMessage, beside 2); and the key's delivery itself (xdotool
 *   started to the page's keydown of a plain key), which both figures include. And where the cold time
 *   goes: each host alone, spawned by Node with the browser's arguments, until its first answer.
 */
import { spawn } from 'node:child_process'
import { setTimeout as delay } from 'node:timers/promises'
import { performance } from 'node:perf_hooks'
import { NATIVE_HOST_NAME } from '../../shared/browser/extension-id'
import { companionUnavailable, EXTENSION_ORIGIN, launchCompanion, type Companion } from '../e2e-browser/harness/browser'
import { CLI } from '../support/tools'
import { REAL_SITE } from '../e2e-browser/harness/sites'
import { median, ms, percentile, report } from './measure'

const WARM_RUNS = 20
const COLD_RUNS = 10
const WARM_TARGET_MS = 150
const COLD_TARGET_MS = 500

const why = companionUnavailable()
if (why) {
  console.log(`[skip] browser companion bench: ${why}`)
  process.exit(0)
}

const wallClock = () => performance.timeOrigin + performance.now()
const processAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const run: Companion = await launchCompanion({ locale: 'ja' })
try {
  const added = run.vault.run([
    'add',
    'otpauth://totp/Monex:hanako?secret=JBSWY3DPEHPK3PXP&issuer=Monex',
    '--site',
    REAL_SITE,
  ])
  if (added.status !== 0) throw new Error(`warifu add failed: ${added.stderr}`)
  const page = await run.open(`https://${REAL_SITE}/login`)
  await run.focus(page)

  /** One press of the shortcut: ms from xdotool's start to the field's input event with the code. */
  async function shortcutToFill(): Promise<number> {
    await page.evaluate(() => {
      ;(document.getElementById('otp') as HTMLInputElement).value = ''
      ;(window as unknown as { __fills: unknown[] }).__fills.length = 0
    })
    const start = wallClock()
    run.sendKeys(run.shortcutKeys)
    const filledAt = await page.waitForFunction(
      () =>
        (window as unknown as { __fills: { type: string; id: string; value: string; at: number }[] }).__fills.find(
          (e) => e.type === 'input' && e.id === 'otp' && /^\d{6}$/.test(e.value),
        )?.at,
      undefined,
      { polling: 5 },
    )
    return ((await filledAt.jsonValue()) as number) - start
  }

  // Warm: the first press starts the host; the following ones find it running.
  await shortcutToFill()
  const warm: number[] = []
  for (let i = 0; i < WARM_RUNS; i++) warm.push(await shortcutToFill())

  // Cold: end the host the browser started, wait for it to be gone, press again.
  const cold: number[] = []
  for (let i = 0; i < COLD_RUNS; i++) {
    const last = run.hostStarts().at(-1)!
    process.kill(last.pid, 'SIGTERM')
    while (processAlive(last.pid)) await delay(10)
    await delay(300) // the browser's port notices the exit
    cold.push(await shortcutToFill())
    if (run.hostStarts().at(-1)!.pid === last.pid) throw new Error('the cold run did not start a new host')
  }

  // Key delivery: xdotool started to the page's keydown of a plain key (no extension involved).
  const delivery: number[] = []
  for (let i = 0; i < WARM_RUNS; i++) {
    await page.evaluate(() => {
      ;(window as unknown as { __keyAt?: number }).__keyAt = undefined
      document.addEventListener(
        'keydown',
        () => ((window as unknown as { __keyAt?: number }).__keyAt = performance.timeOrigin + performance.now()),
        { once: true },
      )
    })
    const start = wallClock()
    run.sendKeys('F8')
    const at = await page.waitForFunction(() => (window as unknown as { __keyAt?: number }).__keyAt, undefined, {
      polling: 5,
    })
    delivery.push(((await at.jsonValue()) as number) - start)
  }

  // Chromium's own round trip to an empty host, from the extension's service worker.
  run.useHost('echo')
  const ping = { v: 1, type: 'ping' }
  // Strings, not functions: tsx would wrap inner functions in a helper the worker lacks, and the
  // tests' typecheck has no chrome.* types (the extension's world).
  const echoWarm = await run.worker.evaluate<number[]>(`new Promise((resolve, reject) => {
    const port = chrome.runtime.connectNative('${NATIVE_HOST_NAME}')
    const times = []
    let start = 0
    function ask() { start = performance.now(); port.postMessage(${JSON.stringify(ping)}) }
    port.onMessage.addListener(() => {
      times.push(performance.now() - start)
      if (times.length < ${WARM_RUNS + 1}) return ask()
      port.disconnect()
      resolve(times.slice(1)) // the first one started the host
    })
    port.onDisconnect.addListener(() => reject(new Error(chrome.runtime.lastError?.message ?? 'disconnected')))
    ask()
  })`)
  const echoCold: number[] = []
  for (let i = 0; i < COLD_RUNS; i++) {
    echoCold.push(
      await run.worker.evaluate<number>(`(async () => {
        const start = performance.now()
        await chrome.runtime.sendNativeMessage('${NATIVE_HOST_NAME}', ${JSON.stringify(ping)})
        return performance.now() - start
      })()`),
    )
  }
  run.useHost('warifu')

  // Where the cold time goes: the host alone, started by Node as Chromium starts it, until its answer
  // (Node's start, the bundle, keytar, the vault), and the same for the empty host.
  const hostAlone = async (command: string[]) => {
    const times: number[] = []
    for (let i = 0; i < COLD_RUNS; i++) {
      const start = performance.now()
      const child = spawn(process.execPath, [...command, EXTENSION_ORIGIN], { env: run.vault.env, stdio: 'pipe' })
      const answered = new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => resolve())
        child.once('exit', (code) => reject(new Error(`host exited (${code}) before answering`)))
      })
      const body = Buffer.from(JSON.stringify({ v: 1, type: 'code-for-page', url: `https://${REAL_SITE}/login` }))
      const head = Buffer.alloc(4)
      head.writeUInt32LE(body.length)
      child.stdin.write(Buffer.concat([head, body]))
      await answered
      times.push(performance.now() - start)
      child.stdin.end()
      await new Promise((resolve) => child.once('close', resolve))
    }
    return times
  }
  const warifuAlone = await hostAlone([CLI, 'browser-host'])
  const echoAlone = await hostAlone([run.echoHostScript])

  console.log(`Browser companion (Chromium ${run.context.browser()?.version() ?? ''}, real host and keychain, medians)`)
  report(
    `1. shortcut -> filled code, host warm (${WARM_RUNS} presses; p90 ${ms(percentile(warm, 90))})`,
    median(warm),
    median(echoWarm),
    `< ${WARM_TARGET_MS} ms`,
    median(warm) < WARM_TARGET_MS,
  )
  report(
    `2. shortcut -> filled code, host cold-started by the browser (${COLD_RUNS} presses; p90 ${ms(percentile(cold, 90))})`,
    median(cold),
    median(echoCold),
    `< ${COLD_TARGET_MS} ms`,
    median(cold) < COLD_TARGET_MS,
  )
  console.log(
    `   baselines: empty host round trip over an open port ${ms(median(echoWarm))}, with the host started for it ${ms(median(echoCold))}\n` +
      `   key delivery (xdotool started -> page keydown), inside both figures: ${ms(median(delivery))}\n` +
      `   the host alone, started by Node until its first answer: warifu browser-host ${ms(median(warifuAlone))}, the empty host ${ms(median(echoAlone))}`,
  )
} finally {
  await run.close()
}
