/**
 * `warifu completion bash` in a real bash over the real keychain: the script is sourced, bash's
 * completion variables are set as bash sets them on Tab, and COMPREPLY is read back. The script
 * calls `warifu` by name, so a shim on PATH runs the built CLI.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { useCliSandboxes } from '../support/cli-process'
import { CLI, cliBuilt, hasTool, inKeyringSession, skipUnless } from '../support/tools'

const MONEX = 'otpauth://totp/Monex:taro?secret=JBSWY3DPEHPK3PXP&issuer=Monex'
const SBI = 'otpauth://totp/SBI%20Securities:hanako?secret=GEZDGNBVGY3TQOJQ&issuer=SBI%20Securities'
const skip = skipUnless(
  inKeyringSession() && cliBuilt() && hasTool('bash'),
  'a Secret Service keyring (tests/with-keyring.sh), the built CLI and bash',
)

describe.skipIf(skip)('warifu completion bash (real bash, real keychain)', () => {
  const sandbox = useCliSandboxes()
  const bin = mkdtempSync(join(tmpdir(), 'warifu-bin-'))
  writeFileSync(join(bin, 'warifu'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`)
  chmodSync(join(bin, 'warifu'), 0o755)
  afterAll(() => rmSync(bin, { recursive: true, force: true }))

  /** What bash offers for the words typed so far (the last one is being completed). */
  function complete(s: ReturnType<typeof sandbox>, words: string[], env: Record<string, string> = {}) {
    const quoted = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ')
    const r = spawnSync(
      'bash',
      [
        '--norc',
        '--noprofile',
        '-c',
        `source <(warifu completion bash) || exit 9
         COMP_WORDS=(${quoted}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1))
         _warifu; printf '%s\\n' "\${COMPREPLY[@]}"`,
      ],
      { encoding: 'utf8', env: { ...s.env, PATH: `${bin}:${process.env.PATH}`, ...env }, timeout: 30_000 },
    )
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    return r.stdout.split('\n').filter(Boolean)
  }

  function added(s: ReturnType<typeof sandbox>, uri: string): string {
    const r = s.run(['add', uri])
    expect(r.status, r.stderr).toBe(0)
    return r.stdout.trim().split('\n').at(-1)!
  }

  it('completes an account id, and a name for code', () => {
    const s = sandbox()
    const monex = added(s, MONEX)
    const sbi = added(s, SBI)
    expect(complete(s, ['warifu', 'code', '']).sort()).toEqual(['Monex', 'SBI\\ Securities', monex, sbi].sort())
    expect(complete(s, ['warifu', 'code', monex.slice(0, 6)])).toEqual([monex])
    expect(complete(s, ['warifu', 'code', 'sb'])).toEqual(['SBI\\ Securities'])
    // remove takes ids only: a name must never pick what gets deleted.
    expect(complete(s, ['warifu', 'remove', '']).sort()).toEqual([monex, sbi].sort())
    expect(complete(s, ['warifu', 'site', 'add', 'mo'])).toEqual(['Monex'])
    // The id is what the code command then takes.
    expect(s.run(['code', complete(s, ['warifu', 'code', sbi.slice(0, 6)])[0]!]).status).toBe(0)
  })

  it('completes commands, options, option values and Recently deleted', () => {
    const s = sandbox()
    const monex = added(s, MONEX)
    expect(complete(s, ['warifu', 'co'])).toEqual(['code', 'completion'])
    expect(complete(s, ['warifu', 'remove', '--f'])).toEqual(['--forever'])
    expect(complete(s, ['warifu', 'remove', '--forever', ''])).toEqual([monex])
    expect(complete(s, ['warifu', 'export', '--format', 'aegis-'])).toEqual(['aegis-plain'])
    expect(complete(s, ['warifu', 'code', '--at', ''])).toEqual([])
    expect(complete(s, ['warifu', 'completion', ''])).toEqual(['bash', 'zsh', 'fish'])
    expect(s.run(['remove', monex]).status).toBe(0)
    expect(complete(s, ['warifu', 'code', ''])).toEqual([])
    expect(complete(s, ['warifu', 'restore', ''])).toEqual([monex, 'Monex'])
  })

  it('lists accounts without the keychain, quietly, and never a secret', () => {
    const s = sandbox()
    const monex = added(s, MONEX)
    // No Secret Service at all: the account list alone is read.
    const r = spawnSync(process.execPath, [CLI, '__complete', 'accounts'], {
      encoding: 'utf8',
      env: { ...s.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' },
    })
    expect(r.status).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe(`${monex}\tMonex / taro\n`)
    expect(r.stdout).not.toContain('JBSWY3DP')
  })
})

