/** Main process: the tray (notification area / menu bar) icon and its menu (built by tray-menu.ts). */
import { Menu, nativeImage, Tray } from 'electron'
import type { AccountSummary } from '../../shared/types'
import { TRAY_COLOR_PNG_BASE64, TRAY_TEMPLATE_PNG_BASE64 } from './tray-icon'
import { trayMenuTemplate, type TrayLabels, type TrayMenuActions } from './tray-menu'

/** The tray icon with a way to rebuild its menu when the pinned accounts change. */
export interface AppTray {
  /** Rebuilds the menu for these accounts, in `labels` when given (a language change). */
  setAccounts(accounts: readonly AccountSummary[], labels?: TrayLabels): void
  destroy(): void
}

/** Creates the tray icon; returns undefined where the platform has no tray (the app then works without one). */
export function createTray(actions: TrayMenuActions, labels: TrayLabels): AppTray | undefined {
  try {
    const isMac = process.platform === 'darwin'
    const icon = nativeImage.createFromBuffer(
      Buffer.from(isMac ? TRAY_TEMPLATE_PNG_BASE64 : TRAY_COLOR_PNG_BASE64, 'base64'),
    )
    if (isMac) icon.setTemplateImage(true)
    const tray = new Tray(icon)
    tray.setToolTip('Warifu')
    let current = labels
    const setAccounts = (accounts: readonly AccountSummary[], next?: TrayLabels) => {
      current = next ?? current
      tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(accounts, current, actions)))
    }
    setAccounts([])
    tray.on('click', () => actions.show())
    return { setAccounts, destroy: () => tray.destroy() }
  } catch (error) {
    console.error(`warifu: no tray icon (${error instanceof Error ? error.message : 'unknown error'})`)
    return undefined
  }
}
