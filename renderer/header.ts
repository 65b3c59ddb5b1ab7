/**
 * The header: the brand, the view's buttons, the search box on the same row (it wraps under the
 * buttons only in a narrow window), and the gear that opens the settings menu. One row at 440 px
 * wide on every view but the list, two on the list: the rest of the window is for codes.
 */
import { h } from './components/dom'
import { t } from './i18n'

/** What the header shows for the current view. */
export interface HeaderOptions {
  /** The list's buttons (Check a link, Backup, Add), or the Back button elsewhere; none when unavailable. */
  buttons: HTMLElement[]
  /** The search box, on the list with accounts. */
  search?: HTMLElement
  /** Buttons that belong beside the search box (Check a link). */
  searchButtons?: HTMLElement[]
  openSettings(): void
}

/** Redraws the header element in place. */
export function renderHeader(header: HTMLElement, options: HeaderOptions): void {
  const gear = h(
    'button',
    {
      type: 'button',
      class: 'button small gear',
      'data-action': 'settings',
      'aria-label': t('settings.title'),
      title: t('settings.title'),
      'aria-haspopup': 'dialog',
      onclick: () => options.openSettings(),
    },
    h('span', { 'aria-hidden': 'true' }, '⚙'),
  )
  header.replaceChildren(
    h(
      'span',
      { class: 'brand' },
      h('span', { class: 'brand-mark', 'aria-hidden': 'true' }),
      h('span', { class: 'brand-name' }, t('appName')),
    ),
    ...(options.search
      ? [h('div', { class: 'search-row' }, options.search, ...(options.searchButtons ?? []))]
      : [h('span', { class: 'spacer' })]),
    h('div', { class: 'header-actions' }, ...options.buttons, gear),
  )
}

/**
 * Keeps `--header-height` on the root equal to the header's height: the page scrolls under the
 * sticky header, and scroll-padding (styles.css) uses it so a row focused by a key is scrolled
 * below the header, not under it. The header is one row or two depending on the view and width.
 */
export function trackHeaderHeight(header: HTMLElement): void {
  const root = document.documentElement
  new ResizeObserver(() => root.style.setProperty('--header-height', `${header.offsetHeight}px`)).observe(header)
}
