/** One polite live region for short confirmations ("copied"), errors, and an Undo after a delete. */
import { h } from './dom'

let region: HTMLElement | undefined
let timer: ReturnType<typeof setTimeout> | undefined
/** Ctrl/Cmd+Z while a toast with an action shows: the keyboard's way to its Undo. */
let shortcut: ((e: KeyboardEvent) => void) | undefined

/** A button in the toast ("Undo"), also pressed by Ctrl/Cmd+Z outside text fields; it closes the toast. */
export interface ToastAction {
  label: string
  run(): void
}

/** Shows text (or a small element) for a few seconds (longer with an action); screen readers announce it. */
export function toast(text: string | Node, kind: 'info' | 'error' = 'info', action?: ToastAction): void {
  if (!region || !region.isConnected) {
    region = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite' })
    document.body.append(region)
  }
  const shown = region
  // A new toast replaces the last one, and with it any Undo it offered.
  hide()
  shown.replaceChildren(text)
  if (action) {
    const button = h('button', { type: 'button', class: 'toast-action', 'data-action': 'toast-action' }, action.label)
    const run = () => {
      hide()
      action.run()
    }
    button.addEventListener('click', run)
    shown.append(' ', button)
    shortcut = (e) => {
      const target = e.target as HTMLElement | null
      const editing = !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.key.toLowerCase() !== 'z' || editing) return
      e.preventDefault()
      run()
    }
    document.addEventListener('keydown', shortcut)
  }
  shown.dataset.kind = kind
  delete shown.dataset.place
  shown.classList.add('visible')
  // At the bottom, over the footer; but never over the code of the row the user is on (copied from a
  // row at the window's bottom edge): then at the top, under the header.
  const row = document.activeElement?.closest('.account')?.getBoundingClientRect()
  const box = shown.getBoundingClientRect()
  if (row && row.bottom > box.top && row.top < box.bottom) shown.dataset.place = 'top'
  clearTimeout(timer)
  timer = setTimeout(hide, action ? 10_000 : kind === 'error' ? 6000 : 3000)
}

/** Takes the toast away at once (its action can no longer be pressed). */
export function hide(): void {
  clearTimeout(timer)
  if (shortcut) document.removeEventListener('keydown', shortcut)
  shortcut = undefined
  region?.classList.remove('visible')
  // A hidden Undo must not stay reachable by keyboard.
  region?.querySelector('button')?.remove()
}
