/**
 * Entry point of the `warifu code` bundle: the command scripts run in a loop, so it starts with
 * only what `code` uses (no other command, no help machinery, no site checker). The launcher
 * sends every other command line, `code --help` included, to the full bundle (warifu.ts).
 */
import { AppError, UsageError } from '../../shared/errors'
import { HelpRequested } from './args'
import { codeCommand } from './commands/code'
import type { CliIo } from './io'
import { exitWith, realCliIo } from './real-io'

/** runCli's contract for one command: exit 0/1/2, and each error as one line on stderr. */
export async function runCodeCommand(args: string[], io: CliIo): Promise<number> {
  try {
    await codeCommand.run(args, io)
    return 0
  } catch (error) {
    if (error instanceof HelpRequested) {
      io.out(codeCommand.help)
      return 0
    }
    if (error instanceof AppError) {
      // Messages of AppErrors are written never to hold a secret, URI or password.
      io.err(`warifu: ${error.message} [${error.code}]`)
      return error instanceof UsageError ? 2 : 1
    }
    // Anything else may carry data we did not vet: print only its kind.
    const kind = error instanceof Error ? error.name : typeof error
    io.err(`warifu: unexpected ${kind}; set WARIFU_DEBUG=1 for details.`)
    if (process.env.WARIFU_DEBUG === '1') io.err(String((error as Error)?.stack ?? error))
    return 1
  }
}

// Only a counter-based code writes (its counter); the 'busy' message elsewhere names us then.
const { io, hasHungKeychainCall } = realCliIo('warifu code')
runCodeCommand(process.argv.slice(3), io).then(
  (code) => exitWith(code, hasHungKeychainCall),
  () => process.exit(1),
)
