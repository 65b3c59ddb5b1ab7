/**
 * `warifu completion bash|zsh|fish` (a completion script) and the hidden `warifu __complete` the
 * scripts call back for account ids and names. The scripts offer the options each command's help
 * documents, so a documented new option completes without touching this file.
 */
import { join } from 'node:path'
import { UsageError } from '../../shared/errors'
import { parseCommandArgs } from './args'
import { optionsInHelp, type HelpOption } from './help-options'
import type { CliIo, Command } from './io'
import { readMetadata } from '../vault/metadata'
import { dataDir, METADATA_FILE } from '../vault/paths'

const SHELLS = ['bash', 'zsh', 'fish'] as const
type Shell = (typeof SHELLS)[number]

/** What a command's next plain word is: live accounts, deleted ones, fixed words, or files. */
type Words = { accounts: 'accounts' | 'deleted'; names: boolean } | { fixed: readonly string[] } | 'files'

/** One command as the scripts see it. */
interface CommandSpec {
  name: string
  summary: string
  options: HelpOption[]
  words: Words
  /** `site add <account>`: the first word is an action, accounts come after it. */
  actions?: readonly string[]
}

/** Which plain words each command takes; anything not named here completes file names. */
function wordsOf(name: string, commandNames: readonly string[]): Pick<CommandSpec, 'words' | 'actions'> {
  switch (name) {
    case 'code':
      return { words: { accounts: 'accounts', names: true } }
    case 'remove':
      // remove takes an id, never a search (a mistyped name must not pick an account to delete).
      return { words: { accounts: 'accounts', names: false } }
    case 'restore':
      return { words: { accounts: 'deleted', names: true } }
    case 'site':
      return { words: { accounts: 'accounts', names: true }, actions: ['add', 'remove', 'list'] }
    case 'completion':
      return { words: { fixed: SHELLS } }
    case 'browser':
      return { words: { fixed: ['install', 'uninstall'] } }
    case 'help':
      return { words: { fixed: commandNames } }
    default:
      return { words: 'files' }
  }
}

function specsOf(commands: readonly Command[]): CommandSpec[] {
  const names = [...commands.map((c) => c.name), 'help']
  const specs: CommandSpec[] = []
  for (const command of commands) {
    const options = [...optionsInHelp(command.help), { name: 'help', takesValue: false }]
    specs.push({ name: command.name, summary: command.summary, options, ...wordsOf(command.name, names) })
  }
  specs.push({ name: 'help', summary: 'Show the help of a command', options: [], ...wordsOf('help', names) })
  return specs
}

/** The `warifu completion` command; `commands` is every command it completes. */
export function completionCommand(commands: () => readonly Command[]): Command {
  return {
    name: 'completion',
    summary: 'Print a shell completion script (bash, zsh or fish)',
    help: `Usage:
  warifu completion bash|zsh|fish

Prints a script that completes warifu's commands, their options, and account
ids and names (for code, remove, restore and site). Load it from your shell's
start-up file:
  bash (~/.bashrc):                  source <(warifu completion bash)
  zsh (~/.zshrc, after compinit):    source <(warifu completion zsh)
  fish:  warifu completion fish > ~/.config/fish/completions/warifu.fish

Completing account names reads only the account list (vault.json), never the
keychain: it stays quick and silent while the keychain is locked, and never
sees a secret.`,
    run(args, io) {
      const { positionals } = parseCommandArgs(args, {})
      const shell = positionals[0]
      if (positionals.length !== 1 || !SHELLS.includes(shell as Shell)) {
        throw new UsageError('Name one shell: warifu completion bash|zsh|fish.')
      }
      io.out(SCRIPTS[shell as Shell](specsOf(commands())))
      return Promise.resolve()
    },
  }
}

/**
 * `warifu __complete accounts|deleted`: "id<TAB>issuer / label" a line. Reads vault.json alone (no
 * keychain, no lock), and prints nothing at all on any trouble: a completion must never get in
 * the way of the line being typed.
 */
export async function completeAccounts(kind: string | undefined, io: Pick<CliIo, 'out'>, env = process.env) {
  if (kind !== 'accounts' && kind !== 'deleted') return
  let accounts
  try {
    accounts = (await readMetadata(join(dataDir(env), METADATA_FILE))).accounts
  } catch {
    return
  }
  for (const a of accounts) {
    if (a.pending !== undefined || (a.deletedAt !== undefined) !== (kind === 'deleted')) continue
    // Names are stored without control characters; a tab or newline could still split a line.
    const name = [a.issuer, a.label]
      .filter(Boolean)
      .join(' / ')
      .replace(/[\t\r\n]/g, ' ')
    io.out(name ? `${a.id}\t${name}` : a.id)
  }
}

