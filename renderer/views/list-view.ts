/**
 * The account list: names, the current code in large digits, a countdown ring and the next code near
 * the end of a period. Only the rows near the window's view are in the DOM (list-window.ts): a search
 * keystroke or the once-a-second refresh then costs what the window shows, not what the list holds.
 * A row's DOM is built the first time it is shown and kept until the list changes; the refresh writes
 * only text nodes and one custom property per period.
 */
import type { CodeSnapshot } from '../../shared/ipc/channels'
import { fold } from '../../shared/text/fold'
import type { AccountSummary } from '../../shared/types'
import { h } from '../components/dom'
import { groupCode } from '../format'
import { t } from '../i18n'
import { buildAccountRow, type RowView } from './account-row'
import { layoutRows, rowsInView } from './list-window'

/** The next code appears when this many seconds or fewer are left. */
export const SHOW_NEXT_SECONDS = 5

/** "Hide codes until clicked": how long a clicked row shows its code. */
export const REVEAL_MS = 10_000

/**
 * Rendered beyond the window's edges, in pixels, so a scroll of a few rows shows rows already laid out.
 * With 200 rows the frame after a search keystroke then lays out about 20 rows, not 200: keystroke to
 * next frame 7.9-10.4 ms median instead of 14.4-16.6 (bench:ui, same session), first paint 140 ms
 * instead of 192.
 */
const OVERSCAN_PX = 400

/** A row's height before it was shown (measured at the default window); compact density's. */
const ROW_PX = 85
const COMPACT_ROW_PX = 54

/** A row's height before it was shown, at the density in use. */
const estimatedRowPx = () => (document.documentElement.dataset.density === 'compact' ? COMPACT_ROW_PX : ROW_PX)

/** Rows have a top border but the first: its height is this much less. */
const ROW_BORDER_PX = 1

/** A hidden code: one dot per digit, grouped like the digits. */
const masked = (code: string) => groupCode('•'.repeat(code.length || 6))

/** What the list asks its owner to do; the owner talks to main. */
export interface ListActions {
  copy(account: AccountSummary): void
  edit(account: AccountSummary): void
  /** "No site — add": the edit dialog with the focus on its Add site field. */
  addSite(account: AccountSummary): void
  remove(account: AccountSummary): void
  move(account: AccountSummary, index: number): void
  nextHotp(account: AccountSummary): void
  /** The next TOTP code, offered in the last seconds of a period. */
  copyNext(account: AccountSummary): void
  /** Pins or unpins (the row's pin button). */
  pin(account: AccountSummary): void
}

interface Row {
  account: AccountSummary
  view: RowView | undefined
  /** Search text: issuer, label and sites, folded (width, case, hiragana/katakana: shared/text/fold). */
  haystack: string
  lastCode: string
  lastNext: string
  lastSeconds: number
  showingNext: boolean
  /** In hide-codes mode: shown since a click or Space, until its timer hides it again. */
  revealed: boolean
  revealTimer: ReturnType<typeof setTimeout> | undefined
  /** The margin written above it: the height of the rows before it that are not in the DOM. */
  gap: number
}

export class ListView {
  readonly el: HTMLUListElement
  /** Every account's row in the list's order. */
  private rows: Row[] = []
  /** The rows the search matches, in order: what the grid holds (aria-rowcount). */
  private matches: Row[] = []
  private matchIndex = new Map<Row, number>()
  /** The rows in the DOM now, in order. */
  private rendered: Row[] = []
  private byId = new Map<string, Row>()
  /** Heights of rows once shown (as rows after the first), by id; for the others, an estimate. */
  private heights = new Map<string, number>()
  /** The density and window width the heights were measured at. */
  private measuredAt = ''
  /** Roving focus: the row Tab reaches (tabindex 0); always in the DOM, so focus is never lost to a scroll. */
  private tabStop: Row | undefined
  /** The row last focused: what Ctrl/Cmd+C copies (aria-selected). */
  private current: Row | undefined
  private dragged: Row | undefined
  private frame: number | undefined
  private query = ''
  private hideCodes = false
  /**
   * False while the list is sorted A–Z or by last use: dragging and Alt+arrows would move rows the
   * order puts back at once, so they are off (the manual order is kept for when it is chosen again).
   */
  private reorderable = true
  /** The countdown fraction last written for each period (--left-<period> on the list). */
  private readonly periodLeft = new Map<number, number>()

