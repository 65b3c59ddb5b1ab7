/**
 * Main process: the "Recently deleted" channels, and the one gate every confirmed action passes.
 * Restoring needs no confirmation (it loses nothing); deleting for good does, in main's own dialog.
 */
import { NotConfirmedError } from '../../shared/errors'
import type { Confirm, ConfirmKind } from '../app/native-confirm'
import type { Vault } from '../vault/vault'
import type { Handlers } from './handlers'

type TrashChannel = 'accounts:deleted' | 'accounts:restore' | 'accounts:delete-forever'

/** Asks main's own dialog; a no (or a dialog that failed) throws NOT_CONFIRMED before anything changes. */
export async function confirmOrRefuse(
  confirm: Confirm,
  kind: ConfirmKind,
  accounts: { issuer: string; label: string }[],
): Promise<void> {
  const names = accounts.map(({ issuer, label }) => ({ issuer, label }))
  // A dialog that failed to show is a no, like Cancel.
  const yes = await confirm({ kind, accounts: names }).catch(() => false)
  if (yes !== true) {
    throw new NotConfirmedError('Not confirmed in Warifu’s own dialog; nothing was shown or changed.')
  }
}

export function createTrashHandlers(
  confirm: Confirm,
  vault: () => Promise<Vault>,
  write: <T>(change: (v: Vault) => Promise<T>) => Promise<T>,
): Pick<Handlers, TrashChannel> {
  return {
    'accounts:deleted': async () => (await vault()).deleted(),

    'accounts:restore': (id) =>
      write(async (v) => {
        await v.restore(id)
        return v.list()
      }),

    'accounts:delete-forever': (id) =>
      write(async (v) => {
        const account = v.deleted().find((a) => a.id === id)
        // Unknown ids fail as the vault says, before the user is asked anything.
        if (account) await confirmOrRefuse(confirm, 'delete-forever', [account])
        await v.purge(id)
        return v.deleted()
      }),
  }
}
