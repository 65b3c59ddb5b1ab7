/** Main process: what closing the window means on each platform. */

/**
 * Closing the window hides it and the app keeps running on every platform:
 * - Windows and Linux: authenticators live in the notification area (tray);
 *   the tray menu's Quit ends the app. On a Linux desktop without a tray
 *   (GNOME without an AppIndicator extension), the global shortcut or starting
 *   Warifu again (single-instance lock) brings the window back.
 * - macOS: apps conventionally stay running when their last window closes; the
 *   Dock icon (app 'activate') and the menu-bar icon bring it back, Cmd+Q quits.
 * A real quit (tray Quit, Cmd+Q, OS logout) sets `quitting` and lets the close through.
 */
export function closeHidesWindow(quitting: boolean): boolean {
  return !quitting
}

/** Whether the app quits when its last window is gone: never on macOS (convention), else only on a real quit. */
export function quitWhenAllWindowsClosed(platform: NodeJS.Platform): boolean {
  return platform !== 'darwin'
}