  constructor(private readonly actions: ListActions) {
    // A grid, not a listbox: each row holds buttons (pin, edit, delete), and an option's children
    // may not be interactive. Rows keep the roving focus; their content sits in grid cells.
    this.el = h('ul', { class: 'accounts', role: 'grid', 'aria-label': t('list.label') })
    this.el.addEventListener('keydown', (e) => this.onKey(e))
    this.el.addEventListener('click', (e) => this.onClick(e))
    this.el.addEventListener('dragstart', (e) => this.onDragStart(e))
    this.el.addEventListener('dragover', (e) => this.onDragOver(e))
    this.el.addEventListener('drop', (e) => this.onDrop(e))
    this.el.addEventListener('dragend', () => this.endDrag())
    // The page scrolls, not the list: a scroll or resize moves the window over the rows.
    const later = () => this.renderLater()
    window.addEventListener('scroll', later, { passive: true })
    window.addEventListener('resize', later, { passive: true })
    // Rows change height with the density (or a font that loaded late). Not a ResizeObserver on the
    // list: its size changes on every search keystroke, and observing it cost that frame 6-7 ms.
    new MutationObserver(later).observe(document.documentElement, { attributeFilter: ['data-density'] })
    document.fonts.addEventListener('loadingdone', later)
  }

  /** Whether rows can be moved (manual order); applied at the next setAccounts. */
  setReorderable(on: boolean): void {
    this.reorderable = on
    this.el.classList.toggle('fixed-order', !on)
  }

  /** Rebuilds the rows (after a load, add, rename, move or delete); codes fill in on the next refresh. */
  setAccounts(accounts: AccountSummary[], codes: CodeSnapshot[] = []): void {
    const focusedId = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('.account')?.dataset.id
    for (const row of this.rows) clearTimeout(row.revealTimer)
    this.rows = accounts.map((a) => this.newRow(a))
    this.byId = new Map(this.rows.map((r) => [r.account.id, r]))
    this.tabStop = this.current = this.dragged = undefined
    this.rendered = []
    this.el.replaceChildren()
    this.applyCodes(codes)
    // Translated here, not only at construction: the language is known only after settings load.
    this.el.setAttribute('aria-label', t('list.label'))
    this.filter(this.query)
    if (focusedId) this.focusRow(this.byId.get(focusedId))
    // The list may not be on the page yet: the window is placed again once it is laid out.
    this.renderLater()
  }

  /** Writes the codes of one refresh: text nodes of rows in the DOM whose value changed, and the ring's fraction. */
  applyCodes(codes: CodeSnapshot[]): void {
    for (const snap of codes) {
      const row = this.byId.get(snap.id)
      if (!row) continue
      const view = this.inDom(row) ? row.view : undefined
      if (snap.code !== row.lastCode) {
        row.lastCode = snap.code
        if (view) view.code.data = this.shows(row) ? groupCode(snap.code) : masked(snap.code)
      }
      if (snap.secondsLeft !== row.lastSeconds) {
        row.lastSeconds = snap.secondsLeft
        if (view) view.seconds.data = String(snap.secondsLeft)
        // Rows of one period share one countdown: one style write per period, not per row.
        const left = snap.secondsLeft / snap.period
        if (this.periodLeft.get(snap.period) !== left) {
          this.periodLeft.set(snap.period, left)
          this.el.style.setProperty(`--left-${snap.period}`, String(left))
        }
      }
      const showNext = snap.secondsLeft <= SHOW_NEXT_SECONDS
      if (showNext && snap.next !== row.lastNext) {
        row.lastNext = snap.next
        if (view) view.next.data = this.shows(row) ? groupCode(snap.next) : masked(snap.next)
      }
      if (showNext !== row.showingNext) {
        row.showingNext = showNext
        view?.el.classList.toggle('ending', showNext)
      }
    }
  }

  /** Shows an HOTP account's freshly generated code in its row. */
  showHotpCode(id: string, code: string, counter: number): void {
    const row = this.byId.get(id)
    if (!row) return
    const view = this.viewOf(row)
    row.lastCode = code
    view.el.classList.add('generated')
    // Asked for just now: shown even in hide-codes mode (for the usual few seconds).
    if (this.hideCodes) this.reveal(row)
    else view.code.data = groupCode(code)
    view.el.querySelector('.counter')?.replaceChildren(t('list.hotpCounter', { counter }))
  }

