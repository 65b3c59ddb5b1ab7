/** `warifu deleted` and `warifu restore`: what is in Recently deleted, and bringing it back. */
import { UsageError } from '../../../shared/errors'
import { TRASH_DAYS } from '../../../shared/types'
import type { Vault } from '../../vault/vault'
import { parseCommandArgs } from '../args'
import type { CliIo, Command } from '../io'

/** Prints Recently deleted: one line per account, or JSON (also `warifu list --deleted`). */
export function printDeleted(vault: Vault, io: CliIo, json: boolean): void {
  const deleted = vault.deleted(io.now())
  if (json) {
    io.out(JSON.stringify(deleted, null, 2))
    return
  }
  if (deleted.length === 0) {
    io.out('Recently deleted is empty.')
    return
  }
  for (const a of deleted) {
    const left = a.daysLeft === 1 ? '1 day left' : `${a.daysLeft} days left`
    io.out([a.id, a.issuer || '-', a.label || '-', `deleted ${a.deletedAt.slice(0, 10)}`, left].join('\t'))
  }
}

export const deletedCommand: Command = {
  name: 'deleted',
  summary: 'List accounts in Recently deleted (no secrets)',
  help: `Usage:
  warifu deleted [--json]

Lists removed accounts that can still be restored ("warifu restore"), with
the days left before each is deleted for good (${TRASH_DAYS} days after removal).
Same as "warifu list --deleted". --json adds deletedAt and daysLeft to the
fields of "warifu list --json". Secrets are never printed.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } })
    if (positionals.length > 0) throw new UsageError('deleted takes no arguments besides --json.')
    printDeleted(await io.openVault(), io, values.json === true)
  },
}

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Bring an account back from Recently deleted',
  help: `Usage:
  warifu restore <id-or-search>

Restores an account from Recently deleted ("warifu deleted" lists them) to
its old place in the list, with its secret. Takes an id, a unique id prefix,
or search text matching one deleted account's issuer or label.`,
  async run(args, io) {
    const { positionals } = parseCommandArgs(args, {})
    if (positionals.length !== 1) throw new UsageError('Name one account: warifu restore <id-or-search>.')
    const vault = await io.openVault()
    const account = vault.findDeleted(positionals[0]!)
    await vault.restore(account.id)
    io.out(`Restored ${[account.issuer, account.label].filter(Boolean).join(' / ') || account.id}`)
    io.out(account.id)
  },
}
