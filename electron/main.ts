/**
 * Main process entry: lifecycle only. Single-instance lock, security hooks,
 * services, IPC registration, the window, tray and shortcut. Logic lives in
 * modules that run without Electron (security.ts, ipc/, app/).
 */
import {
  app,
  BrowserWindow,
  clipboard,
  ClipboardItem,
  desktopCapturer,
  dialog,
  Menu,
  protocol,
  session,
  shell,
  systemPreferences,
} from 'electron'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { EventName } from '../shared/ipc/channels'
import { defaultExportName, exportFilters, IMPORT_FILTERS } from './app/backup-dialog-options'
import { ClipboardClearer, electronCodeClipboard } from './app/clipboard-clearer'
import { closeHidesWindow, quitWhenAllWindowsClosed } from './app/close-policy'
import { screenSourceFor } from './app/display-media'
import { effectiveLanguage, trayLabels } from './app/language'
import { createConfirm } from './app/native-confirm'
import { ScreenScanQueue } from './app/screen-scan'
import { SettingsStore } from './app/settings-store'
import { registerShowShortcut, unregisterShortcuts } from './app/shortcut'
import { createTray, type AppTray } from './app/tray'
import { routeEntry } from './app/entry-routing'
import { runHeadless } from './app/headless-run'
import { ALL_COMMANDS } from './cli/cli'
import { activitySocketAddress, RecentFills, startActivityServer } from './browser/activity'
import { appBrowserAccess, appHostCommand } from './browser/app-access'
import { systemRegRunner } from './browser/install'
import { notifyAfterChanges } from './app/tray-menu'
import { APP_SCHEME_PRIVILEGES, createRendererProtocolHandler } from './app/renderer-protocol'
import { fileStamp, VaultHolder } from './app/vault-holder'
import { createHandlers } from './ipc/handlers'
import { registerIpc } from './ipc/register'
import { KeytarSecretStore } from './secrets/secret-store'
import { APP_PAGE_URL, APP_SCHEME, installSecurity, isLoopbackHttpOrigin, type TrustedOrigins } from './security'
import { keychainService, keychainTimeoutMs, METADATA_FILE } from './vault/paths'
import { setLockOwnerName } from './vault/lock'
import { Vault } from './vault/vault'
import { createMainWindow } from './window'

// dist/electron/main.cjs -> dist/renderer/ (served as warifu://app/) and dist/electron/preload.cjs
const rendererRoot = join(__dirname, '..', 'renderer')
const preloadPath = join(__dirname, 'preload.cjs')
const devServer = process.env.WARIFU_DEV_SERVER_URL
const devUrl = !app.isPackaged && devServer && isLoopbackHttpOrigin(devServer) ? devServer : undefined
const origins: TrustedOrigins = devUrl ? { devOrigin: new URL(devUrl).origin } : {}
// Before ready, as Electron requires: the page's own origin, a standard and secure scheme.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])

let win: BrowserWindow | undefined
// Held for the app's lifetime: a Tray that is only a local gets garbage-collected and its icon vanishes.
let tray: AppTray | undefined
let quitting = false
const FOCUS_SEARCH: EventName = 'app:focus-search'
const ACCOUNTS_CHANGED: EventName = 'app:accounts-changed'
const COMMAND_WORDS = ALL_COMMANDS.map((c) => c.name)
const BROWSER_ACTIVITY: EventName = 'browser:activity'

function showWindow(focusSearch: boolean): void {
  if (!app.isReady()) return
  if (!win || win.isDestroyed()) win = openWindow()
  if (win.isMinimized()) win.restore()
  win.show()
  win.focus()
  if (focusSearch) win.webContents.send(FOCUS_SEARCH)
}

function openWindow(): BrowserWindow {
  const created = createMainWindow({ preloadPath, pageUrl: APP_PAGE_URL, devUrl, isPackaged: app.isPackaged })
  created.on('close', (event) => {
    if (closeHidesWindow(quitting)) {
      event.preventDefault()
      created.hide()
    }
  })
  return created
}

// The packaged app is also the `warifu` command and the browser's native host (it ships no Node).
const route = routeEntry(process.argv, { defaultApp: process.defaultApp === true, commands: COMMAND_WORDS })
if (route.kind !== 'gui') {
  runHeadless(route, app)
} else if (!app.requestSingleInstanceLock()) {
  // Another Warifu is running: it shows its window (second-instance) and this one leaves.
  app.quit()
} else {
  app.on('second-instance', () => showWindow(true))
  app.on('before-quit', () => {
    quitting = true
  })
  app.on('window-all-closed', () => {
    if (quitWhenAllWindowsClosed(process.platform)) app.quit()
  })
  app.on('activate', () => showWindow(false))
  app.whenReady().then(start, (error: unknown) => {
    console.error(`warifu: could not start (${error instanceof Error ? error.name : 'unknown error'})`)
    app.exit(1)
  })
}

