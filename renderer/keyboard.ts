/**
 * The page-wide keys: type anywhere on the list to search (also with the IME on), Ctrl/Cmd+F,
 * Ctrl/Cmd+C for the selected row's code, Esc to leave the add screen and the scan result, and `?`
 * for the list of shortcuts. A row's own keys (arrows, Enter, F2, Delete) live in the list view.
 */
import type { AccountSummary } from '../shared/types'
import { isDialogOpen } from './components/dialog'
import { shortcutsDialog } from './views/shortcuts-dialog'

/** What the keys ask of the app. */
export interface KeyboardHost {
  /** The screen showing now. */
  view(): string
  /** The search box, when the list shows one. */
  search(): { focus(select?: boolean): void } | undefined
  /** The list's selected (focused) account, if any. */
  selected(): AccountSummary | undefined
  copy(account: AccountSummary): void
  /** Esc on the add screen or a scan result: the same path as the Back button (and its guard). */
  back(): void
}

/** Inputs and other places where keys type text. */
export function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))
}

/** True when the user has text selected that Ctrl/Cmd+C should copy instead of a code. */
function hasTextSelection(target: EventTarget | null): boolean {
  const el = target as HTMLInputElement | null
  if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA')) {
    try {
      return el.selectionStart !== el.selectionEnd
    } catch {
      return false // inputs without a selection (number, ...)
    }
  }
  return (document.getSelection()?.toString() ?? '') !== ''
}

/** A key that starts typing: one character, or the IME's `Process` (its first key while the IME is on). */
function startsTyping(e: KeyboardEvent): boolean {
  return (e.key.length === 1 && e.key !== ' ') || e.key === 'Process'
}

export function installKeyboard(host: KeyboardHost): void {
  document.addEventListener('keydown', (e) => onKey(host, e))
}

function onKey(host: KeyboardHost, e: KeyboardEvent): void {
  // Keys inside an IME composition are the IME's (its Enter confirms, its Esc cancels the conversion).
  if (e.isComposing || isDialogOpen() || e.defaultPrevented) return
  const view = host.view()
  const mod = e.ctrlKey || e.metaKey
  if (e.key === 'Escape' && (view === 'add' || view === 'scan-result')) {
    e.preventDefault()
    host.back()
    return
  }
  if (view !== 'list') return
  if (e.key === '?' && !isEditable(e.target) && !mod && !e.altKey) {
    e.preventDefault()
    shortcutsDialog()
    return
  }
  const search = host.search()
  if (!search) return
  const key = e.key.toLowerCase()
  if (mod && !e.altKey && key === 'f') {
    e.preventDefault()
    search.focus(true)
    return
  }
  if (mod && !e.altKey && !e.shiftKey && key === 'c') {
    const selected = host.selected()
    if (!selected || hasTextSelection(e.target)) return
    e.preventDefault()
    host.copy(selected)
    return
  }
  if (isEditable(e.target) || mod || e.altKey) return
  // Focus moves before the key's default action, so the character (or the IME's composition) lands
  // in the search box.
  if (startsTyping(e)) search.focus()
}
