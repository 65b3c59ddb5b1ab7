/**
 * The README check: every `warifu …` command in README.md's code blocks is run with --help by the
 * built CLI, which checks its options against the command's help. A renamed command or a stale
 * flag in the README fails here instead of on a newcomer's first try.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HelpRequested } from '../../electron/cli/args'
import { ALL_COMMANDS } from '../../electron/cli/cli'
import type { CliIo } from '../../electron/cli/io'
import { CLI, cliBuilt, ROOT, skipUnless } from '../support/tools'

/** Splits `text` at `separators` outside quotes and [optional] brackets. */
function splitOutside(text: string, separators: RegExp): string[] {
  const parts: string[] = []
  let quote = ''
  let depth = 0
  let current = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quote) {
      if (c === quote) quote = ''
    } else if (c === "'" || c === '"') quote = c
    else if (c === '[') depth++
    else if (c === ']') depth = Math.max(0, depth - 1)
    else if (depth === 0) {
      const m = separators.exec(text.slice(i))
      if (m?.index === 0) {
        parts.push(current)
        current = ''
        i += m[0].length - 1
        continue
      }
    }
    current += c
  }
  parts.push(current)
  return parts
}

/** Shell-like words: quotes removed, `[--json]` read as --json, `<(` and `)` dropped. */
function words(segment: string): string[] {
  const out: string[] = []
  for (const match of segment.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) {
    if (match[3] === undefined) out.push(match[1] ?? match[2] ?? '')
    else {
      const word = match[3].replace(/^(<\(|\$\(|\[)+/, '').replace(/[\])]+$/, '')
      if (word) out.push(word)
    }
  }
  return out
}

/** The arguments after `warifu` of every command in the Markdown's fenced code blocks. */
export function readmeCommands(markdown: string): string[][] {
  const commands: string[][] = []
  for (const block of markdown.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)) {
    for (const line of block[1]!.split('\n')) {
      // A comment starts at " #" outside quotes.
      const code = splitOutside(line, /^\s#/)[0]!
      for (const segment of splitOutside(code, /^(\|\||&&|\||;)/)) {
        const w = words(segment)
        const at = w.findIndex((word) => word === 'warifu' || word.endsWith('/warifu'))
        if (at >= 0) commands.push(w.slice(at + 1))
      }
    }
  }
  return commands
}

describe('readmeCommands (the extractor)', () => {
  it('finds each warifu command in code blocks: pipes, comments, quotes, [options]', () => {
    const md = [
      'Text with `warifu nothing` outside a block.',
      '```sh',
      "npx warifu code --uri 'otpauth://x?a=1 #2' --at 59   # prints a code",
      'npx warifu scan a.png | npx warifu import - [--yes] [--password-file <file>]',
      'source <(warifu completion bash)',
      'npm install && warifu list [--json | --deleted]',
      '```',
    ].join('\n')
    expect(readmeCommands(md)).toEqual([
      ['code', '--uri', 'otpauth://x?a=1 #2', '--at', '59'],
      ['scan', 'a.png'],
      ['import', '-', '--yes', '--password-file', '<file>'],
      ['completion', 'bash'],
      ['list', '--json', '|', '--deleted'],
    ])
  })
})

describe("README.md's Debian list", () => {
  it('is the complete list .ci/run installs', () => {
    const ci = /apt_packages=\(([^)]*)\)/.exec(readFileSync(join(ROOT, '.ci/run'), 'utf8'))![1]!
    const readme = /apt-get install([^`]*)```/.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'))![1]!
    const packages = (text: string) =>
      text
        .split(/[\s\\]+/)
        .filter((w) => /^[a-z0-9][a-z0-9.+-]+$/.test(w))
        .sort()
    expect(packages(readme)).toEqual(packages(ci))
  })
})

const skip = skipUnless(cliBuilt(), 'the built CLI (npm run build)')

describe.skipIf(skip)("README.md's warifu commands (built CLI)", () => {
  const commands = readmeCommands(readFileSync(join(ROOT, 'README.md'), 'utf8'))

  it('shows the main commands', () => {
    const names = new Set(commands.map((c) => c[0]))
    for (const name of ['code', 'add', 'list', 'remove', 'export', 'import', 'scan', 'completion']) {
      expect(names, name).toContain(name)
    }
  })

  it.each(commands.map((c) => [c.join(' '), c] as const))('warifu %s --help parses', (_line, args) => {
    const r = spawnSync(process.execPath, [CLI, ...args, '--help'], {
      encoding: 'utf8',
      cwd: ROOT,
      // --help never reads the vault; a missing home makes sure of it.
      env: { ...process.env, WARIFU_HOME: join(ROOT, 'nonexistent-readme-check-home') },
      timeout: 30_000,
    })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/Usage|^warifu \d/)
  })
})

describe("README.md's warifu commands against the commands' own option tables (in-process)", () => {
  const commands = readmeCommands(readFileSync(join(ROOT, 'README.md'), 'utf8'))
  const stop = (): never => {
    throw new HelpRequested(undefined)
  }
  // Any use of io stops the command: only its argument check runs.
  const io = new Proxy({ now: () => 0 } as unknown as CliIo, { get: (t, k): unknown => Reflect.get(t, k) ?? stop })

  // --help alone checks the options against the help text; this also runs them through the parser
  // the command really uses, so an option the help still mentions but the command dropped fails too.
  // The browser host is left out: it starts its session before reading options.
  const runnable = commands.filter((c) => ALL_COMMANDS.some((k) => k.name === c[0] && k.name !== 'browser-host'))
  it.each(runnable.map((c) => [c.join(' '), c] as const))('warifu %s parses', async (_line, [name, ...args]) => {
    const command = ALL_COMMANDS.find((c) => c.name === name)!
    await expect(Promise.resolve().then(() => command.run([...args, '--help'], io))).rejects.toBeInstanceOf(
      HelpRequested,
    )
  })
})
