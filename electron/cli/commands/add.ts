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
import { duplicateError, runImport } from './import'
import { readSecretInput } from './password'

/** "Issuer / label: SHA1, 6 digits, every 30 s", for confirmations. */
export function describeSettings(p: OtpSettings): string {
  const name = [p.issuer, p.label].filter(Boolean).join(' / ') || '(no name)'
  const timing = p.type === 'totp' ? `every ${p.period} s` : `counter ${p.counter}`
  return `${name}: ${p.algorithm}, ${p.digits} digits, ${timing}`
}

/**
 * True for text that holds more than one account's worth: a Google Authenticator export
 * (otpauth-migration://) or several lines of links, as `warifu scan` prints them. Such text is
 * imported (with import's preview), not parsed as one otpauth link.
 */
export function isExportText(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '')
  return lines.length > 1 || lines.some((l) => /^\s*otpauth-migration:\/\//i.test(l))
}

export const addCommand: Command = {
  name: 'add',
  summary: 'Save an account (otpauth URI or setup key) to the vault',
  help: `Usage:
  warifu add <otpauth-uri> [--site <domain>]... [--allow-duplicate]
  warifu add <otpauth-migration-uri> [--allow-duplicate]
  warifu add --secret <base32|-> ${ACCOUNT_OPTIONS_HELP}
             [--site <domain>]... [--allow-duplicate]
  <command> | warifu add - [--allow-duplicate]

Prints the new account's id as the last line. --site (repeatable) saves the
sites where the codes belong (monex.co.jp; a web address gives its site).
Without it, a known service's site is suggested on standard error, with the
command that adds it; nothing is added unasked. A secret or URI given on the
command line is visible to other users' process lists and kept in shell
history: prefer "--secret -" or "add -" and type or pipe it in. At a terminal
"-" asks for it without showing what you type; from a pipe it reads to the end.
A Google Authenticator export (otpauth-migration://, or several links, as
"warifu scan export.png | warifu add -" gives) is imported with the preview
"warifu import" shows, and the new ids are printed last. An account saved
already (same key, issuer and label) is refused unless --allow-duplicate.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      secret: { type: 'string' },
      site: { type: 'string', multiple: true },
      'allow-duplicate': { type: 'boolean' },
      ...ACCOUNT_OPTIONS,
    })
    const allowDuplicate = values['allow-duplicate'] === true
    // Checked before anything is read or saved (INVALID_SITE).
    const sites = normalizeSites(values.site ?? [])
    let params: OtpParams
    if (values.secret === undefined) {
      if (positionals.length !== 1) throw new UsageError('Give one otpauth URI, or --secret with --issuer and --label.')
      if (hasAccountOptions(values)) throw new UsageError('A URI carries its own settings; drop the other options.')
      const text = positionals[0] === '-' ? await readSecretInput(io, 'otpauth link: ') : positionals[0]!
      if (isExportText(text)) {
        if (sites.length > 0)
          throw new UsageError('--site is for one account; add sites after with "warifu site add <id> <domain>".')
        const vault = await io.openVault()
        const added = await runImport(io, vault, {
          sources: [{ kind: 'text', text, name: positionals[0] === '-' ? 'standard input' : 'that link' }],
          yes: true,
          allowDuplicates: allowDuplicate,
          nothingIsAnError: true,
        })
        for (const account of added) io.out(account.id)
        return
      }
      params = parseOtpUri(text.trim())
      // An account with no name could be found again only by its id (the app asks for a name instead).
      if (params.issuer.trim() === '' && params.label.trim() === '')
        throw new UsageError(
          'That link names no account; give its setup key with --secret and a name with --issuer and/or --label.',
        )
    } else {
      if (positionals.length > 0) throw new UsageError('Give either a URI or --secret, not both.')
      const settings = settingsFromOptions(values)
      const secret = normalizeSecret(values.secret === '-' ? await readSecretInput(io, 'Setup key: ') : values.secret)
      params = { ...settings, secret }
    }
    const vault = await io.openVault()
    const duplicates = vault.duplicatesOf(params)
    if (duplicates.length > 0) {
      if (!allowDuplicate) throw duplicateError(duplicates[0]!)
      io.err(`warifu: note: saved again; the same account is also saved as ${duplicates.map((d) => d.id).join(', ')}.`)
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
