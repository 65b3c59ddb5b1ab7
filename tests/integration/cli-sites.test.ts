/**
 * Sites with the built `warifu` on the real keychain: site add/remove/list, list --json, the
 * "Enter only at" line of `code` on a real terminal (and not when piped), and sites surviving an
 * encrypted export and import.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useCliSandboxes } from '../support/cli-process'
import { runInTerminal } from '../support/terminal'
import { CLI, cliBuilt, hasTool, inKeyringSession, skipUnless } from '../support/tools'

const MONEX =
  'otpauth://totp/%E3%83%9E%E3%83%8D%E3%83%83%E3%82%AF%E3%82%B9%E8%A8%BC%E5%88%B8:taro?secret=JBSWY3DPEHPK3PXP&issuer=%E3%83%9E%E3%83%8D%E3%83%83%E3%82%AF%E3%82%B9%E8%A8%BC%E5%88%B8'
const OTHER = 'otpauth://totp/Nowhere:me?secret=GEZDGNBVGY3TQOJQ&issuer=Nowhere%20Widgets'
const skip = skipUnless(
  inKeyringSession() && cliBuilt() && hasTool('script'),
  'a Secret Service keyring (tests/with-keyring.sh), the built CLI and script (util-linux)',
)

describe.skipIf(skip)('warifu site, list and code with sites (real keychain)', () => {
  const sandbox = useCliSandboxes()

  function added(s: ReturnType<typeof sandbox>, ...args: string[]): string {
    const r = s.run(['add', ...args])
    expect(r.status, r.stderr).toBe(0)
    return r.stdout.trim().split('\n').at(-1)!
  }

  it('suggests a known issuer\u2019s site on add, then adds, lists and removes sites', () => {
    const s = sandbox()
    const r = s.run(['add', MONEX])
    expect(r.status).toBe(0)
    const id = r.stdout.trim().split('\n').at(-1)!
    expect(r.stderr).toBe(`Suggested site: monex.co.jp (add it with: warifu site add ${id} monex.co.jp)\n`)
    expect(s.run(['site', 'list', id]).stdout).toBe(`No site set. Add one with: warifu site add ${id} <domain>\n`)
    expect(s.run(['site', 'add', id, 'https://www.monex.co.jp/login'])).toMatchObject({
      status: 0,
      stdout: 'monex.co.jp\n',
    })
    expect(s.run(['site', 'add', 'マネックス', 'monex.com']).status).toBe(0)
    expect(s.run(['site', 'list', id.slice(0, 8)]).stdout).toBe('monex.co.jp\nmonex.com\n')
    const bad = s.run(['site', 'add', id, 'co.jp'])
    expect(bad.status).toBe(1)
    expect(bad.stderr).toMatch(/\[INVALID_SITE\]\n$/)
    expect(s.run(['site', 'remove', id, 'monex.com'])).toMatchObject({ status: 0, stdout: 'monex.com\n' })
    const json = JSON.parse(s.run(['list', '--json']).stdout) as { id: string; sites: string[] }[]
    expect(json).toEqual([expect.objectContaining({ id, sites: ['monex.co.jp'] })])
    expect(s.run(['list']).stdout).toMatch(/\tmonex\.co\.jp\n$/)
  })

  it('add --site saves the sites with the account', () => {
    const s = sandbox()
    const id = added(s, OTHER, '--site', 'widgets.co.uk', '--site', 'https://login.widgets.co.uk/')
    expect(s.run(['site', 'list', id]).stdout).toBe('widgets.co.uk\n')
    const bad = s.run(['add', MONEX, '--site', '192.168.1.1'])
    expect(bad.status).toBe(1)
    expect(bad.stderr).toMatch(/\[INVALID_SITE\]\n$/)
    expect(JSON.parse(s.run(['list', '--json']).stdout)).toHaveLength(1)
  })

  it('code prints the site on stderr at a terminal, and nothing extra when piped', async () => {
    const s = sandbox()
    const id = added(s, MONEX, '--site', 'monex.co.jp')
    const other = added(s, OTHER)
    const piped = s.run(['code', id])
    expect(piped.status).toBe(0)
    expect(piped.stdout).toMatch(/^\d{6}\n$/)
    expect(piped.stderr).toBe('')

    // `script` can lose the last output of a child that exits at once: the shell waits for a line
    // after the command, typed only once the code (stdout) has been seen on the terminal.
    const atTerminal = (account: string) =>
      runInTerminal(['sh', '-c', '"$@"; s=$?; read _; exit $s', 'sh', process.execPath, CLI, 'code', account], s.env, [
        { prompt: 's left)', type: '\r' },
      ])
    const tty = await atTerminal(id)
    expect(tty.status).toBe(0)
    expect(tty.screen).toContain('Enter only at monex.co.jp')
    expect(tty.screen).toMatch(/\d{6}\r?\n\(\d+s left\)/)
    const none = await atTerminal(other)
    expect(none.status).toBe(0)
    expect(none.screen).toContain(`No site set: warifu site add ${other} <domain>`)
  })

  it('an encrypted export carries the sites and an import brings them back', () => {
    const s = sandbox()
    added(s, MONEX, '--site', 'monex.co.jp', '--site', 'monex.com')
    added(s, OTHER)
    const pw = join(s.files, 'pw.txt')
    writeFileSync(pw, 'correct horse battery\n')
    const out = join(s.files, 'backup.json')
    const exported = s.run(['export', '--format', 'aegis', '--out', out, '--password-file', pw])
    expect(exported.status, exported.stderr).toBe(0)

    const t = sandbox()
    const imported = t.run(['import', out, '--yes', '--password-file', pw])
    expect(imported.status, imported.stderr).toBe(0)
    expect(imported.stdout).toMatch(/^add {8}マネックス証券 \/ taro .* at monex\.co\.jp, monex\.com$/m)
    const json = JSON.parse(t.run(['list', '--json']).stdout) as { issuer: string; sites: string[] }[]
    expect(json.map((a) => [a.issuer, a.sites])).toEqual([
      ['マネックス証券', ['monex.co.jp', 'monex.com']],
      ['Nowhere Widgets', []],
    ])
  })
})
