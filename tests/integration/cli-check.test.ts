/**
 * `warifu check` through the built command on the real keychain (gnome-keyring inside
 * tests/with-keyring.sh): the accounts' sites decide, the words say why, and the exit status is
 * 0 (yours), 1 (not yours, or cannot be checked) or 3 (looks like a fake).
 */
import { describe, expect, it } from 'vitest'
import { useCliSandboxes } from '../support/cli-process'
import { cliBuilt, inKeyringSession, skipUnless } from '../support/tools'

const MONEX = 'otpauth://totp/Monex:taro?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Monex'
const skip = skipUnless(
  inKeyringSession() && cliBuilt(),
  'a Secret Service keyring (tests/with-keyring.sh) and the built CLI',
)

describe.skipIf(skip)('warifu check', () => {
  const sandbox = useCliSandboxes()

  function withMonex() {
    const s = sandbox()
    const id = s.run(['add', MONEX]).stdout.trim().split('\n').at(-1)!
    expect(s.run(['site', 'add', id, 'monex.co.jp']).status).toBe(0)
    return s
  }

  it('exits 0 and names the account for one of your sites', () => {
    const r = withMonex().run(['check', 'https://www.monex.co.jp/login'])
    expect(r.status).toBe(0)
    expect(r.stdout).toBe(
      'OK: https://www.monex.co.jp/login is monex.co.jp, the site of your account (Monex / taro).\n' +
        'Everything found is one of your accounts\u2019 sites.\n',
    )
  })

  it('exits 3 and says why for the real domain used as a subdomain', () => {
    const r = withMonex().run(['check', 'monex.co.jp.account-verify.com'])
    expect(r.status).toBe(3)
    expect(r.stdout.split('\n')).toEqual([
      'FAKE? monex.co.jp.account-verify.com is NOT monex.co.jp (Monex / taro).',
      "  The real site's name is used as the start of another site (account-verify.com).",
      'This looks like a fake site: do not enter your password or a code there.',
      '',
    ])
  })

  it('exits 1 for a site that is not yours, and for a shortener', () => {
    const s = withMonex()
    const other = s.run(['check', 'example.com'])
    expect(other.status).toBe(1)
    expect(other.stdout).toContain("NOT YOURS: example.com is not one of your accounts' sites (example.com).")
    const short = s.run(['check', 'https://bit.ly/3abcDEF'])
    expect(short.status).toBe(1)
    expect(short.stdout).toContain('CANNOT CHECK: https://bit.ly/3abcDEF is a link shortener')
    const nothing = s.run(['check', 'hello'])
    expect(nothing.status).toBe(1)
    expect(nothing.stdout).toBe('No web address, host name or e-mail address was found to check.\n')
  })

  it('reads a whole e-mail from standard input: the forgeable sender and every link', () => {
    const mail = [
      'From: "Monex" <support@monex.co.jp>',
      'To: taro@example.com',
      'Subject: 【重要】口座保護のための確認手続き',
      '',
      'お客様の口座保護のため、以下より確認してください。',
      'https://monex.co.jp@evil.example/login',
      '公式サイト: https://www.monex.co.jp/',
    ].join('\n')
    const r = withMonex().run(['check', '-'], { stdin: mail })
    expect(r.status).toBe(3)
    expect(r.stdout.split('\n')).toEqual([
      'OK: The sender support@monex.co.jp is monex.co.jp, the site of your account (Monex / taro).',
      "  An e-mail's sender line can be forged: it alone proves nothing. Check the links.",
      'FAKE? https://monex.co.jp@evil.example/login is NOT monex.co.jp (Monex / taro).',
      '  The text before the @ is ignored by the browser: the link really goes to evil.example.',
      'OK: https://www.monex.co.jp/ is monex.co.jp, the site of your account (Monex / taro).',
      'This looks like a fake site: do not enter your password or a code there.',
      '',
    ])
  })

  it('flags a well-known service’s fake even with no site set, never prints a link’s password, and gives JSON', () => {
    const s = sandbox()
    const r = s.run(['check', 'https://user:hunter2pass@www.sbisec.co.jp.login-check.net/'])
    expect(r.status).toBe(3)
    expect(r.stdout).toContain(
      "FAKE? https://user@www.sbisec.co.jp.login-check.net/ is NOT sbisec.co.jp (a well-known service's site).",
    )
    expect(r.stdout + r.stderr).not.toContain('hunter2pass')
    const secret = s.run(['check', 'https://evil.example/setup?secret=JBSWY3DPEHPK3PXP&issuer=Monex'])
    expect(secret.stdout).toContain('NOT YOURS: https://evil.example/setup?… is not one of your accounts')
    expect(secret.stdout + secret.stderr).not.toContain('JBSWY3DPEHPK3PXP')
    const json = s.run(['check', '--json', 'monex-co-jp.com'])
    expect(json.status).toBe(3)
    expect(JSON.parse(json.stdout)).toEqual({
      worst: 'lookalike',
      findings: [expect.objectContaining({ text: 'monex-co-jp.com', verdict: 'lookalike', site: 'monex.co.jp' })],
    })
  })

  it('is a usage error (2) without text', () => {
    const r = sandbox().run(['check'])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/\[USAGE\]/)
  })
})
