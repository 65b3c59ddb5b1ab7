/** Argument parsing shared by the commands, with usage errors as typed values. */
import { parseArgs, type ParseArgsConfig } from 'node:util'
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
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'Bad arguments.')
  }
}

/** Reads `--at` (Unix seconds, may have a fraction) as ms since the epoch. */
export function parseUnixSeconds(raw: string): number {
  if (!/^\d{1,12}(\.\d+)?$/.test(raw.trim()))
    throw new UsageError('--at takes a time in Unix seconds, like 1700000000.')
  return Math.floor(Number(raw) * 1000)
}
