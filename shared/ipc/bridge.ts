/**
 * Builds `window.warifu` in the page's own world from a raw transport: the
 * preload passes ipcRenderer through contextBridge, the e2e harness passes a
 * Playwright binding. Both run this same function, so the renderer sees the
 * same API and the same errors in both.
 */
import type { ChannelName, EventName, IpcResult } from './channels'

/** The transport the page's world receives: results as data, never thrown objects. */
export interface RawBridge {
  invoke(channel: ChannelName, args: unknown[]): Promise<IpcResult<unknown>>
  /** Subscribes to one main -> renderer event; returns the unsubscribe function. */
  subscribe(event: EventName, listener: (...payload: unknown[]) => void): () => void
}

/**
 * Defines `globalThis.warifu`: one async function per channel that resolves to
 * the value or rejects with an Error carrying `code`, plus `on()`.
 *
 * It runs in the page's world through contextBridge.executeInMainWorld (which
 * copies the function's source) and the harness's init script, so it must not
 * refer to anything outside its own body. It is built here rather than exposed
 * from the preload because contextBridge drops custom properties (`code`) of
 * errors that cross it.
 */
export function installWarifuBridge(raw: RawBridge, channels: readonly string[], events: readonly string[]): void {
  const api: Record<string, unknown> = {}
  for (const name of channels) {
    api[name] = async (...args: unknown[]) => {
      const result = await raw.invoke(name as ChannelName, args)
      if (result.ok) return result.value
      const error = new Error(result.error.message) as Error & { code: string }
      error.name = 'WarifuCallError'
      error.code = result.error.code
      throw error
    }
  }
  api.on = (event: string, listener: (...payload: unknown[]) => void) => {
    if (!events.includes(event) || typeof listener !== 'function') {
      throw new TypeError('warifu.on(event, listener): unknown event or no listener.')
    }
    return raw.subscribe(event as EventName, listener)
  }
  Object.defineProperty(globalThis, 'warifu', {
    value: Object.freeze(api),
    writable: false,
    configurable: false,
    enumerable: true,
  })
}
