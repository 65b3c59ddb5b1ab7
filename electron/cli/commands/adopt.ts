/** `warifu orphans` and `warifu adopt`: give keychain secrets that lost their account their account back. */
import { UsageError } from '../../../shared/errors'
import { ACCOUNT_OPTIONS, ACCOUNT_OPTIONS_HELP, settingsFromOptions } from '../account-options'
import { parseCommandArgs } from '../args'
import type { Command } from '../io'
import { describeSettings } from './add'

export const orphansCommand: Command = {
  name: 'orphans',
  summary: 'List keychain secrets that no account uses',
  help: `Usage:
  warifu orphans

Lists the ids of keychain entries under Warifu's service that no account uses
(for example after the account file was restored from an old copy). Warifu
never deletes them on its own; "warifu adopt" gives one its account back.`,
  async run(args, io) {
    const { positionals } = parseCommandArgs(args, {})
    if (positionals.length > 0) throw new UsageError('orphans takes no arguments.')
    const ids = (await io.openVault()).orphanIds()
    if (ids.length === 0) io.out('No unused keychain entries.')
    for (const id of ids) io.out(id)
  },
}

export const adoptCommand: Command = {
  name: 'adopt',
  summary: 'Make an account again for a keychain secret that lost it',
  help: `Usage:
  warifu adopt <entry-id> ${ACCOUNT_OPTIONS_HELP}

Creates the account for an unused keychain entry (see "warifu orphans") with
the settings you give; the secret stays in the keychain. Prints the current
code so you can check it against the site.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, ACCOUNT_OPTIONS)
    // Everything that is required, in one line: the entry and a name for it.
    if (positionals.length !== 1)
      throw new UsageError(
        'adopt needs an entry id and a name: warifu adopt <entry-id> --issuer <name> and/or --label <name> ("warifu orphans" lists the ids).',
      )
    const settings = settingsFromOptions(values)
    const vault = await io.openVault()
    const account = await vault.adoptOrphan(positionals[0]!, settings)
    io.out(`Adopted ${describeSettings(settings)}`)
    if (account.type === 'totp') io.out(`Current code: ${vault.totp(account.id, io.now()).code}`)
    io.out(account.id)
  },
}
