/** `warifu remove`: move an account to Recently deleted, or delete one there for good. */
import { displayName } from '../../../shared/accounts/display-name'
import { AccountNotFoundError, AmbiguousAccountError, UsageError } from '../../../shared/errors'
import { TRASH_DAYS } from '../../../shared/types'
import { parseCommandArgs } from '../args'
import { cancelled, confirmAtTerminal } from '../confirm'
import type { Command } from '../io'

const named = (a: { issuer: string; label: string; id: string }) =>
  [a.issuer, a.label].filter(Boolean).join(' / ') || a.id

// The same error and exit status as `warifu code <unknown>` (ACCOUNT_NOT_FOUND, 1): a script
// checking for "no such account" needs one answer whichever command it ran.
const notFound = (forever: boolean | undefined) =>
  new AccountNotFoundError(
    forever
      ? 'Nothing in Recently deleted has that id ("warifu deleted" lists them).'
      : 'No account has that id ("warifu list" lists them).',
  )

export const removeCommand: Command = {
  name: 'remove',
  summary: 'Move an account to Recently deleted (--forever: delete it for good)',
  help: `Usage:
  warifu remove <id> [--yes]
  warifu remove --forever <id> [--yes]

Takes the account's id (or a unique prefix of at least 4 characters), as
"warifu list" prints it; search text is not accepted here, so a typo cannot
delete the wrong account.

At a terminal it asks first ("Move "Monex (hanako)" to Recently deleted?
[y/N]"); --yes answers yes. Without a terminal (a script) it does not ask.
Answering no, or Ctrl+C, changes nothing and exits 1 ("Cancelled.").

The account moves to Recently deleted: its secret stays in the keychain, it
leaves the list, codes and exports, and "warifu restore <id>" brings it back
for ${TRASH_DAYS} days. After that it is deleted for good.

--forever deletes an account that is already in Recently deleted ("warifu
deleted" lists them) for good, its secret included. That cannot be undone:
make sure you can sign in another way first.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { forever: { type: 'boolean' }, yes: { type: 'boolean' } })
    if (positionals.length !== 1) throw new UsageError('Name one account id: warifu remove <id>.')
    const query = positionals[0]!
    // Search text (or a pasted link) is no id: the same not-found answer, never echoed back.
    if (!/^[0-9a-f]{4,16}$/.test(query)) throw notFound(values.forever)
    const vault = await io.openVault()
    const pool = values.forever ? vault.deleted(io.now()) : vault.list()
    const matches = pool.filter((a) => a.id.startsWith(query))
    if (matches.length > 1) throw new AmbiguousAccountError('That id prefix matches several accounts; give more of it.')
    if (matches.length === 0) {
      // Only what is already in Recently deleted: a live account takes two deliberate steps.
      if (values.forever && vault.list().some((a) => a.id.startsWith(query)))
        throw new UsageError('That account is not in Recently deleted: run "warifu remove <id>" first.')
      throw notFound(values.forever)
    }
    const account = matches[0]!
    // Asked before any lock is taken: another Warifu is never kept waiting on a person.
    // Without a terminal nothing is asked, as rm does not ask on a pipe: a script that names an
    // id means it, a removed account stays restorable for TRASH_DAYS days, and --forever only
    // reaches what was already removed in a separate step.
    const answer = values.yes
      ? true
      : await confirmAtTerminal(
          values.forever
            ? `Delete "${displayName(account, account.id)}" for good, secret included? This cannot be undone. [y/N] `
            : `Move "${displayName(account, account.id)}" to Recently deleted? [y/N] `,
        )
    if (answer === false) throw cancelled()
    if (values.forever) {
      await vault.purge(account.id)
      io.out(`Deleted ${named(account)} for good`)
      return
    }
    await vault.remove(account.id)
    io.out(`Moved ${named(account)} to Recently deleted`)
    io.out(`Undo within ${TRASH_DAYS} days: warifu restore ${account.id}`)
  },
}
