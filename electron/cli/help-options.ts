/**
 * A command's options as its help text documents them. `--help` checks the other arguments
 * against these (so a README line with a stale flag fails), and the completion scripts offer them,
 * without running the command: some commands (browser-host) start work before reading options.
 */
import { UsageError } from '../../shared/errors'
import { unknownOptionMessage, type Options } from './args'
import type { Command } from './io'

/** One documented option; `choices` when the help lists its values (--format aegis|otpauth). */
export interface HelpOption {
  name: string
  takesValue: boolean
  choices?: string[]
}

/**
 * Every `--name` the help mentions. It takes a value when some mention is followed by `=`, an
 * upper-case or numeric example (--algorithm SHA1, --digits 6-10), a list of choices, or a
 * `<placeholder>` no usage line shows alone: in "warifu remove --forever <id>", <id> also stands
 * alone ("warifu remove <id>"), so --forever is a flag before the id.
 */
export function optionsInHelp(help: string): HelpOption[] {
  const usage = help.split('\n').filter((line) => /^\s*(\S+ \| )?warifu /.test(line))
  const standalone = new Set(usage.flatMap((line) => line.match(/(?<!--[a-z][a-z0-9-]*\s+)<[^>\s]+>/g) ?? []))
  const found = new Map<string, HelpOption>()
  const mention = /(?<![\w-])--([a-z][a-z0-9-]*)(?:(=|\s[A-Z0-9])|\s(<[^>\s]+>)|\s([a-z][\w-]*(?:\|[\w-]+)+))?/g
  for (const match of help.matchAll(mention)) {
    const name = match[1]!
    const option = found.get(name) ?? { name, takesValue: false }
    if (match[2] !== undefined || (match[3] !== undefined && !standalone.has(match[3]))) option.takesValue = true
    if (match[4] !== undefined) {
      option.takesValue = true
      option.choices = match[4].split('|')
    }
    found.set(name, option)
  }
  found.delete('help')
  return [...found.values()]
}

/** Refuses, as a usage error, an option the command's help does not document (checked with --help). */
export function checkHelpArgs(command: Command, args: string[]): void {
  const table: Options = {}
  for (const o of optionsInHelp(command.help)) table[o.name] = { type: o.takesValue ? 'string' : 'boolean' }
  table.help = { type: 'boolean', short: 'h' }
  for (const arg of args) {
    if (arg === '--') return
    if (!arg.startsWith('-') || arg === '-' || arg === '-h') continue
    // Only the name: "--password=hunter2" must not print its value.
    const name = arg.startsWith('--') ? arg.slice(2).split('=')[0]! : arg.slice(1)
    if (table[name] === undefined) throw new UsageError(unknownOptionMessage(arg.split('=')[0]!, table))
  }
}
