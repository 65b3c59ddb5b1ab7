/** One polite live region for short confirmations ("copied") and errors. */
import { h } from './dom'

let region: HTMLElement | undefined
let timer: ReturnType<typeof setTimeout> | undefined

/** Shows text for a few seconds; screen readers announce it. */
export function toast(text: string, kind: 'info' | 'error' = 'info'): void {
  if (!region || !region.isConnected) {
    region = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite' })
    document.body.append(region)
  }
  region.textContent = text
  region.dataset.kind = kind
  region.classList.add('visible')
  clearTimeout(timer)
  timer = setTimeout(() => region?.classList.remove('visible'), kind === 'error' ? 6000 : 3000)
}
