/** warifu(1): the man page, written from the same help text the commands print. */
import { ENVIRONMENT, EXIT_STATUS, TOOL_SUMMARY, VERSION } from './help-text'
import type { Command } from './io'

/** Text as roff reads it: backslashes, leading dots/quotes, hyphens and non-ASCII escaped. */
export function roffText(text: string): string {
  return text
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .replace(/[^\x20-\x7e\n]/gu, (c) => `\\[u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`)
    .replace(/^([.'])/gm, '\\&$1')
}

/** A block shown as written (usage lines, aligned option lists). */
function verbatim(text: string): string {
  return ['.PP', '.nf', roffText(text), '.fi'].join('\n')
}

/** The whole page, roff with the man macros; no date, so a rebuild of the same text is the same file. */
export function manPage(commands: readonly Command[]): string {
  const sections = commands.map((c) =>
    [`.SS ${roffText(c.name)}`, roffText(c.summary) + '.', verbatim(c.help)].join('\n'),
  )
  return [
    `.TH WARIFU 1 "" "warifu ${roffText(VERSION)}" "User Commands"`,
    '.SH NAME',
    `warifu \\- ${roffText(TOOL_SUMMARY)}`,
    '.SH SYNOPSIS',
    '.B warifu',
    '.I command',
    '.RI [ options ]',
    '.br',
    '.B warifu help',
    '.I command',
    '.br',
    '.B warifu \\-\\-version',
    '.SH DESCRIPTION',
    roffText(
      'Warifu keeps each account\u2019s secret in the OS keychain and everything else (names, digits, ' +
        'period, sites) in vault.json in its data directory; the desktop app and this command share both. ' +
        'No command prints a secret unless it says so, and errors are one line on standard error ending ' +
        'in a stable code such as [KEYCHAIN_UNAVAILABLE].',
    ),
    '.PP',
    roffText('Run "warifu <command> --help" or "warifu help <command>" for the text of one command below.'),
    '.SH COMMANDS',
    ...sections,
    '.SH ENVIRONMENT',
    ...ENVIRONMENT.flatMap(([name, meaning]) => ['.TP', `.B ${roffText(name)}`, roffText(meaning) + '.']),
    '.SH EXIT STATUS',
    ...EXIT_STATUS.flatMap(([code, meaning]) => ['.TP', `.B ${code}`, roffText(meaning) + '.']),
    '.SH FILES',
    '.TP',
    '.I ~/.config/Warifu/vault.json',
    roffText(
      'The account list on Linux (~/Library/Application Support/Warifu on macOS, %APPDATA%\\Warifu on ' +
        'Windows). It never holds a secret.',
    ),
    '',
  ].join('\n')
}
