/** One polite live region for short confirmations ("copied"), errors, and an Undo after a delete. */
import { h } from './dom'

let region: HTMLElement | undefined
let timer: ReturnType<typeof setTimeout> | undefined

/** A button in the toast ("Undo"); it closes the toast when pressed. */
export interface ToastAction {
  label: string
  run(): void
}

/** Shows text for a few seconds (longer with an action); screen readers announce it. */
export function toast(text: string, kind: 'info' | 'error' = 'info', action?: ToastAction): void {
  if (!region || !region.isConnected) {
    region = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite' })
    document.body.append(region)
  }
  const shown = region
  shown.replaceChildren(text)
  if (action) {
    const button = h('button', { type: 'button', class: 'toast-action', 'data-action': 'toast-action' }, action.label)
    button.addEventListener('click', () => {
      hide()
      action.run()
    })
    shown.append(' ', button)
  }
  shown.dataset.kind = kind
  shown.classList.add('visible')
  clearTimeout(timer)
  timer = setTimeout(hide, action ? 10_000 : kind === 'error' ? 6000 : 3000)
}

/** Takes the toast away at once (its action can no longer be pressed). */
export function hide(): void {
  clearTimeout(timer)
  region?.classList.remove('visible')
  // A hidden Undo must not stay reachable by keyboard.
  region?.querySelector('button')?.remove()
}