/** A vault.json of two accounts: __complete reads only this file, so no keychain is needed here. */
function homeWithAccounts(): string {
  const home = mkdtempSync(join(tmpdir(), 'warifu-complete-'))
  const account = (id: string, issuer: string, label: string) => ({
    id,
    type: 'totp',
    issuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    createdAt: '2026-01-01T00:00:00.000Z',
  })
  const accounts = [account('0123456789abcdef', 'Monex', 'taro'), account('fedcba9876543210', 'SBI Securities', '')]
  writeFileSync(join(home, 'vault.json'), JSON.stringify({ format: 'warifu-vault', version: 1, accounts }))
  return home
}

function shimDir(): string {
  const bin = mkdtempSync(join(tmpdir(), 'warifu-bin-'))
  writeFileSync(join(bin, 'warifu'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`)
  chmodSync(join(bin, 'warifu'), 0o755)
  return bin
}

const ACCOUNTS = ['0123456789abcdef\tMonex / taro', 'fedcba9876543210\tSBI Securities']

describe.skipIf(skipUnless(cliBuilt() && hasTool('fish'), 'the built CLI and fish'))(
  'warifu completion fish (real fish: complete -C)',
  () => {
    const home = homeWithAccounts()
    const bin = shimDir()
    afterAll(() => {
      rmSync(home, { recursive: true, force: true })
      rmSync(bin, { recursive: true, force: true })
    })
    const script = spawnSync(process.execPath, [CLI, 'completion', 'fish'], { encoding: 'utf8' }).stdout
    const scriptFile = join(home, 'warifu.fish')
    writeFileSync(scriptFile, script)

    function complete(line: string): string[] {
      const r = spawnSync('fish', ['--no-config', '-c', `source ${scriptFile}; complete -C${JSON.stringify(line)}`], {
        encoding: 'utf8',
        env: { ...process.env, WARIFU_HOME: home, PATH: `${bin}:${process.env.PATH}` },
        timeout: 30_000,
      })
      expect(r.stderr).toBe('')
      return r.stdout.split('\n').filter(Boolean)
    }

    it('completes account ids with their names, commands, actions and option values', () => {
      expect(complete('warifu code ')).toEqual(ACCOUNTS)
      expect(complete('warifu code --at 5 ')).toEqual(ACCOUNTS)
      expect(complete('warifu code 0123456789abcdef ')).toEqual([])
      expect(complete('warifu site add ')).toEqual(ACCOUNTS)
      expect(complete('warifu site ')).toEqual(['add', 'list', 'remove'])
      expect(complete('warifu export --format ')).toEqual(['aegis', 'aegis-plain', 'ga-qr', 'otpauth'])
      expect(complete('warifu co').map((l) => l.split('\t')[0])).toEqual(['code', 'completion'])
    })
  },
)

describe.skipIf(skipUnless(cliBuilt() && hasTool('zsh'), 'the built CLI and zsh'))(
  'warifu completion zsh (real zsh, compsys calls recorded)',
  () => {
    const home = homeWithAccounts()
    const bin = shimDir()
    afterAll(() => {
      rmSync(home, { recursive: true, force: true })
      rmSync(bin, { recursive: true, force: true })
    })
    const scriptFile = join(home, 'warifu.zsh')
    writeFileSync(scriptFile, spawnSync(process.execPath, [CLI, 'completion', 'zsh'], { encoding: 'utf8' }).stdout)

    /** Runs _warifu on `words` with compsys's helpers replaced by ones that print what they were given. */
    function complete(...words: string[]): string[] {
      const quoted = words.map((w) => `'${w}'`).join(' ')
      const stubs = [
        'compdef() { :; }',
        '_describe() { print -l -- ${(P)${@[-1]}}; }',
        'compadd() { [[ $1 == -- ]] && shift; print -l -- "$@"; }',
        '_files() { print _files; }',
      ].join('; ')
      const r = spawnSync(
        'zsh',
        ['-f', '-c', `${stubs}; source ${scriptFile}; words=(${quoted}); CURRENT=\${#words}; _warifu`],
        {
          encoding: 'utf8',
          env: { ...process.env, WARIFU_HOME: home, PATH: `${bin}:${process.env.PATH}` },
          timeout: 30_000,
        },
      )
      expect(r.stderr).toBe('')
      return r.stdout.split('\n').filter(Boolean)
    }

    it('offers account ids described by their names, actions, option values and files', () => {
      const described = ACCOUNTS.map((a) => a.replace('\t', ':'))
      expect(complete('warifu', 'code', '')).toEqual(described)
      expect(complete('warifu', 'code', '--at', '5', '')).toEqual(described)
      expect(complete('warifu', 'remove', '--forever', '')).toEqual(described)
      expect(complete('warifu', 'site', '')).toEqual(['add', 'remove', 'list'])
      expect(complete('warifu', 'site', 'add', '')).toEqual(described)
      expect(complete('warifu', 'export', '--format', '')).toEqual(['aegis', 'aegis-plain', 'otpauth', 'ga-qr'])
      expect(complete('warifu', 'export', '--out', '')).toEqual(['_files'])
      expect(complete('warifu', 'scan', '')).toEqual(['_files'])
    })
  },
)
