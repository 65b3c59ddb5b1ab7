/**
 * `warifu import` through the built CLI: links on standard input and as arguments, clear errors for
 * a missing file, a folder and a FIFO, and an encrypted backup opened by the password-hashing worker
 * bundled beside the CLI (dist/cli/kdf-worker.cjs), not only from the TypeScript source.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeAegisEncrypted } from '../../electron/backup/aegis-encrypted'
import { useCliSandboxes } from '../support/cli-process'
import { ROOT, cliBuilt, hasTool, inKeyringSession, skipUnless } from '../support/tools'

const URI = 'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME'
const URI2 = 'otpauth://totp/Monex:taro?secret=GEZDGNBVGY3TQOJQ&issuer=Monex'
const skip = skipUnless(
  inKeyringSession() && cliBuilt() && hasTool('mkfifo'),
  'a Secret Service keyring (tests/with-keyring.sh), mkfifo and the built CLI',
)

describe.skipIf(skip)('warifu import input, through the built CLI', () => {
  const sandbox = useCliSandboxes()

  it('reads links from standard input with "-" and as arguments', () => {
    const s = sandbox()
    const piped = s.run(['import', '-', '--yes'], { stdin: `${URI}\n` })
    expect(piped.stderr).toBe('')
    expect(piped.status).toBe(0)
    const argued = s.run(['import', URI2, '--yes'])
    expect(argued.status).toBe(0)
    expect(argued.stdout + argued.stderr).not.toContain('GEZDGNBVGY3TQOJQ')
    expect(s.run(['list']).stdout).toMatch(/ACME[\s\S]*Monex/)
  })

  it('says what is wrong with a missing file, a folder and a FIFO, and never hangs', () => {
    const s = sandbox()
    mkdirSync(join(s.files, 'folder'))
    expect(spawnSync('mkfifo', [join(s.files, 'pipe')]).status).toBe(0)
    const cases: [string, string][] = [
      ['missing.json', 'missing.json: The file does not exist. [FILE_UNREADABLE]'],
      ['folder', 'folder: That is a folder, not a file. [FILE_UNREADABLE]'],
      ['pipe', 'pipe: That is not a regular file (a pipe or a device). [FILE_UNREADABLE]'],
    ]
    for (const [name, message] of cases) {
      const r = s.run(['import', join(s.files, name)])
      expect(r.signal, name).toBeNull()
      expect(r.status, name).toBe(1)
      expect(r.stderr.trim()).toBe(`warifu: ${message}`)
    }
  })

  it('opens an encrypted Aegis backup at Aegis\u2019s own cost with the worker bundled beside the CLI', async () => {
    expect(existsSync(join(ROOT, 'dist', 'cli', 'kdf-worker.cjs'))).toBe(true)
    const s = sandbox()
    const backup = join(s.files, 'backup.json')
    const account = {
      type: 'totp' as const,
      secret: 'JBSWY3DPEHPK3PXP',
      issuer: 'ACME',
      label: 'alice',
      algorithm: 'SHA1' as const,
      digits: 6,
      period: 30,
    }
    writeFileSync(backup, await writeAegisEncrypted([account], 'correct horse battery'))
    writeFileSync(join(s.files, 'pw'), 'correct horse battery\n')
    const r = s.run(['import', backup, '--yes', '--password-file', join(s.files, 'pw')])
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain('Added 1 account(s).')
  })
})