const SCRIPTS: Record<Shell, (specs: CommandSpec[]) => string> = { bash: bashScript, zsh: zshScript, fish: fishScript }

function valueOptions(spec: CommandSpec): string[] {
  return spec.options.filter((o) => o.takesValue).map((o) => `--${o.name}`)
}

function bashScript(specs: CommandSpec[]): string {
  const arms = specs.map((spec) => {
    const options = spec.options.map((o) => `--${o.name}`).join(' ')
    const values = valueOptions(spec)
    let words: string
    if (spec.words === 'files') words = ''
    else if ('fixed' in spec.words) words = `COMPREPLY=($(compgen -W "${spec.words.fixed.join(' ')}" -- "$cur"))`
    else {
      const call = `_warifu_accounts ${spec.words.accounts} ${spec.words.names ? 'names' : 'ids'}`
      words = spec.actions
        ? `if ((plain == 0)); then COMPREPLY=($(compgen -W "${spec.actions.join(' ')}" -- "$cur")); ` +
          `elif ((plain == 1)); then ${call}; fi`
        : `((plain == 0)) && ${call}`
    }
    return [
      `    ${spec.name})`,
      `      opts="${options}"`,
      ...spec.options
        .filter((o) => o.choices)
        .map(
          (o) =>
            `      [[ $prev == --${o.name} ]] && { COMPREPLY=($(compgen -W "${o.choices!.join(' ')}" -- "$cur")); return; }`,
        ),
      values.length > 0 ? `      case $prev in ${values.join('|')}) return ;; esac` : '',
      `      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "$opts" -- "$cur")); return; fi`,
      words ? `      ${words}` : '',
      '      ;;',
    ]
      .filter(Boolean)
      .join('\n')
  })
  const names = specs.map((s) => s.name).join(' ')
  return `# bash completion for warifu. Load it with: source <(warifu completion bash)

# Accounts (or Recently deleted) whose id, or with "names" whose issuer, starts with the word.
_warifu_accounts() {
  local id name lower=\${cur,,}
  while IFS=$'\\t' read -r id name; do
    [[ $id == "$cur"* ]] && COMPREPLY+=("$id")
    name=\${name%% / *}
    if [[ $2 == names && -n $name && \${name,,} == "$lower"* ]]; then
      COMPREPLY+=("$(printf '%q' "$name")")
    fi
  done < <(command warifu __complete "$1" 2>/dev/null)
}

_warifu() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} opts i plain=0
  COMPREPLY=()
  if ((COMP_CWORD == 1)); then
    COMPREPLY=($(compgen -W "${names} --help --version" -- "$cur"))
    return
  fi
  # Plain words (not options, not an option's value) before this one.
  for ((i = 2; i < COMP_CWORD; i++)); do
    [[ \${COMP_WORDS[i]} == -* ]] && continue
    [[ \${COMP_WORDS[i-1]} == --* && " $(_warifu_value_options) " == *" \${COMP_WORDS[i-1]} "* ]] && continue
    ((plain++))
  done
  case \${COMP_WORDS[1]} in
${arms.join('\n')}
  esac
}

_warifu_value_options() {
  case \${COMP_WORDS[1]} in
${specs.map((s) => `    ${s.name}) echo "${valueOptions(s).join(' ')}" ;;`).join('\n')}
  esac
}

complete -o default -F _warifu warifu
`
}

/** Quoted for a shell's single quotes (zsh, fish). */
function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

