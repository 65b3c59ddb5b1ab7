/** The list's order and groups: pure functions the renderer (list, tag chips) and main (tray menu) share. */
import type { AccountSummary } from './types'

/** The list's order: as the user arranged it, A–Z by issuer then label, or most recently copied first. */
export type SortOrder = 'manual' | 'name' | 'recent'

/** Every order, for the settings store and the IPC parser. */
export const SORT_ORDERS: readonly SortOrder[] = ['manual', 'name', 'recent']

// Japanese collation: kana by reading order, kanji after, Latin letters case-insensitively.
const collator = new Intl.Collator('ja', { sensitivity: 'base', numeric: true })

/** A–Z: issuer then label; an account without an issuer sorts by its label. */
export function compareByName(a: AccountSummary, b: AccountSummary): number {
  return collator.compare(a.issuer || a.label, b.issuer || b.label) || collator.compare(a.label, b.label)
}

/**
 * The accounts in the order the list shows them: pinned ones first, each part in `order`.
 * Stable: equal accounts keep their manual order, and never-copied ones end "recent" in manual order.
 */
export function sortAccounts(accounts: readonly AccountSummary[], order: SortOrder): AccountSummary[] {
  const indexed = accounts.map((account, index) => ({ account, index }))
  indexed.sort((x, y) => {
    const pin = Number(!!y.account.pinned) - Number(!!x.account.pinned)
    if (pin !== 0) return pin
    if (order === 'name') return compareByName(x.account, y.account) || x.index - y.index
    if (order === 'recent') {
      const a = x.account.lastUsedAt ?? ''
      const b = y.account.lastUsedAt ?? ''
      // ISO times of one format compare as strings; '' (never copied) goes last.
      if (a !== b) return a < b ? 1 : -1
    }
    return x.index - y.index
  })
  return indexed.map((i) => i.account)
}

/** Every tag in use, each once, A–Z (the filter chips). */
export function allTags(accounts: readonly AccountSummary[]): string[] {
  const seen = new Set<string>()
  for (const a of accounts) for (const tag of a.tags ?? []) seen.add(tag)
  return [...seen].sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0))
}

/** The accounts carrying `tag`; all of them for null (「すべて」). */
export function withTag(accounts: readonly AccountSummary[], tag: string | null): AccountSummary[] {
  return tag === null ? [...accounts] : accounts.filter((a) => (a.tags ?? []).includes(tag))
}

/** The pinned accounts in the user's order (the tray menu). */
export function pinnedAccounts(accounts: readonly AccountSummary[]): AccountSummary[] {
  return accounts.filter((a) => a.pinned)
}

/**
 * Where a move in the shown list lands in the stored (manual) order: the stored place of the account
 * now shown at `shownIndex`. The list may show pinned accounts first, so the two indexes differ.
 */
export function storedIndexFor(
  stored: readonly AccountSummary[],
  shown: readonly AccountSummary[],
  shownIndex: number,
): number {
  const target = shown[Math.max(0, Math.min(shown.length - 1, shownIndex))]
  const at = target ? stored.findIndex((a) => a.id === target.id) : -1
  return at === -1 ? Math.max(0, shownIndex) : at
}
