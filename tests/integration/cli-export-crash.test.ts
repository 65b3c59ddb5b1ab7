/**
 * An export killed between writing and renaming its file (WARIFU_CRASH_AT) leaves a temp file
 * holding the secrets; the next export into that folder removes it. The built CLI against the
 * real keychain (tests/with-keyring.sh).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useCliSandboxes } from '../support/cli-process'
import { cliBuilt, hasTool, inKeyringSession, skipUnless } from '../support/tools'

const skip = skipUnless(
  inKeyringSession() && cliBuilt() && hasTool('secret-tool'),
  'a Secret Service keyring (tests/with-keyring.sh) and the built CLI',
)
const SECRET = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU'
const URI = `otpauth://totp/Rakuten:jiro?secret=${SECRET}&issuer=Rakuten`
const TEMP = /^\.warifu-export-\d+-[0-9a-f]{12}\.tmp$/

describe.skipIf(skip)('warifu export killed between write and rename', () => {
  const sandbox = useCliSandboxes()

  it.each([
    ['otpauth', ['--yes-write-plain-secrets']],
    ['aegis-plain', ['--yes-write-plain-secrets']],
  ])('leaves no %s temp file behind once the next export runs in that folder', (format, extra) => {
    const s = sandbox()
    expect(s.run(['add', URI]).status).toBe(0)
    const out = join(s.files, 'moving.txt')
    const killed = s.run(['export', '--format', format, '--out', out, ...extra], {
      env: { WARIFU_CRASH_AT: 'export:before-rename' },
    })
    expect(killed.signal).toBe('SIGKILL')
    // What a crash at this point leaves: no target, one owner-only temp file with the secrets.
    const left = readdirSync(s.files).filter((n) => TEMP.test(n))
    expect(left).toHaveLength(1)
    expect(readdirSync(s.files)).not.toContain('moving.txt')
    expect(readFileSync(join(s.files, left[0]!), 'utf8')).toContain(SECRET)

    const again = s.run(['export', '--format', format, '--out', join(s.files, 'again.txt'), ...extra])
    expect(again.status).toBe(0)
    expect(readdirSync(s.files).filter((n) => TEMP.test(n))).toEqual([])
  })

  it('never leaves a temp file when the export fails before the rename', () => {
    const s = sandbox()
    expect(s.run(['add', URI]).status).toBe(0)
    // The data folder is refused before anything is written; a folder in the way fails the rename.
    const r = s.run(['export', '--format', 'otpauth', '--yes-write-plain-secrets', '--out', s.files])
    expect(r.status).toBe(1)
    expect(r.stderr).not.toContain(SECRET)
    expect(readdirSync(s.files).filter((n) => TEMP.test(n))).toEqual([])
  })
})
