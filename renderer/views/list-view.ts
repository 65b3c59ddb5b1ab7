/**
 * The account list: names, the current code in large digits, a countdown ring and the next code near
 * the end of a period. Rows are built once per list change; the once-a-second refresh only rewrites
 * text nodes and one custom property per row, so 200 accounts cost well under a millisecond.
 */
import type { CodeSnapshot } from '../../shared/ipc/channels'
import { fold } from '../../shared/text/fold'
import type { AccountSummary } from '../../shared/types'
import { h } from '../components/dom'
import { serviceIcon } from '../components/service-icon'
import { groupCode } from '../format'
import { t } from '../i18n'
import { sitesShort } from './sites'

/** The next code appears when this many seconds or fewer are left. */
export const SHOW_NEXT_SECONDS = 5

/** "Hide codes until clicked": how long a clicked row shows its code. */
export const REVEAL_MS = 10_000

/**
 * Rows per rowgroup. Each group has content-visibility: auto, so a search keystroke that shows or
 * hides rows in groups off screen costs one element per group, not one per row. With 200 rows (and
 * hidden rows kept rendered, styles.css), the frame after a keystroke took 7 ms instead of 10 (median;
 * p90 13 instead of 20); 10 or 40 rows a group did worse than 20.
 */
export const ROWS_PER_GROUP = 20

/** A row's height as measured at the default window, for the size of a group off screen; compact density's. */
const ROW_PX = 85
const COMPACT_ROW_PX = 54

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
  el: HTMLLIElement
  code: Text
  next: Text
  seconds: Text
  ring: HTMLElement
  /** Search text: issuer, label and sites, folded (width, case, hiragana/katakana: shared/text/fold). */
  haystack: string
  lastCode: string
  lastNext: string
  lastSeconds: number
  showingNext: boolean
  /** In hide-codes mode: shown since a click or Space, until its timer hides it again. */
  revealed: boolean
  revealTimer: ReturnType<typeof setTimeout> | undefined
}

