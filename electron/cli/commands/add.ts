/** `warifu add`: save an account from an otpauth URI or from a typed setup key. */
import { UsageError } from '../../../shared/errors'
import { parseAlgorithm, parseCounter, parseDigits, parsePeriod, type OtpParams } from '../../../shared/otp/account'
import { normalizeSecret } from '../../../shared/otp/secret'
import { parseOtpUri } from '../../../shared/otp/uri'
import { parseCommandArgs } from '../args'
import type { Command } from '../io'

function describe(p: OtpParams): string {
  const name = [p.issuer, p.label].filter(Boolean).join(' / ') || '(no name)'
  const timing = p.type === 'totp' ? `every ${p.period} s` : `counter ${p.counter}`
  return `${name}: ${p.algorithm}, ${p.digits} digits, ${timing}`
}

export const addCommand: Command = {
  name: 'add',
  summary: 'Save an account (otpauth URI or setup key) to the vault',
  help: `Usage:
  warifu add <otpauth-uri>          (use - to read the URI from standard input)
  warifu add --secret <base32|-> --issuer <name> --label <name>
             [--algorithm SHA1|SHA256|SHA512] [--digits 6-10] [--period <s>]
             [--hotp --counter <n>]

Prints the new account's id as the last line. A secret or URI given on the
command line is visible to other users' process lists and kept in shell
history: prefer "--secret -" or "add -" and type or pipe it in.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      secret: { type: 'string' },
      issuer: { type: 'string' },
      label: { type: 'string' },
      algorithm: { type: 'string' },
      digits: { type: 'string' },
      period: { type: 'string' },
      hotp: { type: 'boolean' },
      counter: { type: 'string' },
    })
    let params: OtpParams
    if (values.secret === undefined) {
      if (positionals.length !== 1) throw new UsageError('Give one otpauth URI, or --secret with --issuer and --label.')
      const byKey = ['issuer', 'label', 'algorithm', 'digits', 'period', 'hotp', 'counter'] as const
      if (byKey.some((k) => values[k] !== undefined))
        throw new UsageError('A URI carries its own settings; drop the other options.')
      params = parseOtpUri(positionals[0] === '-' ? (await io.readStdin()).trim() : positionals[0]!)
    } else {
      if (positionals.length > 0) throw new UsageError('Give either a URI or --secret, not both.')
      if (values.label === undefined && values.issuer === undefined)
        throw new UsageError('Name the account with --issuer and/or --label.')
      const secret = normalizeSecret(values.secret === '-' ? await io.readStdin() : values.secret)
      const common = {
        secret,
        issuer: values.issuer ?? '',
        label: values.label ?? '',
        algorithm: parseAlgorithm(values.algorithm ?? 'SHA1'),
        digits: parseDigits(values.digits ?? '6'),
      }
      if (values.hotp) {
        if (values.period !== undefined) throw new UsageError('--period is for time-based accounts, not --hotp.')
        params = { type: 'hotp', ...common, counter: parseCounter(values.counter ?? '0') }
      } else {
        if (values.counter !== undefined) throw new UsageError('--counter needs --hotp.')
        params = { type: 'totp', ...common, period: parsePeriod(values.period ?? '30') }
      }
    }
    const vault = await io.openVault()
    const duplicates = vault.duplicatesOf(params)
    if (duplicates.length > 0) {
      io.err(
        `warifu: warning: the same account is already saved as ${duplicates.map((d) => d.id).join(', ')}; adding it again.`,
      )
    }
    const account = await vault.add(params)
    io.out(`Added ${describe(params)}`)
    io.out(account.id)
  },
}
