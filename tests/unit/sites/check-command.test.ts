/** `warifu check` in-process (fake keychain): exit codes, and plain words for every reason. */
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../electron/cli/cli'
import { describeFinding } from '../../../electron/cli/commands/check'
import type { CliIo } from '../../../electron/cli/io'
import { Vault } from '../../../electron/vault/vault'
import { checkText, type LinkReason } from '../../../shared/sites/check'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'

const URI = 'otpauth://totp/Monex:taro?secret=JBSWY3DPEHPK3PXP&issuer=Monex'

function harness(dir: string, stdin = '') {
  const out: string[] = []
  const err: string[] = []
  const store = new MemorySecretStore()
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readStdin: () => Promise.resolve(stdin),
    now: () => 59_000,
    openVault: () => Vault.open({ dir, store, now: () => 59_000 }),
  }
  return { out, err, run: (...argv: string[]) => runCli(argv, io) }
}

describe('warifu check (in-process)', () => {
  const tempDir = useTempDir()

  it('exits 0 for your site, 1 for another or a shortener, 3 for a fake', async () => {
    const h = harness(tempDir())
    expect(await h.run('add', URI)).toBe(0)
    const id = h.out.at(-1)!
    expect(await h.run('site', 'add', id, 'monex.co.jp')).toBe(0)
    expect(await h.run('check', 'www.monex.co.jp')).toBe(0)
    expect(await h.run('check', 'example.com')).toBe(1)
    expect(await h.run('check', 'https://bit.ly/abc')).toBe(1)
    expect(await h.run('check', 'rnonex.co.jp')).toBe(3)
    expect(await h.run('check', 'www.monex.co.jp', 'monex.jp')).toBe(3)
    expect(await h.run('check', '--json', 'www.monex.co.jp')).toBe(0)
    expect(await h.run('check')).toBe(2)
  })

  it('reads - from standard input', async () => {
    const h = harness(tempDir(), 'From: <x@example.com>\n\nhttps://monex.co.jp.account-verify.com/\n')
    expect(await h.run('check', '-')).toBe(3)
    expect(h.out[0]).toBe("NOT YOURS: The sender x@example.com is not one of your accounts' sites (example.com).")
  })
})

describe('warifu check wording', () => {
  const known = [{ site: 'monex.co.jp', accounts: [{ issuer: 'Monex', label: 'taro' }] }]
  const cases: [string, LinkReason, string][] = [
    [
      'monex.co.jp.account-verify.com',
      'subdomain-trick',
      "The real site's name is used as the start of another site (account-verify.com).",
    ],
    [
      'monex-co-jp.com',
      'brand-in-other-domain',
      "The name monex.co.jp appears inside another site's name (monex-co-jp.com)",
    ],
    ['monex.jp', 'other-suffix', 'Same name with a different ending: monex.jp instead of monex.co.jp.'],
    [
      'https://mоnex.co.jp/',
      'homograph',
      'letters from another alphabet that look the same as monex.co.jp; it is really xn--mnex-55d.co.jp.',
    ],
    ['rnonex.co.jp', 'edit-distance', 'differs from monex.co.jp by a letter or two, or by look-alike letters'],
    [
      'https://monex.co.jp@evil.example/',
      'userinfo',
      'The text before the @ is ignored by the browser: the link really goes to evil.example.',
    ],
    ['http://monex.co.jp/', 'plain-http', 'starts with http://, not https://'],
    ['https://bit.ly/x', 'shortener', 'unless the address bar shows your site'],
    ['From: <a@monex.co.jp>', 'sender-forgeable', "An e-mail's sender line can be forged"],
  ]

  it.each(cases)('%s (%s) says so in plain words', (input, reason, words) => {
    const finding = checkText(input, known).findings[0]!
    expect(finding.reasons).toContain(reason)
    const lines = describeFinding(finding)
    expect(lines.slice(1).join('\n')).toContain(words)
  })

  it('never lets control or bidi characters through to the terminal', () => {
    const lines = describeFinding({
      text: 'evil\u202e.example\u001b[2J',
      host: 'evil.example',
      verdict: 'unknown',
      reasons: [],
    })
    expect(lines.join('')).not.toMatch(/[\u202e\u001b]/)
  })
})
