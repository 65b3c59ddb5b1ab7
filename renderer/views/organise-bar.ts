/**
 * The row above the list: tag chips (「すべて」 and each tag in use) that filter the list to one group,
 * and the order (manual, A–Z, recently used). It only arranges what the list is given; pins, tags and
 * the saved order live in main.
 */
import { allTags, sortAccounts, SORT_ORDERS, storedIndexFor, withTag, type SortOrder } from '../../shared/organise'
import type { AccountSummary } from '../../shared/types'
import { api, errorCode } from '../api'
import { h } from '../components/dom'
import { toast } from '../components/toast'
import { errorText, t } from '../i18n'

export class OrganiseBar {
  sort: SortOrder = 'manual'
  /** The chosen tag; null for 「すべて」. */
  tag: string | null = null

  constructor(
    private readonly changed: {
      /** The chosen tag changed: the list is to be arranged again. */
      arrange(): void
      /** The order changed: the accounts are to be read again (each copy moved its last use) and arranged. */
      reload(): Promise<void>
    },
  ) {}

  /** The accounts as the list shows them: ordered (pinned first), then only the chosen tag's. */
  arrange(accounts: readonly AccountSummary[]): AccountSummary[] {
    // A tag nobody carries any more (renamed or removed meanwhile) falls back to all.
    if (this.tag !== null && !accounts.some((a) => a.tags?.includes(this.tag!))) this.tag = null
    return withTag(sortAccounts(accounts, this.sort), this.tag)
  }

  /** The bar for these accounts: chips only when some account has a tag. */
  render(accounts: readonly AccountSummary[]): HTMLElement {
    const tags = allTags(accounts)
    const chip = (tag: string | null) =>
      h(
        'button',
        {
          type: 'button',
          class: 'chip',
          'aria-pressed': String(this.tag === tag),
          'data-tag': tag ?? '',
          onclick: () => {
            this.tag = tag
            this.changed.arrange()
            // The bar was drawn again: the focus goes to the same chip in it.
            this.el()
              ?.querySelector<HTMLElement>(`.chip[data-tag="${CSS.escape(tag ?? '')}"]`)
              ?.focus()
          },
        },
        tag ?? t('tags.all'),
      )
    const sort = h(
      'select',
      { class: 'sort', 'aria-label': t('sort.label'), title: t('sort.label') },
      ...SORT_ORDERS.map((v) => h('option', { value: v, selected: v === this.sort }, t(`sort.${v}`))),
    )
    sort.addEventListener('change', () => {
      this.sort = sort.value as SortOrder
      // Saved for the next start; a failure only costs that (the list is arranged anyway).
      const bridge = api()
      void bridge['settings:set-sort'](this.sort).catch(() => undefined)
      void this.changed.reload().then(() => this.el()?.querySelector<HTMLSelectElement>('.sort')?.focus())
    })
    const bar = h(
      'div',
      { class: 'organise-bar' },
      tags.length > 0
        ? h('div', { class: 'chips', role: 'group', 'aria-label': t('tags.filter') }, chip(null), ...tags.map(chip))
        : h('span', { class: 'chips' }),
      sort,
    )
    this.current = bar
    return bar
  }

  /** The list index a move in the shown list means in the stored (manual) order. */
  storedIndex(accounts: readonly AccountSummary[], shownIndex: number): number {
    return storedIndexFor(accounts, this.arrange(accounts), shownIndex)
  }

  /** Pins or unpins an account in main; resolves true when it changed. */
  async togglePin(account: AccountSummary): Promise<boolean> {
    try {
      await api()['accounts:set-pinned'](account.id, !account.pinned)
      return true
    } catch (error) {
      toast(errorText(errorCode(error)), 'error')
      return false
    }
  }

  private current: HTMLElement | undefined

  private el(): HTMLElement | undefined {
    return this.current?.isConnected ? this.current : undefined
  }
}