function zshScript(specs: CommandSpec[]): string {
  const commands = specs.map((s) => singleQuoted(`${s.name}:${s.summary.replace(/:/g, '\\:')}`)).join(' \\\n    ')
  const arms = specs.map((spec) => {
    const values = valueOptions(spec)
    let words: string
    if (spec.words === 'files') words = '_files'
    else if ('fixed' in spec.words) words = `compadd -- ${spec.words.fixed.join(' ')}`
    else {
      const call = `_warifu_accounts ${spec.words.accounts}`
      words = spec.actions
        ? `if ((plain == 0)); then compadd -- ${spec.actions.join(' ')}; elif ((plain == 1)); then ${call}; fi`
        : `((plain == 0)) && ${call}`
    }
    return [
      `    ${spec.name})`,
      ...spec.options
        .filter((o) => o.choices)
        .map(
          (o) => `      [[ \${words[CURRENT-1]} == --${o.name} ]] && { compadd -- ${o.choices!.join(' ')}; return; }`,
        ),
      values.length > 0 ? `      case \${words[CURRENT-1]} in ${values.join('|')}) _files; return ;; esac` : '',
      `      if [[ \${words[CURRENT]} == -* ]]; then compadd -- ${spec.options.map((o) => `--${o.name}`).join(' ')}; return; fi`,
      `      ${words}`,
      '      ;;',
    ]
      .filter(Boolean)
      .join('\n')
  })
  const allValues = [...new Set(specs.flatMap(valueOptions))]
  return `#compdef warifu
# zsh completion for warifu. Load it after compinit with: source <(warifu completion zsh)

_warifu_accounts() {
  local line
  local -a accounts
  for line in \${(f)"$(command warifu __complete $1 2>/dev/null)"}; do
    accounts+=("\${\${line%%$'\\t'*}//:/\\\\:}:\${line#*$'\\t'}")
  done
  _describe -t accounts 'account' accounts
}

_warifu() {
  local -a commands
  local i plain=0
  commands=(
    ${commands}
  )
  if ((CURRENT == 2)); then
    _describe -t commands 'warifu command' commands
    return
  fi
  for ((i = 3; i < CURRENT; i++)); do
    [[ \${words[i]} == -* ]] && continue
    [[ " ${allValues.join(' ')} " == *" \${words[i-1]} "* ]] && continue
    ((plain++))
  done
  case \${words[2]} in
${arms.join('\n')}
  esac
}

compdef _warifu warifu
`
}

function fishScript(specs: CommandSpec[]): string {
  const lines = [
    '# fish completion for warifu. Install it with:',
    '#   warifu completion fish > ~/.config/fish/completions/warifu.fish',
    '',
    '# True when the command word (the first after warifu) is $argv[1].',
    'function __warifu_is',
    '    set -l words (commandline -opc)',
    '    test (count $words) -ge 2; and test "$words[2]" = "$argv[1]"',
    'end',
    '',
    '# True when $argv[1] plain words (not options, not the value of one of $argv[2..]) follow the command word.',
    'function __warifu_plain',
    '    set -l words (commandline -opc)',
    '    set -l n 0',
    '    set -l skip 0',
    '    for w in $words[3..-1]',
    '        if test $skip -eq 1',
    '            set skip 0',
    '        else if contains -- $w $argv[2..-1]',
    '            set skip 1',
    '        else if not string match -q -- "-*" $w',
    '            set n (math $n + 1)',
    '        end',
    '    end',
    '    test $n -eq $argv[1]',
    'end',
    '',
    'complete -c warifu -f',
    "complete -c warifu -n 'test (count (commandline -opc)) -eq 1' -l version -d 'Print the version'",
  ]
  for (const spec of specs) {
    const is = `-n '__warifu_is ${spec.name}'`
    const values = valueOptions(spec).join(' ')
    const plain = (n: number) => `-n '__warifu_plain ${n}${values ? ` ${values}` : ''}'`
    lines.push(
      `complete -c warifu -n 'test (count (commandline -opc)) -eq 1' -a ${spec.name} -d ${singleQuoted(spec.summary)}`,
    )
    for (const option of spec.options) {
      const value = option.choices
        ? ` -x -a ${singleQuoted(option.choices.join(' '))}`
        : option.takesValue
          ? ' -r -F'
          : ''
      lines.push(`complete -c warifu ${is} -l ${option.name}${value}`)
    }
    if (spec.words === 'files') lines.push(`complete -c warifu ${is} -F`)
    else if ('fixed' in spec.words)
      lines.push(`complete -c warifu ${is} ${plain(0)} -a ${singleQuoted(spec.words.fixed.join(' '))}`)
    else {
      const accounts = `-a '(command warifu __complete ${spec.words.accounts} 2>/dev/null)'`
      if (spec.actions) {
        lines.push(`complete -c warifu ${is} ${plain(0)} -a ${singleQuoted(spec.actions.join(' '))}`)
        lines.push(`complete -c warifu ${is} ${plain(1)} ${accounts}`)
      } else lines.push(`complete -c warifu ${is} ${plain(0)} ${accounts}`)
    }
  }
  return lines.join('\n') + '\n'
}
