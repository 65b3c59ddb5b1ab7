/** The `warifu` command line: dispatch, help, version, and errors as one line on stderr. */
import { mayHoldSecret } from '../../shared/echo'
import { COMMANDS } from './commands/index'
import { completeAccounts, completionCommand } from './completion'
import { suggestionFor } from './did-you-mean'
import { EXIT_ERROR, EXIT_OK, EXIT_USAGE, reportFailure } from './failure'
import { checkHelpArgs } from './help-options'
import { mainHelp, VERSION } from './help-text'
import type { CliIo, Command } from './io'
import { manPage } from './man-page'

export { EXIT_ERROR, EXIT_OK, EXIT_USAGE }

/** Every command `warifu --help` lists, in that order. */
export const ALL_COMMANDS: readonly Command[] = [...COMMANDS, completionCommand(() => ALL_COMMANDS)]

const VERSION_FLAGS = ['--version', '-V', '-v']

/** `"lsit"` when a mistyped word may be shown back (a pasted URI would carry its secret). */
function shownWord(word: string): string | undefined {
  return /^-{0,2}[a-z][a-z0-9-]{0,20}$/i.test(word) && !mayHoldSecret(word) ? word : undefined
}

/** `unknown command "lsit"; did you mean "list"? Run "warifu --help".` */
function unknownCommand(word: string, what = 'unknown command'): string {
  const shown = shownWord(word)
  if (shown === undefined) return `warifu: ${what}; run "warifu --help".`
  if (shown.startsWith('-')) return `warifu: unknown option ${shown}; run "warifu --help".`
  const names = ALL_COMMANDS.map((c) => c.name)
  const guess = suggestionFor(shown, names)
  return `warifu: ${what} "${shown}"${guess ? `; did you mean "${guess}"? Run` : '; run'} "warifu --help".`
}

/** Runs the command line and returns the exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined) {
    io.out(mainHelp(ALL_COMMANDS))
    return EXIT_USAGE
  }
  if (name === '--help' || name === '-h' || (name === 'help' && (rest.length === 0 || rest[0] === 'help'))) {
    io.out(mainHelp(ALL_COMMANDS))
    return EXIT_OK
  }
  if (VERSION_FLAGS.includes(name)) {
    io.out(`warifu ${VERSION}`)
    return EXIT_OK
  }
  // Hidden: the completion scripts' call-back, and the man page's source for the build.
  if (name === '__complete') {
    await completeAccounts(rest[0], io)
    return EXIT_OK
  }
  if (name === '__man') {
    io.out(manPage(ALL_COMMANDS))
    return EXIT_OK
  }
  if (name === 'help') {
    const topic = ALL_COMMANDS.find((c) => c.name === rest[0])
    if (!topic || rest.length > 1) {
      io.err(topic ? 'warifu: help takes one command: warifu help <command>.' : unknownCommand(rest[0]!, 'no command'))
      return EXIT_USAGE
    }
    io.out(topic.help)
    return EXIT_OK
  }
  const command = ALL_COMMANDS.find((c) => c.name === name)
  if (!command) {
    io.err(unknownCommand(name))
    return EXIT_USAGE
  }
  const wantsHelp = rest.includes('--help') || rest.includes('-h')
  try {
    if (wantsHelp) {
      // The other options are checked against the help, so "warifu add --key x --help" names --key.
      checkHelpArgs(command, rest)
      io.out(command.help)
      return EXIT_OK
    }
    const code = await command.run(rest, io)
    return typeof code === 'number' ? code : EXIT_OK
  } catch (error) {
    return reportFailure(error, io)
  }
}
