/**
 * `warifu export` at a terminal shows the app's strength hint (zxcvbn-ts, the app's English text)
 * after the password is typed and before it is asked again, so a weak choice can still change.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { en } from '../../renderer/i18n/en'
import { useCliSandboxes } from '../support/cli-process'
import { runInTerminal } from '../support/terminal'
import { CLI, cliBuilt, hasTool, inKeyringSession, skipUnless } from '../support/tools'

const URI = 'otpauth://totp/Monex:taro?secret=JBSWY3DPEHPK3PXP&issuer=Monex'
const skip = skipUnless(
  inKeyringSession() && cliBuilt() && hasTool('script'),
  'a Secret Service keyring (tests/with-keyring.sh), the built CLI and script (util-linux)',
)

describe.skipIf(skip)('the CLI password strength hint', () => {
  const sandbox = useCliSandboxes()

  async function exportWith(password: string) {
    const s = sandbox()
    expect(s.run(['add', URI]).status).toBe(0)
    const out = join(s.files, 'backup.json')
    return runInTerminal([process.execPath, CLI, 'export', '--format', 'aegis', '--out', out], s.env, [
      { prompt: 'Backup password: ', type: `${password}\r` },
      { prompt: 'Again: ', type: `${password}\r` },
    ])
  }

  it('names a heavily used password as weak, with the reason and a suggestion, before asking again', async () => {
    const run = await exportWith('password')
    expect(run.status).toBe(0)
    const hint = `Password strength: ${en['password.hint.weak']} ${en['password.warning.topTen']} ${en['password.suggestion.anotherWord']}`
    expect(run.screen).toContain(hint)
    expect(run.screen.indexOf(hint)).toBeLessThan(run.screen.indexOf('Again: '))
  })

  it('calls a long passphrase strong', async () => {
    const run = await exportWith('vivid otter plinth marrow')
    expect(run.status).toBe(0)
    expect(run.screen).toContain(`Password strength: ${en['password.hint.strong']}`)
    expect(run.screen).not.toContain('otter')
  })
})
