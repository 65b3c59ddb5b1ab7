/** The tool's own help text, shared by `warifu --help` and the man page so the two never differ. */
import { version } from '../../package.json'
import type { Command } from './io'

/** package.json's version, bundled into the CLI at build time. */
export const VERSION: string = version

export const TOOL_SUMMARY = 'TOTP/HOTP codes with secrets kept in the OS keychain'

/** Each variable the tool reads, with what it does. */
export const ENVIRONMENT: readonly [name: string, meaning: string][] = [
  ['WARIFU_HOME', 'the data directory (vault.json); by default the desktop app\u2019s'],
  ['WARIFU_KEYCHAIN_SERVICE', 'the keychain service name (default warifu)'],
  ['WARIFU_DEBUG', 'set to 1 to print the details of an unexpected error'],
]

/** What the exit codes mean; a command may say more (warifu check). */
export const EXIT_STATUS: readonly [code: number, meaning: string][] = [
  [0, 'success'],
  [1, 'an error, or a question answered no'],
  [2, 'a usage error: an unknown command or option, a missing argument'],
]

/** The text of `warifu --help`. */
export function mainHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)
  const nameWidth = Math.max(...ENVIRONMENT.map(([name]) => name.length))
  const variables = ENVIRONMENT.map(([name, meaning]) => `  ${name.padEnd(nameWidth)}  ${meaning}`)
  const statuses = EXIT_STATUS.map(([code, meaning]) => `  ${code}  ${meaning}`)
  return `Warifu: ${TOOL_SUMMARY}.

Usage: warifu <command> [options]
       warifu help <command>     (or warifu <command> --help)
       warifu --version

Commands:
${lines.join('\n')}

Environment:
${variables.join('\n')}

Exit status:
${statuses.join('\n')}`
}
