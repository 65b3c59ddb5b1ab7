/**
 * Main process: registers the handler table with Electron. The only module
 * that imports ipcMain; everything it does per call lives in dispatch.ts.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { CHANNEL_NAMES } from '../../shared/ipc/channels'
import type { TrustedOrigins } from '../security'
import { dispatch } from './dispatch'
import type { Handlers } from './handlers'

/** The sender's frame URL and whether it is the top frame (null frame: navigated away or destroyed). */
function senderOf(event: IpcMainInvokeEvent): { url: string | undefined; isMainFrame: boolean } {
  const frame = event.senderFrame
  return { url: frame?.url, isMainFrame: frame !== null && frame.parent === null }
}

export function registerIpc(handlers: Handlers, origins: TrustedOrigins): void {
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(name, (event, ...args: unknown[]) => dispatch(handlers, name, args, senderOf(event), origins))
  }
}
