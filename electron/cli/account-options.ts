/** The options that describe an account by hand (`add --secret`, `adopt`), read into checked settings. */
import { UsageError } from '../../shared/errors'
import { parseAlgorithm, parseCounter, parseDigits, parsePeriod } from '../../shared/otp/account'
import type { OtpSettings } from '../vault/vault'

export const ACCOUNT_OPTIONS = {
  issuer: { type: 'string' },
  label: { type: 'string' },
  algorithm: { type: 'string' },
  digits: { type: 'string' },
  period: { type: 'string' },
  hotp: { type: 'boolean' },
  counter: { type: 'string' },
} as const

export const ACCOUNT_OPTIONS_HELP = `--issuer <name> --label <name>
             [--algorithm SHA1|SHA256|SHA512] [--digits 6-10] [--period <s>]
             [--hotp --counter <n>]`

type Values = {
  [K in keyof typeof ACCOUNT_OPTIONS]?: (typeof ACCOUNT_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string
}

/** Checked settings from the options; defaults are Google Authenticator's (SHA1, 6 digits, 30 s). */
export function settingsFromOptions(values: Values): OtpSettings {
  if (values.label === undefined && values.issuer === undefined) {
    throw new UsageError('Name the account with --issuer and/or --label.')
  }
  // A link pasted as a name would be printed back by "Added ..." and by every "warifu list".
  if (/otpauth|secret=/i.test(`${values.issuer ?? ''} ${values.label ?? ''}`)) {
    throw new UsageError('An account name cannot hold an otpauth link or a secret; give --issuer and --label.')
  }
  const common = {
    issuer: values.issuer ?? '',
    label: values.label ?? '',
    algorithm: parseAlgorithm(values.algorithm ?? 'SHA1'),
    digits: parseDigits(values.digits ?? '6'),
  }
  if (values.hotp) {
    if (values.period !== undefined) throw new UsageError('--period is for time-based accounts, not --hotp.')
    return { type: 'hotp', ...common, counter: parseCounter(values.counter ?? '0') }
  }
  if (values.counter !== undefined) throw new UsageError('--counter needs --hotp.')
  return { type: 'totp', ...common, period: parsePeriod(values.period ?? '30') }
}

/** True when any account option was given (a URI carries its own). */
export function hasAccountOptions(values: Values): boolean {
  return (Object.keys(ACCOUNT_OPTIONS) as (keyof Values)[]).some((k) => values[k] !== undefined)
}