export class ListView {
  readonly el: HTMLUListElement
  private rows: Row[] = []
  /** The rowgroups holding the rows, ROWS_PER_GROUP each in order. */
  private groups: HTMLElement[] = []
  private byId = new Map<string, Row>()
  private query = ''
  private dragId: string | undefined
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
  }

  /** Whether rows can be moved (manual order); applied at the next setAccounts. */
  setReorderable(on: boolean): void {
    this.reorderable = on
    this.el.classList.toggle('fixed-order', !on)
  }

  /** Rebuilds the rows (after a load, add, rename, move or delete); codes fill in on the next refresh. */
  setAccounts(accounts: AccountSummary[], codes: CodeSnapshot[] = []): void {
    const focusedId = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('.account')?.dataset.id
    this.rows = accounts.map((a) => this.buildRow(a))
    this.byId = new Map(this.rows.map((r) => [r.account.id, r]))
    this.groups = []
    for (let i = 0; i < this.rows.length; i += ROWS_PER_GROUP) {
      const group = h('div', { class: 'account-group', role: 'rowgroup' })
      group.append(...this.rows.slice(i, i + ROWS_PER_GROUP).map((r) => r.el))
      this.groups.push(group)
    }
    this.el.replaceChildren(...this.groups)
    this.applyCodes(codes)
    // Translated here, not only at construction: the language is known only after settings load.
    this.el.setAttribute('aria-label', t('list.label'))
    this.filter(this.query)
    if (focusedId) this.focusRow(this.byId.get(focusedId))
  }

  /** Writes the codes of one refresh: only text nodes whose value changed, and the ring's fraction. */
  applyCodes(codes: CodeSnapshot[]): void {
    for (const snap of codes) {
      const row = this.byId.get(snap.id)
      if (!row) continue
      if (snap.code !== row.lastCode) {
        row.lastCode = snap.code
        row.code.data = this.shows(row) ? groupCode(snap.code) : masked(snap.code)
      }
      if (snap.secondsLeft !== row.lastSeconds) {
        row.seconds.data = String(snap.secondsLeft)
        row.lastSeconds = snap.secondsLeft
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
        row.next.data = this.shows(row) ? groupCode(snap.next) : masked(snap.next)
      }
      if (showNext !== row.showingNext) {
        row.el.classList.toggle('ending', showNext)
        row.showingNext = showNext
      }
    }
  }

  /** Shows an HOTP account's freshly generated code in its row. */
  showHotpCode(id: string, code: string, counter: number): void {
    const row = this.byId.get(id)
    if (!row) return
    row.lastCode = code
    row.el.classList.add('generated')
    // Asked for just now: shown even in hide-codes mode (for the usual few seconds).
    if (this.hideCodes) this.reveal(row)
    else row.code.data = groupCode(code)
    row.el.querySelector('.counter')?.replaceChildren(t('list.hotpCounter', { counter }))
  }

  /** Hides rows whose issuer and label do not contain every word of the query; returns how many match. */
  filter(query: string): number {
    this.query = query
    const words = fold(query).split(/\s+/).filter(Boolean)
    let shown = 0
    for (let g = 0; g < this.groups.length; g++) {
      let inGroup = 0
      for (const row of this.rows.slice(g * ROWS_PER_GROUP, (g + 1) * ROWS_PER_GROUP)) {
        const match = words.every((w) => row.haystack.includes(w))
        if (row.el.hidden === match) row.el.hidden = !match
        if (match) inGroup++
      }
      this.sizeGroup(this.groups[g]!, inGroup)
      shown += inGroup
    }
    this.keepTabStop()
    return shown
  }

  /**
   * An empty group is hidden. Off screen, a group's size is an estimate (its rows are not laid out):
   * the shown rows times a row's height, so the scrollbar fits the filtered list. Not "auto": a size
   * remembered from before the filter would keep the old number of rows.
   */
  private sizeGroup(group: HTMLElement, rows: number): void {
    if (group.hidden !== (rows === 0)) group.hidden = rows === 0
    const rowPx = document.documentElement.dataset.density === 'compact' ? COMPACT_ROW_PX : ROW_PX
    const size = `${rows * rowPx}px`
    if (group.style.containIntrinsicBlockSize !== size) group.style.containIntrinsicBlockSize = size
  }

  /**
   * Roving focus: Tab reaches the list at one row (the selected one, or the first shown), arrows move
   * within. Without this no row is in the Tab order until one was clicked.
   */
  private keepTabStop(): void {
    const current = this.rows.find((r) => r.el.tabIndex === 0 && !r.el.hidden) ?? this.visible()[0]
    for (const r of this.rows) {
      const stop = r === current
      if (r.el.tabIndex !== (stop ? 0 : -1)) r.el.tabIndex = stop ? 0 : -1
    }
  }

  /** The selected account (the row last focused, if still shown): what Ctrl/Cmd+C copies. */
  selected(): AccountSummary | undefined {
    const row = this.rows.find((r) => r.el.getAttribute('aria-selected') === 'true' && !r.el.hidden)
    return row?.account
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
    if (!row.lastCode) return // nothing arrived yet: the placeholder stays
    const show = this.shows(row)
    row.code.data = show ? groupCode(row.lastCode) : masked(row.lastCode)
    if (row.lastNext) row.next.data = show ? groupCode(row.lastNext) : masked(row.lastNext)
  }

  private reveal(row: Row): void {
    clearTimeout(row.revealTimer)
    row.revealed = true
    row.el.classList.add('revealed')
    this.writeCodes(row)
    row.revealTimer = setTimeout(() => this.conceal(row), REVEAL_MS)
  }

  private conceal(row: Row): void {
    clearTimeout(row.revealTimer)
    row.revealTimer = undefined
    row.revealed = false
    row.el.classList.remove('revealed')
    this.writeCodes(row)
  }

  /** The visible rows in order. */
  private visible(): Row[] {
    return this.rows.filter((r) => !r.el.hidden)
  }

  /** Puts the keyboard focus on the first visible row (ArrowDown from the search box). */
  focusFirst(): boolean {
    const first = this.visible()[0]
    this.focusRow(first)
    return first !== undefined
  }

  /** The first visible account (Enter in the search box copies it). */
  firstVisible(): AccountSummary | undefined {
    return this.visible()[0]?.account
  }

  focusAccount(id: string): void {
    this.focusRow(this.byId.get(id))
  }

  private focusRow(row: Row | undefined): void {
    if (!row) return
    for (const r of this.rows) {
      // Roving tabindex: Tab reaches the list once; aria-selected tells screen readers which row is current.
      const current = r === row
      if (r.el.tabIndex !== (current ? 0 : -1)) r.el.tabIndex = current ? 0 : -1
      if ((r.el.getAttribute('aria-selected') === 'true') !== current)
        r.el.setAttribute('aria-selected', String(current))
    }
    row.el.focus()
    row.el.scrollIntoView({ block: 'nearest' })
  }

  private buildRow(account: AccountSummary): Row {
    const code = document.createTextNode('––– –––')
    const next = document.createTextNode('')
    const seconds = document.createTextNode('')
    const ring = h('span', { class: 'ring', 'aria-hidden': 'true' }, h('span', { class: 'ring-seconds' }, seconds))
    if (account.type === 'totp') ring.style.setProperty('--left', `var(--left-${account.period}, 1)`)
    const name = account.issuer || account.label
    const sub = account.issuer ? account.label : ''
    // Where the code belongs, small under the names; without a site, a quiet way to add one.
    const site =
      account.sites.length > 0
        ? h('span', { class: 'site', title: account.sites.join('\n') }, sitesShort(account.sites))
        : h(
            'button',
            {
              type: 'button',
              class: 'site-missing',
              tabindex: -1,
              'data-action': 'add-site',
              title: t('sites.noneTitle'),
            },
            t('sites.none'),
          )
    const pinLabel = t(account.pinned ? 'list.unpin' : 'list.pin')
    const actions = h(
      'span',
      { class: 'row-actions' },
      h('button', {
        type: 'button',
        class: 'icon pin',
        tabindex: -1,
        'data-action': 'pin',
        'aria-pressed': account.pinned ? 'true' : 'false',
        title: pinLabel,
        'aria-label': pinLabel,
      }),
      // Out of the Tab order: with a row focused, F2 edits and Delete removes.
      h('button', {
        type: 'button',
        class: 'icon edit',
        tabindex: -1,
        'data-action': 'edit',
        title: t('list.edit'),
        'aria-label': t('list.edit'),
      }),
      h('button', {
        type: 'button',
        class: 'icon delete',
        tabindex: -1,
        'data-action': 'delete',
        title: t('list.delete'),
        'aria-label': t('list.delete'),
      }),
    )
    const el = h(
      'li',
      {
        class: `account ${account.type}`,
        role: 'row',
        tabindex: -1,
        draggable: this.reorderable ? 'true' : undefined,
        'data-id': account.id,
        title: account.type === 'totp' ? t('list.copyHint') : undefined,
      },
      h('span', { class: 'grip', 'aria-hidden': 'true' }),
      serviceIcon(account),
      h(
        'span',
        { class: 'names', role: 'gridcell' },
        h(
          'span',
          { class: 'issuer' },
          account.pinned && h('span', { class: 'pin-mark', role: 'img', 'aria-label': t('list.pinned') }, '★'),
          name,
        ),
        sub && h('span', { class: 'label' }, sub),
        site,
        actions,
      ),
      h(
        'span',
        { class: 'codes', role: 'gridcell' },
        h('span', { class: 'code', 'data-action': 'copy' }, code),
        account.type === 'totp'
          ? h(
              'span',
              // Shown in the last seconds; a click (or Shift+Enter on the row) copies it.
              { class: 'next', 'data-action': 'copy-next', title: t('list.copyNextHint') },
              h('span', { class: 'next-label' }, t('list.next')),
              ' ',
              next,
            )
          : h('span', { class: 'counter' }, t('list.hotpCounter', { counter: account.counter })),
      ),
      account.type === 'totp'
        ? ring
        : h(
            'span',
            { class: 'hotp-cell', role: 'gridcell' },
            h('button', {
              type: 'button',
              class: 'icon hotp',
              tabindex: -1,
              'data-action': 'hotp',
              title: t('list.hotpGenerate'),
              'aria-label': t('list.hotpGenerate'),
            }),
          ),
    )
    return {
      account,
      el,
      code,
      next,
      seconds,
      ring,
      haystack: fold(`${account.issuer} ${account.label} ${account.sites.join(' ')} ${(account.tags ?? []).join(' ')}`),
      lastCode: '',
      lastNext: '',
      lastSeconds: -1,
      showingNext: false,
      revealed: false,
      revealTimer: undefined,
    }
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
    if (row.account.type === 'totp' || row.el.classList.contains('generated')) this.actions.copy(row.account)
    else this.actions.nextHotp(row.account)
  }

  private onKey(e: KeyboardEvent): void {
    const row = this.rowOf(e.target)
    if (!row || (e.target as Element).closest('button')) return
    const visible = this.visible()
    const at = visible.indexOf(row)
    const index = this.rows.indexOf(row)
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
    else if (e.key === 'End') this.focusRow(visible[visible.length - 1])
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
    this.dragId = row.account.id
    e.dataTransfer.effectAllowed = 'move'
    e.dataTransfer.setData('application/x-warifu-account', row.account.id)
    row.el.classList.add('dragging')
  }

  private onDragOver(e: DragEvent): void {
    if (this.dragId === undefined) return
    const row = this.rowOf(e.target)
    if (!row) return
    e.preventDefault()
    for (const r of this.rows) r.el.classList.toggle('drop-target', r === row && r.account.id !== this.dragId)
  }

  private onDrop(e: DragEvent): void {
    const dragged = this.dragId ? this.byId.get(this.dragId) : undefined
    const target = this.rowOf(e.target)
    this.endDrag()
    if (!dragged || !target || dragged === target) return
    e.preventDefault()
    e.stopPropagation()
    this.actions.move(dragged.account, this.rows.indexOf(target))
  }

  private endDrag(): void {
    this.dragId = undefined
    for (const r of this.rows) r.el.classList.remove('dragging', 'drop-target')
  }
}
