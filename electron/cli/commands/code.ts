/** `warifu code`: a code for a URI (no vault) or for a saved account. */
import { UsageError } from '../../../shared/errors'
import { totpCode } from '../../../shared/otp/codes'
import { hotpCode } from '../../../shared/otp/codes'
import { parseOtpUri } from '../../../shared/otp/uri'
import { parseCommandArgs, parseUnixSeconds } from '../args'
import type { AccountSummary } from '../../../shared/types'
import type { Command } from '../io'

/** Where the code belongs, or how to say so: a typed-in code protects nothing on a fake site. */
export function siteReminder(account: Pick<AccountSummary, 'id' | 'sites'>): string {
  return account.sites.length > 0
    ? `Enter only at ${account.sites.join(', ')}`
    : `No site set: warifu site add ${account.id} <domain>`
}

export const codeCommand: Command = {
  name: 'code',
  summary: 'Print the current code of an account, or of an otpauth URI',
  help: `Usage:
  warifu code <id-or-search> [--at <unix-seconds>]
  warifu code --uri <otpauth-uri> [--at <unix-seconds>]

With an account id, id prefix or search text: prints the current code and the
seconds it has left (a counter-based account's next code; its counter is saved
first). With --uri: prints only the code for that URI at that time (now by
default); no vault is read. Use --uri - to read the URI from standard input.

When standard output is a terminal, the account's sites follow on standard
error ("Enter only at monex.co.jp"): type the code there and nowhere else.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { uri: { type: 'string' }, at: { type: 'string' } })
    if (values.uri !== undefined) {
      if (positionals.length > 0) throw new UsageError('Give either --uri or an account, not both.')
      const uri = values.uri === '-' ? (await io.readStdin()).trim() : values.uri
      const params = parseOtpUri(uri)
      const nowMs = values.at === undefined ? io.now() : parseUnixSeconds(values.at)
      io.out(params.type === 'totp' ? totpCode(params, nowMs).code : hotpCode(params, params.counter))
      return
    }
    if (positionals.length !== 1) throw new UsageError('Name one account: warifu code <id-or-search>.')
    const nowMs = values.at === undefined ? io.now() : parseUnixSeconds(values.at)
    const vault = await io.openVault()
    const account = vault.find(positionals[0]!)
    // For the person at the terminal, on stderr: a script reading the code from a pipe sees no change.
    if (io.stdoutIsTerminal === true) io.err(siteReminder(account))
    if (account.type === 'hotp') {
      if (values.at !== undefined) throw new UsageError('--at is for time-based accounts.')
      const { code, counter } = await vault.nextHotp(account.id)
      io.out(`${code}  (counter ${counter})`)
    } else {
      const { code, secondsLeft } = vault.totp(account.id, nowMs)
      io.out(`${code}  (${secondsLeft}s left)`)
    }
  },
}