  /** Keeps the rows whose issuer, label, sites or tags contain every word of the query; returns how many. */
  filter(query: string): number {
    this.query = query
    const words = fold(query).split(/\s+/).filter(Boolean)
    this.matches = words.length === 0 ? this.rows : this.rows.filter((r) => words.every((w) => r.haystack.includes(w)))
    this.matchIndex = new Map(this.matches.map((r, i) => [r, i]))
    this.renderWindow()
    return this.matches.length
  }

  private renderLater(): void {
    if (this.frame !== undefined) return
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined
      if (this.el.isConnected) this.renderWindow()
    })
  }

  /**
   * Puts in the DOM the matching rows that overlap the window's view (plus OVERSCAN_PX), the Tab stop
   * and a dragged row, each at its place: a row after rows left out gets their height as its margin,
   * and the list's bottom padding stands for the rows after the last. Rows already there stay (no
   * focus lost, no style recomputed); only rows coming or going are touched.
   */
  private renderWindow(): void {
    // Read before any write: one layout (of what changed before this call), not one per row.
    const box = this.el.isConnected ? this.el.getBoundingClientRect() : undefined
    this.measure()
    const estimate = estimatedRowPx()
    const heights = this.matches.map((r) => this.heights.get(r.account.id) ?? estimate)
    if (heights.length > 0) heights[0] = heights[0]! - ROW_BORDER_PX
    const { tops, total } = layoutRows(heights)
    const from = box ? -box.top : 0
    const { start, end } = rowsInView(tops, heights, from - OVERSCAN_PX, from + window.innerHeight + OVERSCAN_PX)

    if (!this.tabStop || !this.matchIndex.has(this.tabStop)) this.tabStop = this.matches[0]
    const wanted = new Set<number>()
    for (let i = start; i < end; i++) wanted.add(i)
    for (const extra of [this.tabStop, this.dragged]) {
      const i = extra && this.matchIndex.get(extra)
      if (i !== undefined) wanted.add(i)
    }
    const indexes = [...wanted].sort((a, b) => a - b)
    const next = indexes.map((i) => this.matches[i]!)

    const keep = new Set(next)
    for (const row of this.rendered) {
      if (keep.has(row)) continue
      row.view!.el.remove()
    }
    // Rows that stay keep their order (the search and the window never reorder): insert the others around them.
    let cursor = this.el.firstElementChild
    let bottom = 0
    indexes.forEach((i, k) => {
      const row = next[k]!
      if (!this.inDom(row)) this.sync(row)
      const view = this.viewOf(row)
      if (view.el === cursor) cursor = cursor.nextElementSibling
      else this.el.insertBefore(view.el, cursor)
      const gap = tops[i]! - bottom
      if (row.gap !== gap) {
        row.gap = gap
        view.el.style.marginTop = gap ? `${gap}px` : ''
      }
      bottom = tops[i]! + heights[i]!
      const index = String(i + 1)
      if (view.el.getAttribute('aria-rowindex') !== index) view.el.setAttribute('aria-rowindex', index)
      const stop = row === this.tabStop
      if (view.el.tabIndex !== (stop ? 0 : -1)) view.el.tabIndex = stop ? 0 : -1
      const selected = row === this.current
      if ((view.el.getAttribute('aria-selected') === 'true') !== selected)
        view.el.setAttribute('aria-selected', String(selected))
    })
    this.rendered = next
    const rest = `${Math.max(0, total - bottom)}px`
    if (this.el.style.paddingBottom !== rest) this.el.style.paddingBottom = rest
    const count = String(this.matches.length)
    if (this.el.getAttribute('aria-rowcount') !== count) this.el.setAttribute('aria-rowcount', count)
  }

  /** Remembers the heights of the rows in the DOM (free here: the layout was just read). */
  private measure(): void {
    const at = `${document.documentElement.dataset.density ?? ''} ${window.innerWidth}`
    if (at !== this.measuredAt) {
      this.measuredAt = at
      this.heights.clear()
    }
    if (!this.el.isConnected) return
    for (const row of this.rendered) {
      const height = row.view!.el.offsetHeight
      if (height === 0) continue
      const first = this.matchIndex.get(row) === 0
      this.heights.set(row.account.id, height + (first ? ROW_BORDER_PX : 0))
    }
  }

  /** Writes what changed while the row was out of the DOM. */
  private sync(row: Row): void {
    const view = this.viewOf(row)
    this.writeCodes(row)
    if (row.lastSeconds >= 0) view.seconds.data = String(row.lastSeconds)
    view.el.classList.toggle('ending', row.showingNext)
  }

  /** The selected account (the row last focused, if still shown): what Ctrl/Cmd+C copies. */
  selected(): AccountSummary | undefined {
    const row = this.current
    return row && this.matchIndex.has(row) ? row.account : undefined
  }

  /**
   * "Hide codes until clicked" (privacy mode): codes show as ••• ••• until a row is clicked or Space
   * is pressed on it, and hide again after REVEAL_MS. Enter and Ctrl+C still copy a hidden code.
   */
  setHideCodes(on: boolean): void {
    this.hideCodes = on
    this.el.classList.toggle('hide-codes', on)
    for (const row of this.rows) this.conceal(row)
  }

  /** Whether hide-codes mode is on (the settings menu's switch). */
  get hidingCodes(): boolean {
    return this.hideCodes
  }

  private shows(row: Row): boolean {
    return !this.hideCodes || row.revealed
  }

  private writeCodes(row: Row): void {
    if (!row.lastCode || !row.view) return // nothing arrived yet, or not shown yet: the placeholder stays
    const show = this.shows(row)
    row.view.code.data = show ? groupCode(row.lastCode) : masked(row.lastCode)
    if (row.lastNext) row.view.next.data = show ? groupCode(row.lastNext) : masked(row.lastNext)
  }

  private reveal(row: Row): void {
    clearTimeout(row.revealTimer)
    row.revealed = true
    this.viewOf(row).el.classList.add('revealed')
    this.writeCodes(row)
    row.revealTimer = setTimeout(() => this.conceal(row), REVEAL_MS)
  }

  private conceal(row: Row): void {
    clearTimeout(row.revealTimer)
    row.revealTimer = undefined
    row.revealed = false
    row.view?.el.classList.remove('revealed')
    this.writeCodes(row)
  }

  /** Puts the keyboard focus on the first visible row (ArrowDown from the search box). */
  focusFirst(): boolean {
    const first = this.matches[0]
    this.focusRow(first)
    return first !== undefined
  }

  /** The first visible account (Enter in the search box copies it). */
  firstVisible(): AccountSummary | undefined {
    return this.matches[0]?.account
  }

  focusAccount(id: string): void {
    this.focusRow(this.byId.get(id))
  }

  /** Focuses a row anywhere in the list: put in the DOM at its place, then scrolled into view. */
  private focusRow(row: Row | undefined): void {
    if (!row || !this.matchIndex.has(row)) return
    // Roving tabindex: Tab reaches the list once; aria-selected tells screen readers which row is current.
    this.tabStop = this.current = row
    this.renderWindow()
    const el = this.viewOf(row).el
    el.focus({ preventScroll: true })
    el.scrollIntoView({ block: 'nearest' })
    // Rows now shown around it may be taller or shorter than estimated: place the window again and
    // scroll once more, so the focused row ends in view.
    this.renderWindow()
    el.scrollIntoView({ block: 'nearest' })
  }

  private newRow(account: AccountSummary): Row {
    return {
      account,
      view: undefined,
      haystack: fold(`${account.issuer} ${account.label} ${account.sites.join(' ')} ${(account.tags ?? []).join(' ')}`),
      lastCode: '',
      lastNext: '',
      lastSeconds: -1,
      showingNext: false,
      revealed: false,
      revealTimer: undefined,
      gap: 0,
    }
  }

  /** In the list's DOM now (inside the window, focused, or being dragged). */
  private inDom(row: Row): boolean {
    return row.view?.el.parentNode === this.el
  }

  private viewOf(row: Row): RowView {
    row.view ??= buildAccountRow(row.account, this.reorderable)
    return row.view
  }

  private rowOf(target: EventTarget | null): Row | undefined {
    const el = (target as Element | null)?.closest<HTMLElement>('.account')
    return el?.dataset.id ? this.byId.get(el.dataset.id) : undefined
  }

  private onClick(e: MouseEvent): void {
    const row = this.rowOf(e.target)
    if (!row) return
    const action = (e.target as Element).closest<HTMLElement>('[data-action]')?.dataset.action
    this.focusRow(row)
    // Hide-codes mode: the first click on a hidden code shows it; the next one copies.
    if (this.hideCodes && !row.revealed && row.lastCode && (!action || action.startsWith('copy'))) {
      this.reveal(row)
      return
    }
    if (action === 'edit') this.actions.edit(row.account)
    else if (action === 'add-site') this.actions.addSite(row.account)
    else if (action === 'delete') this.actions.remove(row.account)
    else if (action === 'pin') this.actions.pin(row.account)
    else if (action === 'hotp') this.actions.nextHotp(row.account)
    else if (action === 'copy-next' && row.showingNext) this.actions.copyNext(row.account)
    else this.copyOrGenerate(row)
  }

  /** TOTP: copy. HOTP: copy the code shown, or make the first one (main copies only a code it showed). */
  private copyOrGenerate(row: Row): void {
    if (row.account.type === 'totp' || this.viewOf(row).el.classList.contains('generated'))
      this.actions.copy(row.account)
    else this.actions.nextHotp(row.account)
  }

  /** Rows a PageUp or PageDown moves: a window's height of rows, less one kept in view. */
  private pageRows(): number {
    return Math.max(1, Math.floor(window.innerHeight / estimatedRowPx()) - 1)
  }

  private onKey(e: KeyboardEvent): void {
    const row = this.rowOf(e.target)
    if (!row || (e.target as Element).closest('button')) return
    const visible = this.matches
    const at = this.matchIndex.get(row) ?? 0
    const index = this.rows.indexOf(row)
    const last = visible.length - 1
    let handled = true
    if (e.altKey && !this.reorderable && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) handled = true
    else if (e.altKey && e.key === 'ArrowUp' && index > 0) this.actions.move(row.account, index - 1)
    else if (e.altKey && e.key === 'ArrowDown' && index < this.rows.length - 1)
      this.actions.move(row.account, index + 1)
    else if (e.key === 'ArrowDown') this.focusRow(visible[at + 1] ?? row)
    else if (e.key === 'ArrowUp') {
      if (at === 0) this.el.dispatchEvent(new CustomEvent('leave-top', { bubbles: true }))
      else this.focusRow(visible[at - 1])
    } else if (e.key === 'Home') this.focusRow(visible[0])
    else if (e.key === 'End') this.focusRow(visible[last])
    else if (e.key === 'PageDown') this.focusRow(visible[Math.min(last, at + this.pageRows())])
    else if (e.key === 'PageUp') this.focusRow(visible[Math.max(0, at - this.pageRows())])
    else if (e.key === ' ' && this.hideCodes && row.lastCode) this.reveal(row)
    else if (e.key === 'Enter' && e.shiftKey && row.showingNext) this.actions.copyNext(row.account)
    else if (e.key === 'Enter' || e.key === ' ') {
      this.copyOrGenerate(row)
    } else if (e.key === 'Delete') this.actions.remove(row.account)
    // (Not Backspace: a key people press to correct typing must never start a delete.)
    else if (e.key === 'F2') this.actions.edit(row.account)
    else handled = false
    if (handled) e.preventDefault()
  }

  private onDragStart(e: DragEvent): void {
    const row = this.rowOf(e.target)
    if (!row || !e.dataTransfer) return
    // Kept in the DOM while the page scrolls under the drag: removing the source would end the drag.
    this.dragged = row
    e.dataTransfer.effectAllowed = 'move'
    e.dataTransfer.setData('application/x-warifu-account', row.account.id)
    this.viewOf(row).el.classList.add('dragging')
  }

  private onDragOver(e: DragEvent): void {
    if (this.dragged === undefined) return
    const row = this.rowOf(e.target)
    if (!row) return
    e.preventDefault()
    for (const r of this.rendered) r.view!.el.classList.toggle('drop-target', r === row && r !== this.dragged)
  }

  private onDrop(e: DragEvent): void {
    const dragged = this.dragged
    const target = this.rowOf(e.target)
    this.endDrag()
    if (!dragged || !target || dragged === target) return
    e.preventDefault()
    e.stopPropagation()
    this.actions.move(dragged.account, this.rows.indexOf(target))
  }

  private endDrag(): void {
    this.dragged = undefined
    for (const r of this.rows) r.view?.el.classList.remove('dragging', 'drop-target')
  }
}
