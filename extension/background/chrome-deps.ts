/** BackgroundDeps over the real extension APIs (the background and the popup both use these). */
import { NATIVE_HOST_NAME } from '../../shared/browser/extension-id'
import type { BrowserRequest } from '../../shared/browser/messages'
import { CONTENT_GLOBAL, type ContentRequest, type ContentResult } from '../content/protocol'
import { format, type MessageKey, type Translate } from '../i18n/messages'
import type { BackgroundDeps } from './controller'
import { HostConnection } from './host-connection'

/** chrome.i18n with `{name}` placeholders. */
const translate: Translate = (key: MessageKey, params?: Record<string, string>) =>
  format(chrome.i18n.getMessage(key), params)

// One connection per extension context (the background, or a popup while it is open).
const host = new HostConnection({
  connect: () => chrome.runtime.connectNative(NATIVE_HOST_NAME),
  lastError: (port) => chrome.runtime.lastError?.message ?? (port as { error?: { message?: string } }).error?.message,
  setTimer: (run, ms) => setTimeout(run, ms),
  clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
})

async function runInTab(tabId: number, request: ContentRequest): Promise<ContentResult | undefined> {
  // Top frame only (no allFrames, no frameIds): the script reaches same-origin frames itself.
  await chrome.scripting.executeScript({ target: { tabId }, files: ['content.js'] })
  const [first] = await chrome.scripting.executeScript({
    target: { tabId },
    func: (name: string, req: ContentRequest) =>
      (globalThis as unknown as Record<string, { run(r: ContentRequest): ContentResult }>)[name]?.run(req),
    args: [CONTENT_GLOBAL, request],
  })
  return first?.result
}

/** The real APIs. */
export function chromeDeps(): BackgroundDeps {
  return {
    activeTab: async () => {
      const [tab] = await chrome.tabs.query({ active: true, currentWindow: true })
      return tab?.id === undefined ? undefined : { id: tab.id, url: tab.url }
    },
    askHost: (request: BrowserRequest) => host.ask(request),
    runInTab,
    openPopup: async () => {
      try {
        await chrome.action.openPopup()
        return true
      } catch {
        return false
      }
    },
    t: translate,
  }
}
