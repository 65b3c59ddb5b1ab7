/**
 * The link and sender check. The table holds the shapes that brokers' own phishing warnings
 * ("フィッシング詐欺にご注意") describe: the real domain used as the start of another host, the brand
 * with hyphens or words around it, the same name under .com/.net/.jp, letters swapped for
 * look-alikes, a user@ part in front of the host, shortened links, and real-world shapes such as
 * a translate.goog proxy page, plus invented ones.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  checkText,
  editDistance,
  MAX_CHECK_TEXT,
  MAX_FINDINGS,
  type KnownSite,
  type LinkReason,
  type Verdict,
} from '../../../shared/sites/check'

const acct = (issuer: string) => [{ issuer, label: 'taro' }]
const KNOWN: KnownSite[] = [
  { site: 'monex.co.jp', accounts: acct('マネックス証券') },
  { site: 'sbisec.co.jp', accounts: acct('SBI証券') },
  { site: 'rakuten-sec.co.jp', accounts: acct('楽天証券') },
  { site: 'matsui.co.jp', accounts: acct('松井証券') },
  { site: 'smbcnikko.co.jp', accounts: acct('SMBC日興証券') },
  { site: 'nomura.co.jp', accounts: acct('野村證券') },
  { site: 'kabu.com', accounts: acct('auカブコム証券') },
  { site: 'github.com', accounts: acct('GitHub') },
]

type Row = [input: string, verdict: Verdict, site: string | undefined, reasons: LinkReason[]]

const TABLE: Row[] = [
  // One of your sites, or a subdomain of one.
  ['monex.co.jp', 'yours', 'monex.co.jp', []],
  ['https://www.monex.co.jp/', 'yours', 'monex.co.jp', []],
  ['https://mxp1.monex.co.jp/pc/servlet/ITS/login/LoginIDPassword', 'yours', 'monex.co.jp', []],
  ['https://site1.sbisec.co.jp/ETGate/', 'yours', 'sbisec.co.jp', []],
  ['https://member.rakuten-sec.co.jp/app/login.do', 'yours', 'rakuten-sec.co.jp', []],
  ['https://www.deal.matsui.co.jp/', 'yours', 'matsui.co.jp', []],
  ['https://trade.smbcnikko.co.jp/Login/', 'yours', 'smbcnikko.co.jp', []],
  ['HTTPS://WWW.NOMURA.CO.JP/', 'yours', 'nomura.co.jp', []],
  ['https://s10.kabu.com/', 'yours', 'kabu.com', []],
  ['github.com/login', 'yours', 'github.com', []],
  ['info@monex.co.jp', 'yours', 'monex.co.jp', []],
  ['https://monex.co.jp./login', 'yours', 'monex.co.jp', []],
  ['https://ｍｏｎｅｘ.co.jp/', 'yours', 'monex.co.jp', []],
  ['http://www.monex.co.jp/', 'yours', 'monex.co.jp', ['plain-http']],
  ['https://taro@monex.co.jp/', 'yours', 'monex.co.jp', ['userinfo']],
  // The real domain used as the start of another host.
  ['monex.co.jp.account-verify.com', 'lookalike', 'monex.co.jp', ['subdomain-trick']],
  ['https://www.sbisec.co.jp.ssl-login.com/ETGate', 'lookalike', 'sbisec.co.jp', ['subdomain-trick']],
  ['https://rakuten-sec.co.jp.xyzabc.cn/login', 'lookalike', 'rakuten-sec.co.jp', ['subdomain-trick']],
  ['member.rakuten-sec.co.jp.secure-auth.top', 'lookalike', 'rakuten-sec.co.jp', ['subdomain-trick']],
  ['https://matsui.co.jp.mfa-check.net/', 'lookalike', 'matsui.co.jp', ['subdomain-trick']],
  ['http://smbcnikko.co.jp.kakunin-jp.com/', 'lookalike', 'smbcnikko.co.jp', ['subdomain-trick']],
  ['https://nomura.co.jp.evil.example/', 'lookalike', 'nomura.co.jp', ['subdomain-trick']],
  ['github.com.login-session.io', 'lookalike', 'github.com', ['subdomain-trick']],
  ['monex.co.jp.cn', 'lookalike', 'monex.co.jp', ['subdomain-trick']],
  // The brand inside another registrable domain.
  ['monex-co-jp.com', 'lookalike', 'monex.co.jp', ['brand-in-other-domain']],
  ['https://monex.co.jp-login.net/', 'lookalike', 'monex.co.jp', ['brand-in-other-domain']],
  ['sbisec-security.jp', 'lookalike', 'sbisec.co.jp', ['brand-in-other-domain']],
  ['sbisec-login.com', 'lookalike', 'sbisec.co.jp', ['brand-in-other-domain']],
  ['rakuten-sec-login.com', 'lookalike', 'rakuten-sec.co.jp', ['brand-in-other-domain']],
  ['www.rakuten-sec-jp.top', 'lookalike', 'rakuten-sec.co.jp', ['brand-in-other-domain']],
  ['monex-security-check.com', 'lookalike', 'monex.co.jp', ['brand-in-other-domain']],
  ['mymonexaccount.com', 'lookalike', 'monex.co.jp', ['brand-in-other-domain']],
  ['monex.secure-login.info', 'lookalike', 'monex.co.jp', ['brand-in-other-domain']],
  ['matsui-sec.co.jp', 'lookalike', 'matsui.co.jp', ['brand-in-other-domain']],
  ['nomura-co-jp.net', 'lookalike', 'nomura.co.jp', ['brand-in-other-domain']],
  ['https://kabu.com-secure.net/', 'lookalike', 'kabu.com', ['brand-in-other-domain']],
  ['smbcnikko-verify.com', 'lookalike', 'smbcnikko.co.jp', ['brand-in-other-domain']],
  // The same name under another public suffix.
  ['monex.jp', 'lookalike', 'monex.co.jp', ['other-suffix']],
  ['monex.co', 'lookalike', 'monex.co.jp', ['other-suffix']],
  ['rakuten-sec.net', 'lookalike', 'rakuten-sec.co.jp', ['other-suffix']],
  ['www.sbisec.com', 'lookalike', 'sbisec.co.jp', ['other-suffix']],
  ['https://matsui.com/login', 'lookalike', 'matsui.co.jp', ['other-suffix']],
  ['smbcnikko.jp', 'lookalike', 'smbcnikko.co.jp', ['other-suffix']],
  ['nomura.net', 'lookalike', 'nomura.co.jp', ['other-suffix']],
  ['github.co', 'lookalike', 'github.com', ['other-suffix']],
  // Letters from another alphabet that look the same (UTS #39 skeleton), shown or in punycode.
  ['https://mоnex.co.jp/', 'lookalike', 'monex.co.jp', ['homograph']],
  ['https://xn--mnex-55d.co.jp/', 'lookalike', 'monex.co.jp', ['homograph']],
  ['sbіsec.co.jp', 'lookalike', 'sbisec.co.jp', ['homograph']],
  ['https://rаkuten-sec.co.jp/', 'lookalike', 'rakuten-sec.co.jp', ['homograph']],
  ['https://gіthub.com/login', 'lookalike', 'github.com', ['homograph']],
  ['mаtsui.co.jp', 'lookalike', 'matsui.co.jp', ['homograph']],
  ['https://monex.cо.jp/', 'lookalike', 'monex.co.jp', ['homograph']],
  // A letter or two off, or ASCII look-alikes (rn for m, 0 for o).
  ['rnonex.co.jp', 'lookalike', 'monex.co.jp', ['edit-distance']],
  ['sbisecc.co.jp', 'lookalike', 'sbisec.co.jp', ['edit-distance']],
  ['m0nex.co.jp', 'lookalike', 'monex.co.jp', ['edit-distance']],
  ['rakuten-sce.co.jp', 'lookalike', 'rakuten-sec.co.jp', ['edit-distance']],
  ['matsuii.co.jp', 'lookalike', 'matsui.co.jp', ['edit-distance']],
  ['https://smbcnikk0.co.jp/', 'lookalike', 'smbcnikko.co.jp', ['edit-distance']],
  ['nomure.co.jp', 'lookalike', 'nomura.co.jp', ['edit-distance']],
  ['githuh.com', 'lookalike', 'github.com', ['edit-distance']],
  ['sbiseq.co.jp', 'lookalike', 'sbisec.co.jp', ['edit-distance']],
  ['rakutensec.co.jp', 'lookalike', 'rakuten-sec.co.jp', ['edit-distance']],
  // Text before an @, which the browser ignores.
  ['https://monex.co.jp@evil.example/', 'lookalike', 'monex.co.jp', ['userinfo']],
  ['https://www.sbisec.co.jp:login@203.0.113.5/', 'lookalike', 'sbisec.co.jp', ['userinfo']],
  ['https://user@evil.example/', 'unknown', undefined, ['userinfo']],
  // Link shorteners: where they lead cannot be known offline.
  ['https://bit.ly/3xYzAbC', 'unverifiable', undefined, ['shortener']],
  ['https://t.co/abc123', 'unverifiable', undefined, ['shortener']],
  ['tinyurl.com/y2abcdef', 'unverifiable', undefined, ['shortener']],
  ['https://lin.ee/xyz', 'unverifiable', undefined, ['shortener']],
  ['https://x.gd/abcd', 'unverifiable', undefined, ['shortener']],
  // Not one of your sites, and not like one.
  ['example.com', 'unknown', undefined, []],
  ['https://u1bf1gykzvy-pages-dev.translate.goog/login', 'unknown', undefined, []],
  ['https://www.yahoo.co.jp/', 'unknown', undefined, []],
  ['https://203.0.113.7/login', 'unknown', undefined, []],
  ['support@example.net', 'unknown', undefined, []],
  ['moneyforward.com', 'unknown', undefined, []],
  ['rakuten.co.jp', 'unknown', undefined, []],
  ['https://www.google.com/', 'unknown', undefined, []],
  ['netflix.com', 'unknown', undefined, []],
]

describe('sites/check table', () => {
  it('has at least 60 rows', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60)
  })

  it.each(TABLE)('%s -> %s %s %j', (input, verdict, site, reasons) => {
    const { findings, worst } = checkText(input, KNOWN)
    expect(findings).toHaveLength(1)
    const [f] = findings
    expect({ verdict: f!.verdict, site: f!.site, reasons: f!.reasons }).toEqual({ verdict, site, reasons })
    expect(worst).toBe(verdict)
    if (site !== undefined) expect(f!.accounts?.[0]?.label).toBe('taro')
  })
})

describe('sites/check', () => {
  it('reports the sender of a pasted e-mail as forgeable, skips the other headers, and checks every link', () => {
    const mail = [
      'Return-Path: <bounce@mailer.evil.example>',
      'Received: from mx.evil.example (mx.evil.example [198.51.100.4])',
      '\tby mx.example.net',
      'From: "monex.co.jp" <info@monex-secure.com>',
      'To: taro@example.net',
      'Subject: 【重要】口座保護のための確認手続き',
      'Message-ID: <abc@mx.evil.example>',
      '',
      'お客様の口座を保護するため、以下のURLから確認手続きをお願いします。',
      'https://monex.co.jp.account-verify.com/login?id=1',
      '公式サイト：https://www.monex.co.jp/',
    ].join('\r\n')
    const { findings, worst } = checkText(mail, KNOWN)
    expect(findings.map((f) => [f.text, f.verdict, f.reasons, f.isSender ?? false])).toEqual([
      ['info@monex-secure.com', 'lookalike', ['brand-in-other-domain', 'sender-forgeable'], true],
      ['https://monex.co.jp.account-verify.com/login?id=1', 'lookalike', ['subdomain-trick'], false],
      ['https://www.monex.co.jp/', 'yours', [], false],
    ])
    expect(worst).toBe('lookalike')
  })

  it('reads a 差出人 line as the sender and finds hosts inside Japanese text, in the order they appear', () => {
    const text =
      '差出人: SBI証券 <support@sbisec.co.jp>\n詳細はwww.sbisec.co.jpをご確認ください。こちらhttps://sbisec-security.jpからログイン'
    const { findings } = checkText(text, KNOWN)
    expect(findings.map((f) => [f.text, f.verdict, f.isSender ?? false])).toEqual([
      ['support@sbisec.co.jp', 'yours', true],
      ['www.sbisec.co.jp', 'yours', false],
      ['https://sbisec-security.jp', 'lookalike', false],
    ])
    expect(findings[0]!.reasons).toEqual(['sender-forgeable'])
  })

  it('checks every link of an SMS, once each', () => {
    const sms =
      '【楽天証券】お客様の口座が一時停止されました。https://rakuten-sec.co.jp.xyzabc.cn/login 再開はこちら https://rakuten-sec.co.jp.xyzabc.cn/login'
    const { findings } = checkText(sms, KNOWN)
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ verdict: 'lookalike', site: 'rakuten-sec.co.jp', reasons: ['subdomain-trick'] })
  })

  it('never keeps the password of a link, and names the real host', () => {
    const { findings } = checkText('https://monex.co.jp:hunter2@evil.example/x', KNOWN)
    expect(findings[0]).toMatchObject({ text: 'https://monex.co.jp@evil.example/x', host: 'evil.example' })
    expect(JSON.stringify(findings)).not.toContain('hunter2')
  })

  it('takes a backslash as the end of the host, as browsers do', () => {
    const { findings } = checkText('https://evil.example\\@monex.co.jp/', KNOWN)
    expect(findings[0]).toMatchObject({ host: 'evil.example', verdict: 'unknown' })
  })

  it('ranks worst as lookalike > unverifiable > unknown > yours', () => {
    expect(checkText('monex.co.jp', KNOWN).worst).toBe('yours')
    expect(checkText('monex.co.jp example.com', KNOWN).worst).toBe('unknown')
    expect(checkText('monex.co.jp example.com https://bit.ly/x', KNOWN).worst).toBe('unverifiable')
    expect(checkText('https://bit.ly/x monex.jp example.com', KNOWN).worst).toBe('lookalike')
    expect(checkText('', KNOWN)).toEqual({ findings: [], worst: 'yours' })
  })

  it('without any site, still calls out the surest tricks against well-known services, and nothing else', () => {
    expect(checkText('https://www.sbisec.co.jp.ssl-login.com/', [])).toMatchObject({
      worst: 'lookalike',
      findings: [{ site: 'sbisec.co.jp', accounts: [], reasons: ['subdomain-trick'] }],
    })
    expect(checkText('https://mоnex.co.jp/', []).findings[0]).toMatchObject({
      site: 'monex.co.jp',
      reasons: ['homograph'],
    })
    // Another country's domain or the name merely appearing: too often innocent without an account.
    expect(checkText('monex.jp google.de mymonexaccount.com', []).worst).toBe('unknown')
    // A service's other verified domains are never its fakes.
    expect(checkText('amazon.co.jp', [{ site: 'amazon.com', accounts: acct('Amazon') }]).worst).toBe('unknown')
  })

  it('reads numbers and file names as words, not hosts', () => {
    expect(checkText('version 1.2.3, file.txt, e.g. 3.14', KNOWN).findings).toEqual([])
  })

  it('stays fast on hostile text: long runs of address characters, dots and at-signs', () => {
    // Not a timing assertion: these shapes used to be scanned once per character (quadratic).
    for (const text of [('a'.repeat(60) + '@').repeat(4000), 'a.'.repeat(130_000), 'a@'.repeat(130_000)]) {
      expect(checkText(text, KNOWN).findings).toEqual([])
    }
  })

  it('bounds its work: text past 256 KiB is not read, at most 500 findings', () => {
    const many = Array.from({ length: 600 }, (_, i) => `host${i}.example.com`).join(' ')
    expect(checkText(many, KNOWN).findings).toHaveLength(MAX_FINDINGS)
    const late = `${' '.repeat(MAX_CHECK_TEXT)} monex.jp`
    expect(checkText(late, KNOWN).findings).toEqual([])
  })

  it('never throws on any string, with any known sites', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.array(fc.record({ site: fc.string({ maxLength: 30 }), accounts: fc.constant<KnownSite['accounts']>([]) }), {
          maxLength: 5,
        }),
        (text, known) => {
          const result = checkText(text, known)
          expect(['yours', 'lookalike', 'unknown', 'unverifiable']).toContain(result.worst)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('never throws on link-shaped text', () => {
    const piece = fc.constantFrom(
      'https://',
      'http://',
      '@',
      '.',
      '-',
      ':',
      '/',
      'xn--',
      'monex',
      'co',
      'jp',
      'о',
      '。',
      'からログイン',
      ' ',
      '\n',
      'From: ',
      '[',
      '%',
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        checkText(parts.join(''), KNOWN)
      }),
      { numRuns: 1000 },
    )
  })

  it('finds every subdomain of a site as yours', () => {
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/)
    fc.assert(
      fc.property(
        fc.constantFrom(...KNOWN),
        fc.array(label, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (k, labels, url) => {
          const host = [...labels, k.site].join('.')
          const { findings } = checkText(url ? `https://${host}/path` : host, KNOWN)
          expect(findings).toHaveLength(1)
          expect(findings[0]).toMatchObject({ verdict: 'yours', site: k.site })
        },
      ),
    )
  })

  it('never calls yours a host that only contains a site’s text', () => {
    const word = fc.stringMatching(/^[a-z0-9]{1,8}$/)
    fc.assert(
      fc.property(fc.constantFrom(...KNOWN), word, word, fc.constantFrom('-', '.', ''), (k, before, after, glue) => {
        for (const host of [
          `${before}${k.site}`,
          `${before}-${k.site}`,
          `${k.site}${glue}${after}.com`,
          `${k.site}.${after}.net`,
        ]) {
          const findings = checkText(host, KNOWN).findings
          for (const f of findings) {
            if (f.verdict === 'yours') expect(f.host === f.site || f.host!.endsWith(`.${f.site}`)).toBe(true)
            if (f.host !== null && !f.host.endsWith(`.${k.site}`) && f.host !== k.site && f.site === k.site) {
              expect(f.verdict).not.toBe('yours')
            }
          }
        }
      }),
    )
  })
})

describe('sites/check editDistance', () => {
  it.each([
    ['monex', 'monex', 0],
    ['monex', 'rnonex', 2],
    ['sbisec', 'sbisecc', 1],
    ['rakuten-sec', 'rakuten-sce', 1],
    ['abc', '', 3],
  ])('%s / %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d)
  })

  it('stops early above its limit', () => {
    expect(editDistance('aaaaaaaa', 'bbbbbbbb', 2)).toBe(3)
  })
})
