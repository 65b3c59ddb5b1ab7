/** `warifu add`: save an account from an otpauth URI or from a typed setup key. */
import { UsageError } from '../../../shared/errors'
import type { OtpParams } from '../../../shared/otp/account'
import type { OtpSettings } from '../../vault/vault'
import { normalizeSecret } from '../../../shared/otp/secret'
import { parseOtpUri } from '../../../shared/otp/uri'
import { suggestSites } from '../../../shared/sites/known-services'
import { normalizeSites } from '../../vault/sites'
import { ACCOUNT_OPTIONS, ACCOUNT_OPTIONS_HELP, hasAccountOptions, settingsFromOptions } from '../account-options'
import { parseCommandArgs } from '../args'
import type { Command } from '../io'

/** "Issuer / label: SHA1, 6 digits, every 30 s", for confirmations. */
export function describeSettings(p: OtpSettings): string {
  const name = [p.issuer, p.label].filter(Boolean).join(' / ') || '(no name)'
  const timing = p.type === 'totp' ? `every ${p.period} s` : `counter ${p.counter}`
  return `${name}: ${p.algorithm}, ${p.digits} digits, ${timing}`
}

export const addCommand: Command = {
  name: 'add',
  summary: 'Save an account (otpauth URI or setup key) to the vault',
  help: `Usage:
  warifu add <otpauth-uri> [--site <domain>]...   (- reads the URI from standard input)
  warifu add --secret <base32|-> ${ACCOUNT_OPTIONS_HELP}
             [--site <domain>]...

Prints the new account's id as the last line. --site (repeatable) saves the
sites where the codes belong (monex.co.jp; a web address gives its site).
Without it, a known service's site is suggested on standard error, with the
command that adds it; nothing is added unasked. A secret or URI given on the
command line is visible to other users' process lists and kept in shell
history: prefer "--secret -" or "add -" and type or pipe it in.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      secret: { type: 'string' },
      site: { type: 'string', multiple: true },
      ...ACCOUNT_OPTIONS,
    })
    // Checked before anything is read or saved (INVALID_SITE).
    const sites = normalizeSites(values.site ?? [])
    let params: OtpParams
    if (values.secret === undefined) {
      if (positionals.length !== 1) throw new UsageError('Give one otpauth URI, or --secret with --issuer and --label.')
      if (hasAccountOptions(values)) throw new UsageError('A URI carries its own settings; drop the other options.')
      params = parseOtpUri(positionals[0] === '-' ? (await io.readStdin()).trim() : positionals[0]!)
    } else {
      if (positionals.length > 0) throw new UsageError('Give either a URI or --secret, not both.')
      const settings = settingsFromOptions(values)
      const secret = normalizeSecret(values.secret === '-' ? await io.readStdin() : values.secret)
      params = { ...settings, secret }
    }
    const vault = await io.openVault()
    const duplicates = vault.duplicatesOf(params)
    if (duplicates.length > 0) {
      const ids = duplicates.map((d) => d.id).join(', ')
      io.err(`warifu: warning: the same account is already saved as ${ids}; adding it again.`)
    }
    const account = await vault.add(params, { sites })
    io.out(`Added ${describeSettings(params)}`)
    if (sites.length > 0) io.out(`Sites: ${sites.join(', ')}`)
    else {
      for (const site of suggestSites(account.issuer, account.label)) {
        io.err(`Suggested site: ${site} (add it with: warifu site add ${account.id} ${site})`)
      }
    }
    io.out(account.id)
  },
}
