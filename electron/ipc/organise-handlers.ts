/**
 * Main process: organising the list (issue 11, item 5): pins, tags, the list's order, and the
 * last-used time that a copy records. Main cleans every tag itself; the page's list is only a request.
 */
import type { SortOrder } from '../../shared/organise'
import type { Vault } from '../vault/vault'
import type { Handlers } from './handlers'

type OrganiseChannel = 'accounts:set-pinned' | 'accounts:set-tags' | 'settings:set-sort'

export function createOrganiseHandlers(
  write: <T>(change: (v: Vault) => Promise<T>) => Promise<T>,
  settings: { setSort(sort: SortOrder): Promise<void> },
): Pick<Handlers, OrganiseChannel> {
  return {
    'accounts:set-pinned': (id, pinned) => write((v) => v.setPinned(id, pinned)),
    'accounts:set-tags': (id, tags) => write((v) => v.setTags(id, tags)),
    'settings:set-sort': (sort) => settings.setSort(sort),
  }
}

/**
 * After a code was copied: records the minute for the "recently used" order (one metadata write at
 * most, none within the same minute). Never fails the copy: the code is on the clipboard already, and
 * a vault busy with the CLI only costs this one mark.
 */
export async function recordUse(
  vault: () => Promise<Vault>,
  write: <T>(change: (v: Vault) => Promise<T>) => Promise<T>,
  id: string,
  nowMs: number,
): Promise<void> {
  try {
    const v = await vault()
    // Checked before write(): a copy in the same minute touches neither the file nor the lock.
    if (v.get(id).lastUsedAt === new Date(Math.floor(nowMs / 60_000) * 60_000).toISOString()) return
    await write((w) => w.markUsed(id, nowMs))
  } catch {
    // Deliberately quiet: see above.
  }
}
