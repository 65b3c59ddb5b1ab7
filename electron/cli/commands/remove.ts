/** `warifu remove`: move an account to Recently deleted, or delete one there for good. */
import { UsageError } from '../../../shared/errors'
import { TRASH_DAYS } from '../../../shared/types'
import { parseCommandArgs } from '../args'
import type { Command } from '../io'

const named = (a: { issuer: string; label: string; id: string }) =>
  [a.issuer, a.label].filter(Boolean).join(' / ') || a.id

export const removeCommand: Command = {
  name: 'remove',
  summary: 'Move an account to Recently deleted (--forever: delete it for good)',
  help: `Usage:
  warifu remove <id>
  warifu remove --forever <id>

Takes the account's id (or a unique prefix of at least 4 characters), as
"warifu list" prints it; search text is not accepted here, so a typo cannot
delete the wrong account.

The account moves to Recently deleted: its secret stays in the keychain, it
leaves the list, codes and exports, and "warifu restore <id>" brings it back
for ${TRASH_DAYS} days. After that it is deleted for good.

--forever deletes an account that is already in Recently deleted ("warifu
deleted" lists them) for good, its secret included. That cannot be undone:
make sure you can sign in another way first.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { forever: { type: 'boolean' } })
    if (positionals.length !== 1) throw new UsageError('Name one account id: warifu remove <id>.')
    const query = positionals[0]!
    if (!/^[0-9a-f]{4,16}$/.test(query)) throw new UsageError('remove takes an account id as "warifu list" prints it.')
    const vault = await io.openVault()
    if (values.forever) {
      const matches = vault.deleted(io.now()).filter((a) => a.id.startsWith(query))
      if (matches.length !== 1) {
        // Only what is already in Recently deleted: a live account takes two deliberate steps.
        const live = vault.list().some((a) => a.id.startsWith(query))
        throw new UsageError(
          matches.length > 1
            ? 'That id prefix matches several deleted accounts; give more of it.'
            : live
              ? 'That account is not in Recently deleted: run "warifu remove <id>" first.'
              : 'Nothing in Recently deleted has that id ("warifu deleted" lists them).',
        )
      }
      const account = matches[0]!
      await vault.purge(account.id)
      io.out(`Deleted ${named(account)} for good`)
      return
    }
    const matches = vault.list().filter((a) => a.id.startsWith(query))
    if (matches.length !== 1) {
      throw new UsageError(
        matches.length === 0 ? 'No account has that id.' : 'That id prefix matches several accounts; give more of it.',
      )
    }
    const account = matches[0]!
    await vault.remove(account.id)
    io.out(`Moved ${named(account)} to Recently deleted`)
    io.out(`Undo within ${TRASH_DAYS} days: warifu restore ${account.id}`)
  },
}
