/**
 * Main process: the app's one window. The only place BrowserWindow options are
 * written; webPreferences stay inline literals so electronegativity can read them.
 */
import { BrowserWindow, nativeTheme } from 'electron'

export interface WindowOptions {
  preloadPath: string
  /** The page on the app scheme (warifu://app/index.html), served from the built renderer folder. */
  pageUrl: string
  /** A loopback dev server's URL; only honoured when the app is not packaged. */
  devUrl: string | undefined
  isPackaged: boolean
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 440,
    height: 720,
    minWidth: 360,
    minHeight: 480,
    show: false,
    title: 'Warifu',
    autoHideMenuBar: true,
    // renderer/styles.css --bg for light and dark, so the window never flashes the other colour.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#15171b' : '#f6f7f9',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // A middle-click cannot even try to open a link elsewhere (new windows are refused anyway).
      disableBlinkFeatures: 'Auxclick',
      devTools: !options.isPackaged,
    },
  })
  // Codes and a revealed secret must not show up in screen recordings or screenshots of other apps.
  win.setContentProtection(true)
  win.once('ready-to-show', () => win.show())
  if (options.devUrl !== undefined && !options.isPackaged) {
    void win.loadURL(options.devUrl)
  } else {
    // Never loadFile: a file:// page's 'self' is every local file (see app/renderer-protocol.ts).
    void win.loadURL(options.pageUrl)
  }
  return win
}
