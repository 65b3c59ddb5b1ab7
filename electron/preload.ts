/**
 * Preload (sandboxed): builds `window.warifu` from the channel table and
 * nothing else. Only the channel and event names of shared/ipc/channels.ts
 * cross; the page never gets ipcRenderer itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { installWarifuBridge, type RawBridge } from '../shared/ipc/bridge'
import { CHANNEL_NAMES, EVENT_NAMES, type IpcResult } from '../shared/ipc/channels'

const raw: RawBridge = {
  invoke: (channel, args) => {
    if (!CHANNEL_NAMES.includes(channel) || !Array.isArray(args)) {
      return Promise.resolve({ ok: false, error: { code: 'USAGE', message: 'Unknown call.' } })
    }
    return ipcRenderer.invoke(channel, ...args) as Promise<IpcResult<unknown>>
  },
  subscribe: (event, listener) => {
    if (!EVENT_NAMES.includes(event)) throw new TypeError('Unknown event.')
    // The IpcRendererEvent (with its sender) stays here; the page gets the payload only.
    const forward = (_event: IpcRendererEvent, ...payload: unknown[]) => listener(...payload)
    ipcRenderer.on(event, forward)
    return () => {
      ipcRenderer.removeListener(event, forward)
    }
  },
}

contextBridge.executeInMainWorld({ func: installWarifuBridge, args: [raw, CHANNEL_NAMES, EVENT_NAMES] })
