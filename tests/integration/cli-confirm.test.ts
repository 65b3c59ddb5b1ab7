/**
 * Destructive commands on the real keychain: `remove` asks at a terminal (a real pty) and --yes
 * skips it; no or Ctrl+C exits 1 "Cancelled." with nothing changed; a script without a terminal
 * is not asked (removal is restorable); unknown ids answer like `code`; export never replaces a
 * file without --force; adopt names everything it needs.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useCliSandboxes } from '../support/cli-process'
import { runInTerminal } from '../support/terminal'
import { CLI, cliBuilt, hasTool, inKeyringSession, skipUnless } from '../support/tools'

const URI = 'otpauth://totp/Monex:hanako?secret=JBSWY3DPEHPK3PXP&issuer=Monex'
const skip = skipUnless(
  inKeyringSession() && cliBuilt() && hasTool('script'),
  'a Secret Service keyring (tests/with-keyring.sh), the built CLI and script (util-linux)',
)

describe.skipIf(skip)('warifu remove, export and adopt: confirmations and refusals', () => {
  const sandbox = useCliSandboxes()

  function withAccount() {
    const s = sandbox()
    const added = s.run(['add', URI])
    expect(added.status).toBe(0)
    const id = added.stdout.trim().split('\n').at(-1)!
    const listed = () => (JSON.parse(s.run(['list', '--json']).stdout) as { id: string }[]).map((a) => a.id)
    return { s, id, listed }
  }
  const QUESTION = 'Move "Monex (hanako)" to Recently deleted? [y/N] '

  it.each([
    ['n', 'n\r'],
    ['Enter (the default is no)', '\r'],
    ['Ctrl+C', '\u0003'],
  ])('answering %s at a terminal exits 1 "Cancelled." and keeps the account', async (_, answer) => {
    const { s, id, listed } = withAccount()
    const run = await runInTerminal([process.execPath, CLI, 'remove', id], s.env, [{ prompt: QUESTION, type: answer }])
    expect(run.status).toBe(1)
    expect(run.screen).toContain('warifu: Cancelled. [NOT_CONFIRMED]')
    expect(listed()).toEqual([id])
  })

  it('answering y at a terminal moves the account to Recently deleted', async () => {
    const { s, id, listed } = withAccount()
    const run = await runInTerminal([process.execPath, CLI, 'remove', id], s.env, [{ prompt: QUESTION, type: 'y\r' }])
    expect(run.status).toBe(0)
    expect(run.screen).toContain('Moved Monex / hanako to Recently deleted')
    expect(listed()).toEqual([])
  })

  it('--yes skips the question at a terminal; --forever asks its own', async () => {
    const { s, id, listed } = withAccount()
    const sure = await runInTerminal(
      ['sh', '-c', '"$@"; s=$?; read _; exit $s', 'sh', process.execPath, CLI, 'remove', '--yes', id],
      s.env,
      [{ prompt: 'Undo within 30 days', type: '\r' }],
    )
    expect(sure.status).toBe(0)
    expect(sure.screen).not.toContain('[y/N]')
    expect(listed()).toEqual([])
    const forever = await runInTerminal([process.execPath, CLI, 'remove', '--forever', id], s.env, [
      {
        prompt: 'Delete "Monex (hanako)" for good, secret included? This cannot be undone. [y/N] ',
        type: 'yes\r',
      },
    ])
    expect(forever.status).toBe(0)
    expect(forever.screen).toContain('Deleted Monex / hanako for good')
    expect(s.run(['deleted', '--json']).stdout.trim()).toBe('[]')
  })

  it('does not ask a script (no terminal): the account goes to Recently deleted, restorable', () => {
    const { s, id, listed } = withAccount()
    const r = s.run(['remove', id])
    expect(r).toMatchObject({ status: 0, stderr: '' })
    expect(r.stdout).toBe(`Moved Monex / hanako to Recently deleted\nUndo within 30 days: warifu restore ${id}\n`)
    expect(listed()).toEqual([])
  })

  it('remove <unknown id> and code <unknown> give the same code and exit status', () => {
    const { s } = withAccount()
    const code = s.run(['code', 'nobody'])
    expect(code.status).toBe(1)
    expect(code.stderr).toBe('warifu: No account matches "nobody". [ACCOUNT_NOT_FOUND]\n')
    for (const args of [
      ['remove', 'deadbeef00000000'],
      ['remove', 'nobody'],
    ]) {
      const r = s.run(args)
      expect(r.status).toBe(1)
      expect(r.stderr).toBe('warifu: No account has that id ("warifu list" lists them). [ACCOUNT_NOT_FOUND]\n')
    }
    const forever = s.run(['remove', '--forever', 'deadbeef'])
    expect(forever.status).toBe(1)
    expect(forever.stderr).toBe(
      'warifu: Nothing in Recently deleted has that id ("warifu deleted" lists them). [ACCOUNT_NOT_FOUND]\n',
    )
  })

  it('export refuses to replace an existing file without --force, and replaces it with --force', () => {
    const { s } = withAccount()
    const out = join(s.files, 'accounts.txt')
    writeFileSync(out, 'keep me')
    const args = ['export', '--format', 'otpauth', '--yes-write-plain-secrets', '--out', out]
    const refused = s.run(args)
    expect(refused.status).toBe(1)
    expect(refused.stderr).toBe(`warifu: ${out} exists already; add --force to replace it. [EXPORT_TARGET_EXISTS]\n`)
    expect(readFileSync(out, 'utf8')).toBe('keep me')
    const forced = s.run([...args, '--force'])
    expect(forced.status, forced.stderr).toBe(0)
    expect(readFileSync(out, 'utf8')).toContain('otpauth://totp/')
  })

  it('export refuses before asking for a password, and counts ga-qr numbered files', () => {
    const { s } = withAccount()
    const backup = join(s.files, 'backup.json')
    writeFileSync(backup, 'old backup')
    // No terminal and no --password-file: the existing file is named first, nothing is asked.
    const r = s.run(['export', '--format', 'aegis', '--out', backup])
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/exists already; add --force to replace it\. \[EXPORT_TARGET_EXISTS\]\n$/)
    writeFileSync(join(s.files, 'phone-2.png'), 'older set')
    const qr = s.run(['export', '--format', 'ga-qr', '--out', join(s.files, 'phone.png')])
    expect(qr.status).toBe(1)
    expect(qr.stderr).toMatch(/\[EXPORT_TARGET_EXISTS\]\n$/)
    expect(s.run(['export', '--format', 'ga-qr', '--out', join(s.files, 'other.png')]).status).toBe(0)
  })

  it('adopt with no arguments names every required option in one line', () => {
    const s = sandbox()
    const r = s.run(['adopt'])
    expect(r.status).toBe(2)
    expect(r.stderr).toBe(
      'warifu: adopt needs an entry id and a name: warifu adopt <entry-id> --issuer <name> and/or --label <name> ("warifu orphans" lists the ids). [USAGE]\n',
    )
  })
})
