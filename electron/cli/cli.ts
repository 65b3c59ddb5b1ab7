/** The `warifu` command line: dispatch, help, and errors as one line on stderr. */
import { AppError, UsageError } from '../../shared/errors'
import { COMMANDS } from './commands/index'
import type { CliIo } from './io'

export const EXIT_OK = 0
export const EXIT_ERROR = 1
export const EXIT_USAGE = 2

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)
  return `Warifu: TOTP/HOTP codes with secrets kept in the OS keychain.

Usage: warifu <command> [options]

Commands:
${lines.join('\n')}

Run "warifu <command> --help" for a command's options.
Environment: WARIFU_HOME (data directory), WARIFU_KEYCHAIN_SERVICE (keychain service name).`
}

/** Runs the command line and returns the exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined
    io.out(topic ? topic.help : mainHelp())
    return name === undefined ? EXIT_USAGE : EXIT_OK
  }
  const command = COMMANDS.find((c) => c.name === name)
  if (!command) {
    // Echo only what looks like a command word: a pasted URI would carry its secret.
    const shown = /^[a-z][a-z-]{0,20}$/.test(name) ? ` "${name}"` : ''
    io.err(`warifu: unknown command${shown}; run "warifu --help".`)
    return EXIT_USAGE
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help)
    return EXIT_OK
  }
  try {
    const code = await command.run(rest, io)
    return typeof code === 'number' ? code : EXIT_OK
  } catch (error) {
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
}
