/** Argument parsing shared by the commands, with usage errors as typed values. */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { mayHoldSecret } from '../../shared/echo'
import { UsageError } from '../../shared/errors'

type Options = NonNullable<ParseArgsConfig['options']>

/** parseArgs in strict mode; its complaints become UsageError (exit code 2). */
export function parseCommandArgs<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    })
  } catch (error) {
    throw new UsageError(usageMessage(error))
  }
}

/**
 * parseArgs quotes the offending argument ("Unknown option '--otpauth://...?secret'"): keep its
 * first line, and show a quoted argument only when it cannot hold a secret.
 */
function usageMessage(error: unknown): string {
  const first = (error instanceof Error ? error.message : '').split('\n')[0] || 'Bad arguments.'
  if ((error as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']*)'/.exec(first)?.[1] ?? ''
    return /^--?[a-z][a-z0-9-]{0,30}$/i.test(option) && !mayHoldSecret(option)
      ? `Unknown option ${option}.`
      : 'Unknown option (not shown: it may hold a secret).'
  }
  return first.replace(/(['"])([^'"]*)\1/g, (quoted, _q, inner: string) =>
    mayHoldSecret(inner) ? '(not shown)' : quoted,
  )
}

/** Reads `--at` (Unix seconds, may have a fraction) as ms since the epoch. */
export function parseUnixSeconds(raw: string): number {
  if (!/^\d{1,12}(\.\d+)?$/.test(raw.trim()))
    throw new UsageError('--at takes a time in Unix seconds, like 1700000000.')
  return Math.floor(Number(raw) * 1000)
}
