/** Main process: the global shortcut that brings Warifu up with the cursor in the search box. */
import { globalShortcut } from 'electron'

/**
 * Ctrl+Alt+Shift+K (Cmd+Alt+Shift+K on macOS): "K" for key; three modifiers
 * because two-modifier combinations are taken by browsers, IDEs and desktops.
 */
export const SHOW_SHORTCUT = 'CommandOrControl+Alt+Shift+K'

/** Registers the shortcut; false if another app owns it (the app works without it). */
export function registerShowShortcut(show: () => void): boolean {
  const ok = globalShortcut.register(SHOW_SHORTCUT, show)
  if (!ok) console.error(`warifu: the shortcut ${SHOW_SHORTCUT} is taken by another app; it is not active`)
  return ok
}

export function unregisterShortcuts(): void {
  globalShortcut.unregisterAll()
}
