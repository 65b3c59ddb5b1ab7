/**
 * The `warifu` command against the real OS keychain (gnome-keyring's Secret
 * Service inside tests/with-keyring.sh), never a mock.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliSandbox, useCliSandboxes } from '../support/cli-process'
import { keychainEntry } from '../support/keychain-entry'
import { cliBuilt, hasTool, inKeyringSession, skipUnless } from '../support/tools'

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
const URI = `otpauth://totp/Monex:taro?secret=${SECRET}&issuer=Monex&algorithm=SHA256&digits=8&period=60`
const skip = skipUnless(
  inKeyringSession() && cliBuilt() && hasTool('secret-tool'),
  'a Secret Service keyring (tests/with-keyring.sh) and the built CLI',
)

const oathtool = (args: string[]) => execFileSync('oathtool', args, { encoding: 'utf8' }).trim()

describe.skipIf(skip)('warifu CLI with the real keychain', () => {
  const sandbox = useCliSandboxes()

  it('adds, lists, codes and removes accounts', () => {
    const s = sandbox()
    const added = s.run(['add', URI])
    expect(added.status).toBe(0)
    const id = added.stdout.trim().split('\n').at(-1)!
    expect(id).toMatch(/^[0-9a-f]{16}$/)

    const typed = s.run(['add', '--secret', '-', '--issuer', '楽天証券', '--label', 'hanako'], {
      stdin: 'gezd gnbv gy3t qojq\n',
    })
    expect(typed.status).toBe(0)
    const id2 = typed.stdout.trim().split('\n').at(-1)!

    const listed = s.run(['list', '--json'])
    expect(listed.status).toBe(0)
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({
        id,
        issuer: 'Monex',
        label: 'taro',
        type: 'totp',
        algorithm: 'SHA256',
        digits: 8,
        period: 60,
      }),
      expect.objectContaining({
        id: id2,
        issuer: '楽天証券',
        label: 'hanako',
        type: 'totp',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
      }),
    ])
    expect(listed.stdout + s.run(['list']).stdout).not.toContain(SECRET)

    const at = 1_800_000_000
    const code = s.run(['code', 'monex', '--at', String(at)])
    expect(code.status).toBe(0)
    const expected = oathtool(['--totp=SHA256', '-b', '-d', '8', '-s', '60s', '-N', `@${at}`, SECRET])
    expect(code.stdout).toBe(`${expected}\n`)
    const code2 = s.run(['code', '楽天', '--at', String(at + 7)])
    expect(code2.stdout).toBe(`${oathtool(['--totp', '-b', '-N', `@${at + 7}`, 'GEZDGNBVGY3TQOJQ'])}\n`)

    // The secret is in the keychain under the service, and nowhere in the metadata file.
    expect(s.secretTool()).toContain(`secret = ${SECRET}`)
    const metadata = readFileSync(join(s.home, 'vault.json'), 'utf8')
    // Named by the vault's id and the account's, so another home on the same service never claims it.
    expect(s.secretTool()).toContain(`attribute.account = ${keychainEntry(s.home, id)}`)
    expect(metadata).toContain(id)
    expect(metadata).not.toContain(SECRET)
    expect(metadata).not.toContain('GEZDGNBVGY3TQOJQ')

    const removed = s.run(['remove', id])
    expect(removed.status).toBe(0)
    // Recently deleted keeps the secret until it is deleted for good.
    expect(s.secretTool()).toContain(SECRET)
    expect(s.run(['remove', '--forever', id]).status).toBe(0)
    expect(s.secretTool()).not.toContain(SECRET)
    expect(JSON.parse(s.run(['list', '--json']).stdout)).toEqual([expect.objectContaining({ id: id2 })])
  })

  it('saves a HOTP counter before printing the code, across processes', () => {
    const s = sandbox()
    const id = s
      .run(['add', `otpauth://hotp/Bank:h?secret=${SECRET}&counter=7`])
      .stdout.trim()
      .split('\n')
      .at(-1)!
    const first = s.run(['code', id]).stdout.trim()
    const second = s.run(['code', id]).stdout.trim()
    expect(first).toBe(oathtool(['--hotp', '-b', '-c', '7', SECRET]))
    expect(second).toBe(oathtool(['--hotp', '-b', '-c', '8', SECRET]))
  })

  describe('a process killed in the middle of a change loses nothing', () => {
    it('completes an add killed after the keychain write', () => {
      const s = sandbox()
      const killed = s.run(['add', URI], { env: { WARIFU_CRASH_AT: 'add:after-keychain' } })
      expect(killed.signal).toBe('SIGKILL')
      expect(readFileSync(join(s.home, 'vault.json'), 'utf8')).toContain('"pending": "add"')
      const listed = s.run(['list', '--json'])
      expect(listed.status).toBe(0)
      expect(listed.stderr).toMatch(/interrupted add of "Monex \/ taro" was completed/)
      const [account] = JSON.parse(listed.stdout) as { id: string }[]
      expect(s.run(['code', account!.id, '--at', '0']).stdout).toMatch(/^\d{8}\n$/)
      expect(readFileSync(join(s.home, 'vault.json'), 'utf8')).not.toContain('pending')
    })

    it('rolls back, and says so, an add killed before its secret was saved', () => {
      const s = sandbox()
      expect(s.run(['add', URI], { env: { WARIFU_CRASH_AT: 'add:after-pending' } }).signal).toBe('SIGKILL')
      const listed = s.run(['list', '--json'])
      expect(listed.status).toBe(0)
      expect(listed.stderr).toMatch(/never reached the keychain/)
      expect(JSON.parse(listed.stdout)).toEqual([])
    })

    it('finishes a delete-for-good killed after the keychain delete', () => {
      const s = sandbox()
      const id = s.run(['add', URI]).stdout.trim().split('\n').at(-1)!
      s.run(['remove', id])
      expect(s.run(['remove', '--forever', id], { env: { WARIFU_CRASH_AT: 'purge:after-keychain' } }).signal).toBe(
        'SIGKILL',
      )
      const listed = s.run(['list', '--json'])
      expect(listed.stderr).toMatch(/interrupted removal/)
      expect(JSON.parse(listed.stdout)).toEqual([])
    })

    it('takes over the lock a killed process left behind', () => {
      const s = sandbox()
      s.run(['add', URI], { env: { WARIFU_CRASH_AT: 'add:after-pending' } })
      // The killed process held no lock at that point, but a stale lock file from a dead pid must not block.
      execFileSync('sh', ['-c', `echo 999999 > "${join(s.home, 'vault.json.lock')}"`])
      expect(s.run(['list']).status).toBe(0)
    })
  })
})

describe.skipIf(
  skipUnless(hasTool('dbus-run-session') && hasTool('gnome-keyring-daemon') && cliBuilt(), 'gnome-keyring and dbus'),
)('warifu CLI without a usable keychain', () => {
  it('fails with KEYCHAIN_UNAVAILABLE on a locked keyring instead of crashing', () => {
    const s = cliSandbox()
    try {
      const r = s.runWrapped(['tests/support/locked-keyring.sh'], ['list'])
      expect(r.signal).toBeNull()
      expect(r.status).toBe(1)
      expect(r.stderr).toMatch(/^warifu: No usable OS keychain \(.*locked.*\).*\[KEYCHAIN_UNAVAILABLE\]$/m)
      expect(r.stdout).toBe('')
    } finally {
      s.dispose()
    }
  })

  it('fails with KEYCHAIN_UNAVAILABLE when no Secret Service is reachable', () => {
    const s = cliSandbox()
    try {
      const r = s.run(['add', URI], { env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' } })
      expect(r.status).toBe(1)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toMatch(/\[KEYCHAIN_UNAVAILABLE\]/)
      expect(r.stderr).toMatch(/gnome-keyring/)
      expect(r.stderr).not.toContain(SECRET)
    } finally {
      s.dispose()
    }
  })

  it.skipIf(skipUnless(hasTool('xvfb-run'), 'xvfb-run'))(
    'turns a keychain that waits on an invisible unlock prompt into the clear error',
    () => {
      const s = cliSandbox()
      try {
        // With a display, the locked collection pops an unlock prompt nobody answers.
        const r = s.runWrapped(['xvfb-run', '-a', 'tests/support/locked-keyring.sh'], ['list'], {
          WARIFU_LOCKED_KEEP_DISPLAY: '1',
          WARIFU_KEYCHAIN_TIMEOUT_MS: '1000',
        })
        expect(r.stderr).toMatch(/did not answer within 1 s.*\[KEYCHAIN_UNAVAILABLE\]/)
        expect(r.status).not.toBe(0)
      } finally {
        s.dispose()
      }
    },
  )
})
