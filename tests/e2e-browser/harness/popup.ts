/**
 * The extension's toolbar popup, opened for real (chrome.action.openPopup() from the service worker,
 * after the shortcut granted the tab's activeTab, as a click on the toolbar button would) and read
 * over the browser's own DevTools protocol: playwright does not list an action popup among the
 * context's pages, so the popup's target is attached by hand (non-flat session, messages relayed).
 */
import type { CDPSession } from 'playwright-core'
import { EXTENSION_ORIGIN, type Companion } from './browser'

export interface OpenPopup {
  /** The popup's visible text. */
  text(): Promise<string>
  /** Clicks the popup's button whose text is `label` (as the user would). */
  click(label: string): Promise<void>
  /** A PNG of the popup's page. */
  screenshot(): Promise<Buffer>
  close(): Promise<void>
}

/** Opens the toolbar popup for the focused window's active tab and waits until `ready` says so. */
export async function openPopup(run: Companion, ready: (text: string) => boolean): Promise<OpenPopup> {
  const opened = await run.worker.evaluate<string>(`chrome.action.openPopup().then(() => 'ok', (e) => String(e))`)
  if (opened !== 'ok') throw new Error(`chrome.action.openPopup: ${opened}`)
  return attachPopup(run, ready)
}

/** Finds the popup the extension opened itself (e.g. to choose an account) and waits until `ready`. */
export async function attachPopup(run: Companion, ready: (text: string) => boolean): Promise<OpenPopup> {
  const browser = run.context.browser()
  if (browser === null) throw new Error('no browser for the persistent context')
  const cdp: CDPSession = await browser.newBrowserCDPSession()
  const popupUrl = `${EXTENSION_ORIGIN}popup.html`
  let targetId: string | undefined
  for (let i = 0; i < 100 && targetId === undefined; i++) {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: { targetId: string; url: string }[]
    }
    targetId = targetInfos.find((t) => t.url === popupUrl)?.targetId
    if (targetId === undefined) await new Promise((r) => setTimeout(r, 50))
  }
  if (targetId === undefined) throw new Error('the popup did not open')
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false })

  let nextId = 1
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>()
  cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return
    const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } }
    const entry = message.id === undefined ? undefined : waiting.get(message.id)
    if (entry === undefined) return
    waiting.delete(message.id!)
    if (message.error) entry.reject(new Error(message.error.message))
    else entry.resolve(message.result)
  })
  const send = <T>(method: string, params: Record<string, unknown> = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++
      waiting.set(id, { resolve: (value) => resolve(value as T), reject })
      cdp
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
        .catch(reject)
    })
  const text = async () => {
    const r = await send<{ result: { value?: string } }>('Runtime.evaluate', {
      expression: 'document.body ? document.body.innerText : ""',
      returnByValue: true,
    })
    return r.result.value ?? ''
  }
  for (let i = 0; i < 200; i++) {
    if (ready(await text())) break
    await new Promise((r) => setTimeout(r, 25))
  }
  return {
    text,
    click: async (label) => {
      const r = await send<{ result: { value?: boolean } }>('Runtime.evaluate', {
        expression: `(() => { const b = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === ${JSON.stringify(label)}); if (!b) return false; b.click(); return true })()`,
        returnByValue: true,
        userGesture: true,
      })
      if (r.result.value !== true) throw new Error(`the popup has no button "${label}": ${await text()}`)
    },
    screenshot: async () => {
      const r = await send<{ data: string }>('Page.captureScreenshot', { format: 'png' })
      return Buffer.from(r.data, 'base64')
    },
    close: async () => {
      await send('Runtime.evaluate', { expression: 'window.close()' }).catch(() => undefined)
      await cdp.detach().catch(() => undefined)
    },
  }
}