async function start(): Promise<void> {
  /** Rebuilds the tray menu from the open vault (nothing while it cannot be opened). */
  const refreshTray = (): void => {
    // The labels too: the language may have changed in the settings menu.
    Promise.all([vault.get(), settings.get()]).then(
      ([v, chosen]) => tray?.setAccounts(v.list(), trayLabels(effectiveLanguage(chosen.language, locale()))),
      () => undefined,
    )
  }
  installSecurity(app, session.defaultSession, origins)
  // The page and its files come only from the built renderer folder (path checks in renderer-protocol.ts).
  protocol.handle(APP_SCHEME, createRendererProtocolHandler(rendererRoot))
  // macOS keeps Electron's default menu: its Edit roles are what make Cmd+C/V work in text fields.
  // Elsewhere the app needs no menu bar (and no Reload / Toggle DevTools items).
  if (process.platform !== 'darwin') Menu.setApplicationMenu(null)

  const dataDir = process.env.WARIFU_HOME || app.getPath('userData')
  const store = new KeytarSecretStore(keychainService(), keychainTimeoutMs())
  // Named in the 'busy' message a CLI shows while the app changes the accounts.
  setLockOwnerName('the Warifu app')
  const vault = new VaultHolder(() => Vault.open({ dir: dataDir, store }), fileStamp(join(dataDir, METADATA_FILE)))
  const clipboardClearer = new ClipboardClearer(
    electronCodeClipboard(clipboard, (entries) => new ClipboardItem(entries), process.platform),
  )
  const settings = new SettingsStore(dataDir)
  const screens = new ScreenScanQueue()
  const locale = () => app.getPreferredSystemLanguages()[0] ?? app.getLocale()
  // "Code filled on monex.co.jp at 09:31", told by the native host: kept in memory only.
  const fills = new RecentFills()
  fills.onChange(() => {
    if (win && !win.isDestroyed()) win.webContents.send(BROWSER_ACTIVITY)
  })
  void startActivityServer({ fills, address: activitySocketAddress({ ...process.env, WARIFU_HOME: dataDir }) }).catch(
    () => null,
  )

  session.defaultSession.setDisplayMediaRequestHandler((request, callback) => {
    const index = screenSourceFor(
      { frameUrl: request.frame?.url, videoRequested: request.videoRequested },
      screens,
      origins,
    )
    if (index === undefined) return callback(null)
    desktopCapturer.getSources({ types: ['screen'], thumbnailSize: { width: 0, height: 0 } }).then(
      (sources) => {
        const source = sources[index]
        callback(source ? { video: source } : null)
      },
      () => callback(null),
    )
  })

  const handlers = createHandlers({
    vault,
    accountsChanged: () => {
      if (win && !win.isDestroyed()) win.webContents.send(ACCOUNTS_CHANGED)
      refreshTray()
    },
    now: Date.now,
    clipboard: clipboardClearer,
    locale,
    settings,
    pickImageFile: async () => {
      const options = {
        properties: ['openFile' as const],
        filters: [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'gif', 'bmp', 'webp'] }],
      }
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    backupDialogs: {
      pickSavePath: async (format) => {
        if (format === 'ga-qr') return null
        const options = {
          defaultPath: join(app.getPath('documents'), defaultExportName(format, new Date())),
          filters: exportFilters(format),
        }
        const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
        return result.canceled || !result.filePath ? null : result.filePath
      },
      pickImportFiles: async () => {
        const options = { properties: ['openFile' as const, 'multiSelections' as const], filters: IMPORT_FILTERS }
        const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
        return result.canceled ? null : result.filePaths
      },
    },
    // Main's own yes/no before a secret reaches the page or an account is deleted.
    confirm: createConfirm(
      {
        showMessageBox: (options) =>
          win && !win.isDestroyed() ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options),
        ...(process.platform === 'darwin'
          ? {
              touchId: {
                canPrompt: () => systemPreferences.canPromptTouchID(),
                prompt: (reason: string) => systemPreferences.promptTouchID(reason),
              },
            }
          : {}),
      },
      async () => effectiveLanguage((await settings.get()).language, locale()),
    ),
    prepareScreenScan: async () => {
      const sources = await desktopCapturer.getSources({ types: ['screen'], thumbnailSize: { width: 0, height: 0 } })
      screens.arm(sources.length)
      return sources.length
    },
    browser: {
      fills,
      // The same manifests and flag as `warifu browser install|uninstall`, naming this app's executable.
      access: appBrowserAccess({
        place: { platform: process.platform, home: homedir(), dataDir, env: process.env, reg: systemRegRunner },
        host: () => {
          const { versions, execPath, env } = process
          // From source, Node runs the built CLI (dist/cli/warifu.cjs beside dist/electron/main.cjs).
          const cliScript = join(__dirname, '..', 'cli', 'warifu.cjs')
          return appHostCommand({
            isPackaged: app.isPackaged,
            proc: { versions, execPath, env },
            platform: process.platform,
            cliScript,
          })
        },
        now: Date.now,
        // Packaged: beside app.asar (a browser cannot load a folder inside it); from source: dist/extension.
        extensionRoot: app.isPackaged ? join(process.resourcesPath, 'extension') : join(__dirname, '..', 'extension'),
        openFolder: async (path) => {
          await shell.openPath(path)
        },
      }),
    },
  })
  // The tray lists the pinned accounts: rebuilt after every change the window makes.
  registerIpc(notifyAfterChanges(handlers, refreshTray), origins)

  // Opened now so a locked keychain prompts at start-up, not at the first click; failure is shown by the renderer.
  void vault.get().catch(() => undefined)

  win = openWindow()
  const language = effectiveLanguage((await settings.get()).language, locale())
  tray = createTray(
    {
      show: () => showWindow(true),
      quit: () => app.quit(),
      // The list's own copy: concealed formats, the clear after the chosen delay, the last-used minute.
      // A failure (keychain locked meanwhile) brings the window up, where the account says what is wrong.
      copy: (id) => void handlers['clipboard:copy-code'](id).catch(() => showWindow(false)),
    },
    trayLabels(language),
  )
  refreshTray()
  registerShowShortcut(() => showWindow(true))

  let clipboardCleared = false
  app.on('before-quit', (event) => {
    if (clipboardCleared) return
    // The clipboard API is async: hold the quit until a code we put there is gone, or half a second.
    event.preventDefault()
    clipboardCleared = true
    void clipboardClearer.clearBeforeQuit().then(() => app.quit())
  })
  app.on('will-quit', () => {
    unregisterShortcuts()
    tray?.destroy()
    tray = undefined
  })
}
