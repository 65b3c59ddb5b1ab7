/**
 * The `warifu` command never prints back an argument that may hold a secret: a pasted
 * otpauth link or setup key given to any command, in any position, appears nowhere in
 * its output. Runs the built CLI against the real keychain (tests/with-keyring.sh).
 */
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useCliSandboxes } from '../support/cli-process'
import { cliBuilt, hasTool, inKeyringSession, skipUnless } from '../support/tools'

const skip = skipUnless(
  inKeyringSession() && cliBuilt() && hasTool('secret-tool'),
  'a Secret Service keyring (tests/with-keyring.sh) and the built CLI',
)

/** A base32 secret no other test uses, so finding it in the output can only be an echo. */
function uniqueSecret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  return [...randomBytes(32)].map((b) => alphabet[b % 32]).join('')
}

const SECRET = uniqueSecret()
const URI = `otpauth://totp/ACME:alice?secret=${SECRET}&issuer=ACME`
/** The secret as a person might type it from a setup page: lower case, in groups of four. */
const GROUPED = SECRET.toLowerCase()
  .replace(/(.{4})/g, '$1 ')
  .trim()

/** Every command, with the secret where a query, id, file, option name or option value goes. */
const CASES: { args: (files: string) => string[]; stdin?: string }[] = [
  { args: () => [URI] },
  { args: () => [`--${URI}`] },
  { args: () => ['help', URI] },
  { args: () => ['code', URI] },
  { args: () => ['code', SECRET] },
  { args: () => ['code', GROUPED] },
  { args: () => ['code', '--', `--${URI}`] },
  { args: () => ['code', `--${URI}`] },
  { args: () => ['code', `--${SECRET}`] },
  { args: () => ['code', `-${SECRET}`] },
  { args: () => ['code', `--uri=${URI}`, '--at', 'soon'] },
  { args: () => ['code', '--uri', URI.replace('totp', 'ttop')] },
  { args: () => ['code', '--uri', URI, 'monex'] },
  { args: () => ['code', '--uri', '-', `--at=${SECRET}`], stdin: URI },
  { args: () => ['add', URI, 'extra'] },
  { args: () => ['add', `--${URI}`] },
  { args: () => ['add', '--secret', SECRET] },
  { args: () => ['add', '--secret', SECRET, '--label', URI] },
  { args: () => ['add', '--issuer', URI, '--secret', '-'], stdin: SECRET },
  { args: () => ['add', '--secret', SECRET, '--label', 'x', '--digits', '99'] },
  { args: () => ['add', '--secret', SECRET, '--label', 'x', `--period=${SECRET}`] },
  { args: () => ['add', URI.replace('secret=', 'secret=1')] },
  { args: () => ['remove', URI] },
  { args: () => ['remove', SECRET] },
  { args: () => ['remove', `--${URI}`] },
  { args: () => ['restore', URI] },
  { args: () => ['restore', SECRET] },
  { args: () => ['deleted', URI] },
  { args: () => ['adopt', URI, '--label', 'x'] },
  { args: () => ['adopt', SECRET, '--label', 'x'] },
  { args: () => ['orphans', URI] },
  { args: () => ['list', URI] },
  { args: () => ['list', `--json=${URI}`] },
  { args: () => ['scan', URI] },
  { args: (files) => ['scan', join(files, `${SECRET}.png`)] },
  { args: (files) => ['scan', join(files, `${SECRET}.png`), join(files, 'missing.png')] },
  { args: () => ['import', URI] },
  { args: (files) => ['import', '--yes', join(files, `${SECRET}.json`)] },
  { args: (files) => ['import', join(files, 'sub', URI)] },
  { args: () => ['export', '--format', URI, '--out', 'x.json'] },
  { args: (files) => ['export', '--format', 'aegis', '--password-file', join(files, SECRET), '--out', 'x.json'] },
  {
    args: (files) => [
      'export',
      '--format',
      'aegis',
      '--password-file',
      join(files, 'password'),
      '--out',
      join(files, `${SECRET}.json`),
    ],
  },
  {
    args: (files) => [
      'export',
      '--format',
      'otpauth',
      '--yes-write-plain-secrets',
      '--out',
      join(files, 'sub', URI.replace(/[?&]/g, '_')),
    ],
  },
]

describe.skipIf(skip)('warifu never echoes a secret it was given', () => {
  const sandbox = useCliSandboxes()

  it('prints the secret nowhere, for every command and argument position', () => {
    const s = sandbox()
    // A vault with one other account, so commands get as far as searching it.
    expect(
      s.run(['add', '--secret', '-', '--issuer', 'Monex', '--label', 'taro'], { stdin: 'JBSWY3DPEHPK3PXP' }).status,
    ).toBe(0)
    writeFileSync(join(s.files, 'password'), 'correct horse battery\n')
    writeFileSync(join(s.files, `${SECRET}.png`), 'not a PNG')
    const lowered = SECRET.toLowerCase()
    const leaks: string[] = []
    for (const c of CASES) {
      const args = c.args(s.files)
      const r = s.run(args, { stdin: c.stdin })
      const output = `${r.stdout}\n${r.stderr}`
      expect(r.signal, args.join(' ')).toBeNull()
      if (output.toLowerCase().includes(lowered) || output.includes(SECRET.slice(0, 16)))
        leaks.push(
          `${args.join(' ').replaceAll(SECRET, '<SECRET>')} -> ${output.replaceAll(SECRET, '<SECRET>').trim()}`,
        )
    }
    expect(leaks).toEqual([])
  })

  it('still names a short plain search word that matched nothing', () => {
    const s = sandbox()
    expect(
      s.run(['add', '--secret', '-', '--issuer', 'Monex', '--label', 'taro'], { stdin: 'JBSWY3DPEHPK3PXP' }).status,
    ).toBe(0)
    const r = s.run(['code', 'rakuten'])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('No account matches "rakuten". [ACCOUNT_NOT_FOUND]')
    expect(s.run(['add', '--bogus']).stderr).toContain('unknown option --bogus;')
  })
})
