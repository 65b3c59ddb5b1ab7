/**
 * Main process: "Undo" on the scan result. The scan result saves at once (so a code typed into a setup
 * page always belongs to a saved account) and offers Undo for a moment. Undo deletes for good without a
 * dialog, which is safe only because main allows it for an account this app added in this session, less
 * than UNDO_ADD_MS ago: a page cannot use it to delete anything older, or anything the CLI added.
 */
import { AccountNotFoundError } from '../../shared/errors'
import type { Vault } from '../vault/vault'
import type { Handlers } from './handlers'

/** How long after saving a scanned account its Undo works (the scan result hides Undo then too). */
export const UNDO_ADD_MS = 30_000

/** The ids this session added from a scan, with when. */
export class RecentAdds {
  private readonly added = new Map<string, number>()

  record(id: string, atMs: number): void {
    this.added.set(id, atMs)
  }

  /** True (once) when `id` was added here within UNDO_ADD_MS of `nowMs`. */
  take(id: string, nowMs: number): boolean {
    const at = this.added.get(id)
    this.added.delete(id)
    for (const [other, when] of this.added) if (nowMs - when > UNDO_ADD_MS) this.added.delete(other)
    return at !== undefined && nowMs >= at && nowMs - at <= UNDO_ADD_MS
  }
}

export function createUndoAddHandler(
  recent: RecentAdds,
  now: () => number,
  write: <T>(change: (v: Vault) => Promise<T>) => Promise<T>,
): Pick<Handlers, 'accounts:undo-add'> {
  return {
    'accounts:undo-add': (id) =>
      write(async (v) => {
        if (!recent.take(id, now())) {
          throw new AccountNotFoundError('That account can no longer be undone; delete it from the list instead.')
        }
        // Through Recently deleted and out, the vault's crash-safe steps: a crash in between leaves it there.
        await v.remove(id)
        await v.purge(id)
        return v.list()
      }),
  }
}
