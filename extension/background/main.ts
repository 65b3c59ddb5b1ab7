/**
 * The background (Chromium's service worker, Firefox's event page). It answers the shortcut
 * only: no listener for messages from pages or other extensions exists, so nothing but the
 * user's own key press (or the popup, which runs the same flows itself) can start a fill.
 */
import { FILL_COMMAND } from '../manifest'
import { chromeDeps } from './chrome-deps'
import { onShortcut } from './controller'

chrome.commands.onCommand.addListener((command) => {
  if (command !== FILL_COMMAND) return
  onShortcut(chromeDeps()).catch((error: unknown) => {
    // Nothing secret reaches here (codes are never in errors); the tab may have closed meanwhile.
    console.warn('Warifu: the shortcut could not finish:', error instanceof Error ? error.message : error)
  })
})
