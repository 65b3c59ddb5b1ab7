import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/cli/cli'
import type { CliIo } from '../../../electron/cli/io'
import { Vault } from '../../../electron/vault/vault'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'

const URI = 'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME'

function harness(dir: string, stdin = '') {
  const out: string[] = []
  const err: string[] = []
  const store = new MemorySecretStore()
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readStdin: () => Promise.resolve(stdin),
    now: () => 59_000,
    openVault: () => Vault.open({ dir, store, now: () => 59_000 }),
  }
  return { io, out, err, store, run: (...argv: string[]) => runCli(argv, io) }
}

describe('warifu CLI (in-process, fake keychain)', () => {
  const tempDir = useTempDir()

  it('prints only the code for --uri at --at', async () => {
    const h = harness(tempDir())
    expect(await h.run('code', '--uri', URI, '--at', '59')).toBe(0)
    expect(h.out).toEqual(['996554'])
    expect(h.err).toEqual([])
  })

  it('reads the URI from stdin with --uri -', async () => {
    const h = harness(tempDir(), URI + '\n')
    expect(await h.run('code', '--uri', '-', '--at', '59')).toBe(0)
    expect(h.out).toEqual(['996554'])
  })

  it('adds from --secret - on stdin and prints the id last', async () => {
    const h = harness(tempDir(), 'jbsw y3dp ehpk 3pxp\n')
    expect(
      await h.run('add', '--secret', '-', '--issuer', 'Monex', '--label', 'taro', '--digits', '8', '--period', '60'),
    ).toBe(0)
    const id = h.out.at(-1)!
    expect(id).toMatch(/^[0-9a-f]{16}$/)
    expect(h.store.secretOf(id)).toBe('JBSWY3DPEHPK3PXP')
    expect(await h.run('list', '--json')).toBe(0)
    const listed = JSON.parse(h.out.slice(2).join('\n')) as unknown[]
    expect(listed).toEqual([
      expect.objectContaining({
        id,
        issuer: 'Monex',
        label: 'taro',
        type: 'totp',
        algorithm: 'SHA1',
        digits: 8,
        period: 60,
      }),
    ])
    expect(h.out.join('\n')).not.toContain('JBSWY3DPEHPK3PXP')
  })

  it('prints the current code alone for a saved account when stdout is not a terminal', async () => {
    const h = harness(tempDir())
    await h.run('add', URI)
    expect(await h.run('code', 'acme')).toBe(0)
    expect(h.out.at(-1)).toBe('996554')
  })

  it.each([
    [['frobnicate'], 2, /unknown command "frobnicate"/],
    [['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP'], 2, /unknown command;/],
    [['code'], 2, /Name one account/],
    [['code', '--uri', URI, '--at', 'noon'], 2, /Unix seconds/],
    [['add', '--bogus'], 2, /unknown option --bogus/],
    [['add', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PX1'], 1, /not valid base32/],
    [['add', '--secret', 'AAAA', '--label', 'x'], 1, /shorter than 80 bits/],
    [['add', 'otpauth://totp/?secret=JBSWY3DPEHPK3PXP'], 2, /names no account; give its setup key with --secret/],
    [['remove', 'monex'], 1, /No account has that id \("warifu list" lists them\)\. \[ACCOUNT_NOT_FOUND\]/],
    [['code', 'nobody'], 1, /No account matches/],
  ])('%j exits %i with one line on stderr', async (argv, code, message) => {
    const h = harness(tempDir())
    expect(await h.run(...argv)).toBe(code)
    expect(h.err).toHaveLength(1)
    expect(h.err[0]).toMatch(message)
    expect(h.err[0]).toMatch(/^warifu: /)
    expect(h.err[0]).not.toContain('JBSWY3DPEHPK3PX')
  })

  it('changes nothing when an add is rejected', async () => {
    const h = harness(tempDir())
    await h.run('add', '--secret', 'JBSWY3DPEHPK3PXP', '--label', 'x', '--digits', '5')
    await h.run('add', 'otpauth://totp/%20?secret=JBSWY3DPEHPK3PXP&issuer=%20')
    expect(h.store.entries.size).toBe(0)
  })

  it('shows help for the tool and for each command', async () => {
    const h = harness(tempDir())
    expect(await h.run('--help')).toBe(0)
    expect(h.out[0]).toMatch(/Usage: warifu <command>/)
    for (const command of ['code', 'add', 'list', 'remove']) {
      expect(await h.run(command, '--help')).toBe(0)
      expect(h.out.at(-1)).toMatch(new RegExp(`warifu ${command}`))
    }
  })
})

describe('warifu orphans and adopt', () => {
  const tempDir = useTempDir()

  it('lists a keychain secret without an account and gives it its account back', async () => {
    const h = harness(tempDir())
    h.store.entries.set('fedcba9876543210', 'JBSWY3DPEHPK3PXP')
    expect(await h.run('orphans')).toBe(0)
    expect(h.out).toEqual(['fedcba9876543210'])
    expect(await h.run('adopt', 'fedcba9876543210', '--issuer', 'ACME', '--label', 'alice')).toBe(0)
    expect(h.out.slice(1)).toEqual([
      'Adopted ACME / alice: SHA1, 6 digits, every 30 s',
      'Current code: 996554',
      'fedcba9876543210',
    ])
    expect(await h.run('code', 'acme')).toBe(0)
    expect(h.out.at(-1)).toBe('996554')
    expect(await h.run('orphans')).toBe(0)
    expect(h.out.at(-1)).toBe('No unused keychain entries.')
  })

  it('refuses to adopt an id that is not an unused entry', async () => {
    const h = harness(tempDir())
    await h.run('add', URI)
    const id = h.out.at(-1)!
    expect(await h.run('adopt', id, '--label', 'x')).toBe(1)
    expect(h.err.at(-1)).toMatch(/No unused keychain entry/)
    expect(await h.run('adopt', 'fedcba9876543210', '--label', 'x')).toBe(1)
  })
})

describe('warifu export password rules (in-process, fake keychain)', () => {
  const tempDir = useTempDir()

  it('refuses a password shorter than 8 characters and writes nothing', async () => {
    const dir = tempDir()
    // The export goes beside the data folder, never into it.
    const h = harness(join(dir, 'data'))
    expect(await h.run('add', URI)).toBe(0)
    const pw = join(dir, 'pw.txt')
    const out = join(dir, 'backup.json')
    // Seven characters (eight UTF-16 units: the emoji is one character).
    writeFileSync(pw, 'abcd12🔑\n')
    expect(await h.run('export', '--format', 'aegis', '--out', out, '--password-file', pw)).toBe(2)
    expect(h.err.at(-1)).toMatch(/at least 8 characters.*\[USAGE\]$/)
    expect(existsSync(out)).toBe(false)
    writeFileSync(pw, 'abcd12🔑x\n')
    expect(await h.run('export', '--format', 'aegis', '--out', out, '--password-file', pw)).toBe(0)
    expect(existsSync(out)).toBe(true)
  })
})
