/**
 * Entry point of the `warifu code` bundle: the command scripts run in a loop, so it starts with
 * only what `code` uses (no other command, no help machinery, no site checker). The launcher
 * sends every other command line, `code --help` included, to the full bundle (warifu.ts).
 */
import { HelpRequested } from './args'
import { codeCommand } from './commands/code'
import { EXIT_OK, reportFailure } from './failure'
import type { CliIo } from './io'
import { exitWith, realCliIo } from './real-io'

/** runCli's contract for one command: exit 0/1/2, and each error as one line on stderr. */
export async function runCodeCommand(args: string[], io: CliIo): Promise<number> {
  try {
    await codeCommand.run(args, io)
    return EXIT_OK
  } catch (error) {
    if (error instanceof HelpRequested) {
      io.out(codeCommand.help)
      return EXIT_OK
    }
    return reportFailure(error, io)
  }
}

// Only a counter-based code writes (its counter); the 'busy' message elsewhere names us then.
const { io, hasHungKeychainCall } = realCliIo('warifu code')
runCodeCommand(process.argv.slice(3), io).then(
  (code) => exitWith(code, hasHungKeychainCall),
  () => process.exit(1),
)
