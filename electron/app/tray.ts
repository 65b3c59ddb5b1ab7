/** Main process: the tray (notification area / menu bar) icon and its menu. */
import { Menu, nativeImage, Tray } from 'electron'
import { TRAY_COLOR_PNG_BASE64, TRAY_TEMPLATE_PNG_BASE64 } from './tray-icon'

export interface TrayActions {
  show(): void
  quit(): void
}

/** Creates the tray icon; returns undefined where the platform has no tray (the app then works without one). */
export function createTray(actions: TrayActions, labels: { show: string; quit: string }): Tray | undefined {
  try {
    const isMac = process.platform === 'darwin'
    const icon = nativeImage.createFromBuffer(
      Buffer.from(isMac ? TRAY_TEMPLATE_PNG_BASE64 : TRAY_COLOR_PNG_BASE64, 'base64'),
    )
    if (isMac) icon.setTemplateImage(true)
    const tray = new Tray(icon)
    tray.setToolTip('Warifu')
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: labels.show, click: () => actions.show() },
        { type: 'separator' },
        { label: labels.quit, click: () => actions.quit() },
      ]),
    )
    tray.on('click', () => actions.show())
    return tray
  } catch (error) {
    console.error(`warifu: no tray icon (${error instanceof Error ? error.message : 'unknown error'})`)
    return undefined
  }
}
