import { describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/cli/cli'
import type { CliIo } from '../../../electron/cli/io'
import { Vault } from '../../../electron/vault/vault'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'

const MONEX = 'otpauth://totp/Monex:taro?secret=JBSWY3DPEHPK3PXP&issuer=Monex'
const OTHER = 'otpauth://totp/Nowhere:me?secret=GEZDGNBVGY3TQOJQ&issuer=Nowhere%20Widgets'

function harness(dir: string, stdoutIsTerminal?: boolean, store = new MemorySecretStore()) {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readStdin: () => Promise.resolve(''),
    now: () => 59_000,
    ...(stdoutIsTerminal === undefined ? {} : { stdoutIsTerminal }),
    openVault: () => Vault.open({ dir, store, now: () => 59_000 }),
  }
  const run = async (...argv: string[]) => {
    out.length = 0
    err.length = 0
    return runCli(argv, io)
  }
  return { io, out, err, run, store }
}

describe('warifu site / add --site / code at a terminal (in-process)', () => {
  const tempDir = useTempDir()

  it('adds, lists and removes sites; a URL gives its site; bad input is refused', async () => {
    const h = harness(tempDir())
    expect(await h.run('add', MONEX)).toBe(0)
    const id = h.out.at(-1)!
    expect(h.err).toEqual([`Suggested site: monex.co.jp (add it with: warifu site add ${id} monex.co.jp)`])
    expect(await h.run('site', 'list', 'monex')).toBe(0)
    expect(h.out).toEqual([`No site set. Add one with: warifu site add ${id} <domain>`])
    expect(await h.run('site', 'add', id.slice(0, 6), 'https://www.monex.co.jp/login')).toBe(0)
    expect(h.out).toEqual(['monex.co.jp'])
    expect(await h.run('site', 'add', 'monex', 'MONEX.CO.JP')).toBe(0)
    expect(h.err).toEqual(['warifu: monex.co.jp was already a site of this account.'])
    expect(await h.run('site', 'add', 'monex', 'monex.com')).toBe(0)
    expect(await h.run('site', 'list', 'monex')).toBe(0)
    expect(h.out).toEqual(['monex.co.jp', 'monex.com'])
    expect(await h.run('site', 'add', 'monex', 'co.jp')).toBe(1)
    expect(h.err[0]).toMatch(/\[INVALID_SITE\]$/)
    expect(await h.run('site', 'remove', 'monex', 'www.monex.com')).toBe(0)
    expect(h.out).toEqual(['monex.com'])
    expect(await h.run('site', 'remove', 'monex', 'monex.com')).toBe(1)
    expect(h.err[0]).toMatch(/not a site of this account.*\[INVALID_SITE\]$/)
    expect(await h.run('site', 'list', 'monex')).toBe(0)
    expect(h.out).toEqual(['monex.co.jp'])
    expect(await h.run('site', 'frob', 'monex')).toBe(2)
    expect(await h.run('site', 'add', 'monex')).toBe(2)
    expect(await h.run('site', 'list', 'monex', 'extra')).toBe(2)
  })

  it('add --site saves the sites with the account (no suggestion then); a bad one saves nothing', async () => {
    const h = harness(tempDir())
    expect(await h.run('add', MONEX, '--site', 'monex.co.jp', '--site', 'https://monex.com/')).toBe(0)
    expect(h.err).toEqual([])
    expect(h.out.at(-2)).toBe('Sites: monex.co.jp, monex.com')
    expect(await h.run('add', OTHER, '--site', '10.0.0.1')).toBe(1)
    expect(h.err[0]).toMatch(/\[INVALID_SITE\]$/)
    expect(await h.run('add', OTHER)).toBe(0)
    // Unknown issuer: no suggestion.
    expect(h.err).toEqual([])
    expect(await h.run('list', '--json')).toBe(0)
    expect((JSON.parse(h.out.join('\n')) as { sites: string[] }[]).map((a) => a.sites)).toEqual([
      ['monex.co.jp', 'monex.com'],
      [],
    ])
    expect(await h.run('list')).toBe(0)
    expect(h.out[0]!.split('\t').at(-1)).toBe('monex.co.jp monex.com')
    expect(h.out[1]!.split('\t').at(-1)).toBe('-')
  })

  it('code says where the code belongs on stderr only when stdout is a terminal', async () => {
    const dir = tempDir()
    const piped = harness(dir)
    expect(await piped.run('add', MONEX, '--site', 'monex.co.jp')).toBe(0)
    expect(await piped.run('add', OTHER)).toBe(0)
    const otherId = piped.out.at(-1)!
    expect(await piped.run('code', 'monex')).toBe(0)
    expect(piped.out).toHaveLength(1)
    expect(piped.err).toEqual([])

    // The same vault and fake keychain, with stdout a terminal.
    const tty = harness(dir, true, piped.store)
    expect(await tty.run('code', 'monex')).toBe(0)
    expect(tty.err).toEqual(['(1s left)', 'Enter only at monex.co.jp'])
    expect(tty.out).toEqual(piped.out)
    expect(await tty.run('code', 'nowhere')).toBe(0)
    expect(tty.err).toEqual(['(1s left)', `No site set: warifu site add ${otherId} <domain>`])
  })
})
