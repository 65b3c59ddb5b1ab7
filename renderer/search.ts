/**
 * The list's search box: filtering as the user types, Enter to copy the first match, ↓ into the list.
 * Japanese input: nothing acts on text still being composed. The list filters once a conversion is
 * confirmed (compositionend), and the Enter that confirms it never copies.
 */
import type { AccountSummary } from '../shared/types'
import { h } from './components/dom'
import { isComposing } from './components/ime'
import { t } from './i18n'
import type { LinkCheckPanel } from './views/link-check-view'
import type { ListView } from './views/list-view'

/** What the search box asks of its owner. */
export interface SearchHost {
  readonly list: ListView
  readonly linkCheck: LinkCheckPanel
  copy(account: AccountSummary, which: 'current' | 'next'): void
}

export class Search {
  /** One search box for the app's life: its text survives a redraw (a delete, another process's change). */
  readonly box = h('input', { type: 'search', class: 'search', autocomplete: 'off', spellcheck: 'false' })
  private composing = false
  private noMatch: HTMLElement | undefined

  constructor(private readonly host: SearchHost) {
    this.box.addEventListener('compositionstart', () => (this.composing = true))
    this.box.addEventListener('compositionend', () => {
      this.composing = false
      // The confirmed text: Chromium sends no input event after compositionend, so filter here.
      this.apply()
    })
    this.box.addEventListener('input', (e) => {
      if (isComposing(e, this.composing)) return
      this.apply()
    })
    this.box.addEventListener('keydown', (e) => this.onKey(e))
    this.box.addEventListener('paste', (e) => host.linkCheck.onPaste(e, this.box))
  }

  /** Redraws the translated placeholder and binds this render's "no match" line. */
  render(noMatch: HTMLElement | undefined): void {
    this.box.placeholder = t('search.placeholder')
    this.box.setAttribute('aria-label', t('search.placeholder'))
    this.noMatch = noMatch
  }

  /** Filters the list by the box's text (or shows a pasted link's verdict instead). */
  apply(): void {
    const query = this.box.value
    // A link, address or message is checked against the sites, not used to filter the names.
    const shown = this.host.list.filter(this.host.linkCheck.update(query) ? '' : query)
    if (this.noMatch) {
      this.noMatch.hidden = shown > 0
      this.noMatch.textContent = shown > 0 ? '' : t('search.noMatch', { query })
    }
  }

  /** Focuses the box with its text selected (Ctrl/Cmd+F, the global shortcut). */
  focus(select = false): void {
    this.box.focus()
    if (select) this.box.select()
  }

  private onKey(e: KeyboardEvent): void {
    // Keys inside a composition belong to the IME: its Enter confirms a conversion, its Esc cancels it.
    if (isComposing(e, this.composing)) return
    if (e.key === 'ArrowDown') {
      if (this.host.list.focusFirst()) e.preventDefault()
    } else if (e.key === 'Enter' && !this.host.linkCheck.active) {
      // (Never a code copied while a link is on screen: Enter there must not look like "go ahead".)
      const first = this.host.list.firstVisible()
      if (first?.type === 'totp') this.host.copy(first, e.shiftKey ? 'next' : 'current')
    } else if (e.key === 'Escape' && this.box.value !== '') {
      this.box.value = ''
      this.apply()
      // Handled: Esc in a non-empty box clears it and does not also leave the screen.
      e.stopPropagation()
    }
  }
}
