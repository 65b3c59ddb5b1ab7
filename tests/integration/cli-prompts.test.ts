/**
 * `warifu export` and `warifu import` asking for the password on a real pseudo-terminal: nothing
 * typed is shown, the answer is the password (checked by importing with --password-file), a
 * mismatch or a too-short one asks again (3 tries in all), and giving up, Ctrl+C or no terminal
 * at all each end with a clear error and no file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useCliSandboxes } from '../support/cli-process'
import { runInTerminal } from '../support/terminal'
import { CLI, cliBuilt, hasTool, inKeyringSession, skipUnless } from '../support/tools'

const URI = 'otpauth://totp/Monex:taro?secret=JBSWY3DPEHPK3PXP&issuer=Monex'
const PASSWORD = 'correct horse'
const skip = skipUnless(
  inKeyringSession() && cliBuilt() && hasTool('script'),
  'a Secret Service keyring (tests/with-keyring.sh), the built CLI and script (util-linux)',
)

describe.skipIf(skip)('password prompts on a terminal', () => {
  const sandbox = useCliSandboxes()

  function withAccount() {
    const s = sandbox()
    expect(s.run(['add', URI]).status).toBe(0)
    return s
  }
  const exportArgs = (out: string) => [process.execPath, CLI, 'export', '--format', 'aegis', '--out', out]

  it('asks twice without echo, and the answer is the password', async () => {
    const s = withAccount()
    const out = join(s.files, 'backup.json')
    // Typed with a slip corrected by Backspace, and an arrow key that must not count.
    const run = await runInTerminal(exportArgs(out), s.env, [
      { prompt: 'Backup password: ', type: 'correct horsx\u007fe\u001b[D\r' },
      { prompt: 'Again: ', type: `${PASSWORD}\r` },
    ])
    expect(run.status).toBe(0)
    expect(run.screen).toContain('Exported 1 account(s), verified')
    expect(run.screen).not.toMatch(/horse|horsx/)
    expect(readFileSync(out, 'utf8')).not.toContain('JBSWY3DP')

    const other = sandbox()
    const pw = join(other.files, 'pw.txt')
    writeFileSync(pw, `${PASSWORD}\n`)
    const imported = other.run(['import', out, '--yes', '--password-file', pw])
    expect(imported.stderr).toBe('')
    expect(imported.status).toBe(0)
  })

  it('takes both answers typed ahead in one go', async () => {
    const s = withAccount()
    const out = join(s.files, 'backup.json')
    const run = await runInTerminal(exportArgs(out), s.env, [
      { prompt: 'Backup password: ', type: `${PASSWORD}\r${PASSWORD}\r` },
    ])
    expect(run.status).toBe(0)
    expect(run.screen).not.toContain('horse')
  })

  it('writes nothing when the answers differ three times, or on Ctrl+C (exit 1)', async () => {
    const s = withAccount()
    const out = join(s.files, 'backup.json')
    // A slip asks again, up to 3 times in all; then it gives up (exit 1, not a usage error).
    const typeTwice = (again: string) => [
      { prompt: 'Backup password: ', type: `${PASSWORD}\r` },
      { prompt: 'Again: ', type: again },
    ]
    const differ = await runInTerminal(exportArgs(out), s.env, [
      ...typeTwice('correct horse!\r'),
      ...typeTwice('correct hose\r'),
      ...typeTwice('correct horse \r'),
    ])
    expect(differ.status).toBe(1)
    expect(differ.screen.split('The passwords differ. Try again.')).toHaveLength(3)
    expect(differ.screen).toContain(
      'warifu: The passwords differ. Gave up after 3 tries; nothing was written. [NOT_CONFIRMED]',
    )
    const cancelled = await runInTerminal(exportArgs(out), s.env, [{ prompt: 'Backup password: ', type: 'corr\u0003' }])
    expect(cancelled.status).toBe(1)
    expect(cancelled.screen).toContain('warifu: Cancelled. [NOT_CONFIRMED]')
    expect(existsSync(out)).toBe(false)
  })

  it('asks again after a mistyped confirmation or a too-short password, and then succeeds', async () => {
    const s = withAccount()
    const out = join(s.files, 'backup.json')
    const run = await runInTerminal(exportArgs(out), s.env, [
      { prompt: 'Backup password: ', type: 'shrt7\r' },
      { prompt: 'Use a password of at least 8 characters. Try again.', type: '' },
      { prompt: 'Backup password: ', type: `${PASSWORD}\r` },
      { prompt: 'Again: ', type: 'correct horsy\r' },
      { prompt: 'The passwords differ. Try again.', type: '' },
      { prompt: 'Backup password: ', type: `${PASSWORD}\r` },
      { prompt: 'Again: ', type: `${PASSWORD}\r` },
    ])
    expect(run.status).toBe(0)
    expect(run.screen).toContain('Exported 1 account(s), verified')
    expect(run.screen).not.toMatch(/horse|horsy|shrt7/)
    const other = sandbox()
    const pw = join(other.files, 'pw.txt')
    writeFileSync(pw, PASSWORD)
    expect(other.run(['import', out, '--yes', '--password-file', pw]).status).toBe(0)
  })

  it('asks an encrypted import for its password, refusing a wrong one', async () => {
    const s = withAccount()
    const out = join(s.files, 'backup.json')
    const pw = join(s.files, 'pw.txt')
    writeFileSync(pw, PASSWORD)
    expect(s.run(['export', '--format', 'aegis', '--out', out, '--password-file', pw]).status).toBe(0)
    const other = sandbox()
    const argv = [process.execPath, CLI, 'import', out, '--yes']
    const wrong = await runInTerminal(argv, other.env, [
      { prompt: 'Password for backup.json: ', type: 'wrong horse\r' },
    ])
    expect(wrong.status).toBe(1)
    expect(wrong.screen).toContain('[BACKUP_WRONG_PASSWORD]')
    expect(JSON.parse(other.run(['list', '--json']).stdout)).toEqual([])
    const right = await runInTerminal(argv, other.env, [
      { prompt: 'Password for backup.json: ', type: `${PASSWORD}\r` },
    ])
    expect(right.status).toBe(0)
    expect(right.screen).not.toContain('horse')
    expect(other.run(['list']).stdout).toContain('Monex')
  })

  it('says to use --password-file when there is no terminal', () => {
    const s = withAccount()
    const out = join(s.files, 'backup.json')
    const r = s.run(['export', '--format', 'aegis', '--out', out])
    expect(r.status).toBe(2)
    expect(r.stderr).toBe('warifu: No terminal to ask for a password; use --password-file. [USAGE]\n')
    expect(existsSync(out)).toBe(false)
  })
})
