/** Argument parsing shared by the commands, with usage errors as typed values in our own words. */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { mayHoldSecret } from '../../shared/echo'
import { UsageError } from '../../shared/errors'
import { suggestionFor } from './did-you-mean'

/** A command's option table, as node:util's parseArgs takes it. */
export type Options = NonNullable<ParseArgsConfig['options']>

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const

/**
 * Thrown by parseCommandArgs when the arguments asked for help and were otherwise valid: the
 * command stops before doing anything, and the CLI prints its help. Carries the option table, so
 * completion and the README check learn a command's real options from the command itself.
 */
export class HelpRequested extends Error {
  constructor(readonly options: Options | undefined) {
    super('help requested')
    this.name = 'HelpRequested'
  }
}

/**
 * Parses a command's arguments. Every complaint is a one-line UsageError (exit code 2) in our own
 * words, never node's parseArgs text (cut off, and it quotes arguments that may hold a secret).
 * `--help`/`-h` among valid arguments throws HelpRequested.
 */
export function parseCommandArgs<O extends Options>(args: string[], options: O) {
  const all = { ...options, ...HELP_OPTION }
  checkTokens(args, all)
  let parsed
  try {
    parsed = parseArgs({ args, options: all, allowPositionals: true, strict: true })
  } catch {
    // checkTokens refuses everything strict parsing refuses; this is only a safety net.
    throw new UsageError('These arguments do not parse; see --help.')
  }
  if ((parsed.values as { help?: unknown }).help === true) throw new HelpRequested(options)
  return parsed
}

/** Walks the arguments as parseArgs sees them and refuses the first bad one, naming it when safe. */
function checkTokens(args: string[], options: Options): void {
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true })
  for (const token of tokens) {
    if (token.kind !== 'option') continue
    const option = options[token.name]
    if (option === undefined) throw new UsageError(unknownOptionMessage(token.rawName, options))
    const shown = token.rawName
    if (option.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${shown} takes no value.`)
    } else if (token.value === undefined) {
      throw new UsageError(`${shown} needs a value: ${shown} <value>.`)
    } else if (!token.inlineValue && token.value.length > 1 && token.value.startsWith('-')) {
      // "--issuer --label x" is a forgotten value far more often than an issuer named "--label".
      throw new UsageError(`${shown} needs a value (write ${shown}=<value> for one that starts with "-").`)
    }
  }
}

/** "unknown option --key; did you mean --secret?", with the option name shown only when it cannot be a secret. */
export function unknownOptionMessage(rawName: string, options: Options): string {
  const name = rawName.replace(/^--?/, '')
  const known = Object.keys(options).filter((o) => o !== 'help')
  if (!/^[a-z][a-z0-9-]{0,30}$/i.test(name) || mayHoldSecret(name)) {
    return 'unknown option (not shown: it may hold a secret); see --help.'
  }
  if (/^(password|passwd|pass|pw|passphrase)$/i.test(name) && known.includes('password-file')) {
    return (
      `unknown option ${rawName}; a password is never taken as an argument (other users can see it): ` +
      'give --password-file <file>, or leave it out to be asked.'
    )
  }
  const suggestion = suggestionFor(name, known)
  if (suggestion !== undefined) return `unknown option ${rawName}; did you mean --${suggestion}?`
  if (known.length === 0) return `unknown option ${rawName}; this command takes no options.`
  if (known.length <= 6) return `unknown option ${rawName}; the options are ${known.map((o) => `--${o}`).join(', ')}.`
  return `unknown option ${rawName}; see --help for the options.`
}

/** Reads `--at` (Unix seconds, may have a fraction) as ms since the epoch. */
export function parseUnixSeconds(raw: string): number {
  if (!/^\d{1,12}(\.\d+)?$/.test(raw.trim()))
    throw new UsageError('--at takes a time in Unix seconds, like 1700000000.')
  return Math.floor(Number(raw) * 1000)
}
