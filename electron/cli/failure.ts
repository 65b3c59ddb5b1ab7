/** The exit codes, and how a failed command is told on stderr; shared by both `warifu` bundles. */
import { AppError, UsageError } from '../../shared/errors'
import type { CliIo } from './io'

export const EXIT_OK = 0
export const EXIT_ERROR = 1
export const EXIT_USAGE = 2

/** Writes `error` as one line on stderr and returns the exit code it means. */
export function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof AppError) {
    // Messages of AppErrors are written never to hold a secret, URI or password.
    io.err(`warifu: ${error.message} [${error.code}]`)
    return error instanceof UsageError ? EXIT_USAGE : EXIT_ERROR
  }
  // Anything else may carry data we did not vet: print only its kind.
  const kind = error instanceof Error ? error.name : typeof error
  io.err(`warifu: unexpected ${kind}; set WARIFU_DEBUG=1 for details.`)
  if (process.env.WARIFU_DEBUG === '1') io.err(String((error as Error)?.stack ?? error))
  return EXIT_ERROR
}
