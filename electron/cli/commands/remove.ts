/** `warifu remove`: delete an account and its keychain entry. */
import { UsageError } from '../../../shared/errors'
import { parseCommandArgs } from '../args'
import type { Command } from '../io'

export const removeCommand: Command = {
  name: 'remove',
  summary: 'Delete an account and its secret',
  help: `Usage:
  warifu remove <id>

Takes the account's id (or a unique prefix of at least 4 characters), as
"warifu list" prints it; search text is not accepted here, so a typo cannot
delete the wrong account. The secret is deleted from the keychain: make a
backup first if you may need it again.`,
  async run(args, io) {
    const { positionals } = parseCommandArgs(args, {})
    if (positionals.length !== 1) throw new UsageError('Name one account id: warifu remove <id>.')
    const query = positionals[0]!
    if (!/^[0-9a-f]{4,16}$/.test(query)) throw new UsageError('remove takes an account id as "warifu list" prints it.')
    const vault = await io.openVault()
    const matches = vault.list().filter((a) => a.id.startsWith(query))
    if (matches.length !== 1) {
      throw new UsageError(
        matches.length === 0 ? 'No account has that id.' : 'That id prefix matches several accounts; give more of it.',
      )
    }
    const account = matches[0]!
    await vault.remove(account.id)
    io.out(`Removed ${[account.issuer, account.label].filter(Boolean).join(' / ') || account.id}`)
  },
}
