/**
 * `warifu code` for scripts (in-process, fake keychain, clock at T=59 s): the code alone on a pipe,
 * the seconds left and the site only for a person at a terminal, and --json with the next code.
 * Known answers from oathtool: JBSWY3DPEHPK3PXP gives 996554 at 59 s, 602287 at 60 s, 143627 at counter 3.
 */
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/cli/cli'
import type { CliIo } from '../../../electron/cli/io'
import { Vault } from '../../../electron/vault/vault'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'

const SECRET = 'JBSWY3DPEHPK3PXP'
const MONEX = `otpauth://totp/Monex:hanako?secret=${SECRET}&issuer=Monex`
const BANK = `otpauth://hotp/Bank:h?secret=${SECRET}&issuer=Bank&counter=3`

function harness(dir: string, stdoutIsTerminal: boolean, store = new MemorySecretStore()) {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readStdin: () => Promise.resolve(MONEX + '\n'),
    now: () => 59_000,
    stdoutIsTerminal,
    openVault: () => Vault.open({ dir, store, now: () => 59_000 }),
  }
  const run = async (...argv: string[]) => {
    out.length = 0
    err.length = 0
    return runCli(argv, io)
  }
  return { out, err, run, store }
}

describe('warifu code (scripts and people)', () => {
  const tempDir = useTempDir()

  async function withMonex() {
    const dir = tempDir()
    const piped = harness(dir, false)
    expect(await piped.run('add', MONEX, '--site', 'monex.co.jp')).toBe(0)
    const id = piped.out.at(-1)!
    return { dir, id, piped, tty: harness(dir, true, piped.store) }
  }

  it('prints the code alone when stdout is not a terminal, as oathtool does', async () => {
    const { piped } = await withMonex()
    expect(await piped.run('code', 'monex')).toBe(0)
    expect(piped.out).toEqual(['996554'])
    expect(piped.err).toEqual([])
    expect(await piped.run('code', '--uri', '-')).toBe(0)
    expect(piped.out).toEqual(['996554'])
    expect(piped.err).toEqual([])
  })

  it('adds the seconds left and the site on stderr at a terminal, stdout unchanged', async () => {
    const { tty } = await withMonex()
    expect(await tty.run('code', 'monex')).toBe(0)
    expect(tty.out).toEqual(['996554'])
    expect(tty.err).toEqual(['(1s left)', 'Enter only at monex.co.jp'])
    expect(await tty.run('code', '--uri', MONEX, '--at', '31')).toBe(0)
    expect(tty.err).toEqual(['(29s left)'])
  })

  it('--json gives code, next, secondsLeft, period, account and sites, never the secret', async () => {
    const { id, piped } = await withMonex()
    expect(await piped.run('code', 'monex', '--json')).toBe(0)
    expect(piped.out).toHaveLength(1)
    expect(JSON.parse(piped.out[0]!)).toEqual({
      code: '996554',
      next: '602287',
      secondsLeft: 1,
      period: 30,
      account: { id, issuer: 'Monex', label: 'hanako' },
      sites: ['monex.co.jp'],
    })
    expect(piped.out[0]).not.toContain(SECRET)
    expect(piped.err).toEqual([])
  })

  it('--json is the same at a terminal (no extra lines) and works for --uri', async () => {
    const { tty } = await withMonex()
    expect(await tty.run('code', '--uri', MONEX, '--json')).toBe(0)
    expect(JSON.parse(tty.out[0]!)).toEqual({ code: '996554', next: '602287', secondsLeft: 1, period: 30 })
    expect(tty.err).toEqual([])
  })

  it('--json for a counter-based account names the counter it used, and spends it', async () => {
    const dir = tempDir()
    const h = harness(dir, false)
    expect(await h.run('add', BANK)).toBe(0)
    expect(await h.run('code', 'bank', '--json')).toBe(0)
    expect(JSON.parse(h.out[0]!)).toMatchObject({ code: '143627', counter: 3, account: { issuer: 'Bank' } })
    expect(JSON.parse(h.out[0]!)).not.toHaveProperty('next')
    expect(await h.run('code', 'bank', '--json')).toBe(0)
    expect(JSON.parse(h.out[0]!)).toMatchObject({ counter: 4 })
  })

  it('refuses --json with --copy as a usage error', async () => {
    const { piped } = await withMonex()
    expect(await piped.run('code', 'monex', '--json', '--copy')).toBe(2)
    expect(piped.err).toEqual(['warifu: Give either --json or --copy, not both. [USAGE]'])
    expect(piped.out).toEqual([])
  })
})
