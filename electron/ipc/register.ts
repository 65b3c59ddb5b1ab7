/**
 * Main process: registers the handler table with Electron. The only module
 * that imports ipcMain; everything it does per call lives in dispatch.ts.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { CHANNEL_NAMES } from '../../shared/ipc/channels'
import type { TrustedOrigins } from '../security'
import { dispatch, type InternalErrorLog } from './dispatch'
import type { Handlers } from './handlers'

/** The sender's frame URL and whether it is the top frame (null frame: navigated away or destroyed). */
function senderOf(event: IpcMainInvokeEvent): { url: string | undefined; isMainFrame: boolean } {
  const frame = event.senderFrame
  return { url: frame?.url, isMainFrame: frame !== null && frame.parent === null }
}

/** `log` defaults to dispatch's stderr line; tests pass their own to assert what was reported. */
export function registerIpc(handlers: Handlers, origins: TrustedOrigins, log?: InternalErrorLog): void {
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(name, (event, ...args: unknown[]) => dispatch(handlers, name, args, senderOf(event), origins, log))
  }
}
