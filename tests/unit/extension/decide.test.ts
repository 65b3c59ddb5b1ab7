import { describe, expect, it } from 'vitest'
import type { BrowserResponse } from '../../../shared/browser/messages'
import {
  classifyHostFailure,
  decide,
  pageInfo,
  parseHostResponse,
  type HostAnswer,
} from '../../../extension/background/decide'

const ok = (response: BrowserResponse): HostAnswer => ({ ok: true, response })
const code = (site = 'monex.co.jp'): HostAnswer =>
  ok({ v: 1, type: 'code', code: '123456', secondsLeft: 17, period: 30, name: 'マネックス証券 (hanako)', site })

describe('extension decide', () => {
  it('fills on the https: site the host named and on its subdomains', () => {
    expect(decide('https://monex.co.jp/login', code())).toEqual({
      kind: 'fill',
      code: '123456',
      name: 'マネックス証券 (hanako)',
      site: 'monex.co.jp',
      secondsLeft: 17,
      origin: 'https://monex.co.jp',
    })
    expect(decide('https://mfa.secure.monex.co.jp:8443/x?y#z', code())).toMatchObject({
      kind: 'fill',
      origin: 'https://mfa.secure.monex.co.jp:8443',
    })
  })

  it.each([
    ['a look-alike the host wrongly answered for', 'https://monex-co-jp.com/'],
    ['the site as a subdomain of another', 'https://monex.co.jp.evil.test/'],
    ['an IDN homograph', 'https://xn--mnex-5cf.co.jp/'],
    ['another site entirely', 'https://example.com/'],
    ['an IP address', 'https://127.0.0.1/'],
  ])('never fills when the host says code but the tab is %s', (_what, url) => {
    expect(decide(url, code())).toEqual({ kind: 'note', reason: 'siteMismatch', params: {} })
  })

  it('warns on the real site over http:, even when the host says code', () => {
    expect(decide('http://monex.co.jp/', code())).toEqual({ kind: 'insecure', site: 'monex.co.jp' })
  })

  it('turns the host\u2019s not-https answer into the red warning, not a quiet note', () => {
    expect(decide('http://www.monex.co.jp/', ok({ v: 1, type: 'not-https', site: 'monex.co.jp' }))).toEqual({
      kind: 'insecure',
      site: 'monex.co.jp',
    })
  })

  it('never fills a URL with user info in front of the host', () => {
    expect(decide('https://monex.co.jp@evil.example/', code())).toMatchObject({ kind: 'note', reason: 'notWebPage' })
  })

  it.each(['chrome://extensions/', 'about:blank', 'file:///tmp/x.html', undefined, 'not a url'])(
    'treats %s as no web page',
    (url) => {
      expect(decide(url, code())).toEqual({ kind: 'note', reason: 'notWebPage', params: {} })
    },
  )

  it('lists the accounts to choose from only on the real site', () => {
    const choose = ok({
      v: 1,
      type: 'choose',
      site: 'monex.co.jp',
      accounts: [
        { ref: 'a', name: 'Monex (hanako)' },
        { ref: 'b', name: 'Monex (taro)' },
      ],
    })
    expect(decide('https://www.monex.co.jp/', choose)).toMatchObject({
      kind: 'choose',
      accounts: [{ ref: 'a' }, { ref: 'b' }],
    })
    expect(decide('https://monex.co.jp.evil.test/', choose)).toMatchObject({ kind: 'note', reason: 'siteMismatch' })
  })

  it('warns on a lookalike, naming the real site, the page and why', () => {
    const answer = ok({
      v: 1,
      type: 'lookalike',
      site: 'monex.co.jp',
      host: 'monex-co-jp.com',
      reasons: ['brand-in-other-domain'],
    })
    expect(decide('https://monex-co-jp.com/', answer)).toEqual({
      kind: 'warn',
      site: 'monex.co.jp',
      host: 'monex-co-jp.com',
      reasons: ['brand-in-other-domain'],
    })
  })

  it.each([
    [{ v: 1, type: 'no-account' }, 'noAccount', {}],
    [{ v: 1, type: 'counter-based', name: 'Bank', site: 'bank.jp' }, 'counterBased', { name: 'Bank' }],
    [{ v: 1, type: 'access-removed' }, 'accessRemoved', {}],
    [{ v: 1, type: 'error', code: 'VAULT_LOCKED', message: 'x' }, 'hostError', { code: 'VAULT_LOCKED' }],
    [{ v: 1, type: 'pong', version: '0.1.0' }, 'hostError', { code: 'UNEXPECTED_ANSWER' }],
  ] as [BrowserResponse, string, Record<string, string>][])(
    'says why nothing is filled for %j',
    (response, reason, params) => {
      expect(decide('https://monex.co.jp/', ok(response))).toEqual({ kind: 'note', reason, params })
    },
  )

  it('tells a missing host from a failing one', () => {
    expect(decide('https://monex.co.jp/', classifyHostFailure('Specified native messaging host not found.'))).toEqual({
      kind: 'note',
      reason: 'hostMissing',
      params: {},
    })
    expect(classifyHostFailure('Access to the specified native messaging host is forbidden.')).toMatchObject({
      hostMissing: true,
    })
    expect(classifyHostFailure('No such native application warifu.browser_host')).toMatchObject({ hostMissing: true })
    expect(decide('https://monex.co.jp/', classifyHostFailure('Native host has exited.'))).toEqual({
      kind: 'note',
      reason: 'hostError',
      params: { code: 'HOST_FAILED' },
    })
  })

  it('computes the page parts the checks use', () => {
    expect(pageInfo('https://WWW.Monex.CO.JP./a')).toEqual({
      protocol: 'https:',
      origin: 'https://www.monex.co.jp.',
      host: 'www.monex.co.jp.',
      domain: 'monex.co.jp',
    })
  })
})

describe('extension parseHostResponse', () => {
  it('accepts each well-formed answer', () => {
    for (const response of [
      { v: 1, type: 'code', code: '123456', secondsLeft: 3, period: 30, name: 'n', site: 's.jp' },
      { v: 1, type: 'choose', site: 's.jp', accounts: [{ ref: 'r', name: 'n' }] },
      { v: 1, type: 'lookalike', site: 's.jp', host: 'h', reasons: ['homograph'] },
      { v: 1, type: 'no-account' },
      { v: 1, type: 'error', code: 'X', message: 'm' },
    ]) {
      expect(parseHostResponse(response)).toEqual(response)
    }
  })

  it.each([
    null,
    'code',
    { v: 2, type: 'no-account' },
    { v: 1, type: 'code', code: '12<b>', secondsLeft: 3, period: 30, name: 'n', site: 's.jp' },
    { v: 1, type: 'code', code: '123456', name: 'n', site: 's.jp' },
    { v: 1, type: 'choose', site: 's.jp', accounts: [{ ref: 1 }] },
    { v: 1, type: 'lookalike', site: 's.jp', host: 'h', reasons: [{}] },
    { v: 1, type: 'secret', secret: 'JBSWY3DPEHPK3PXP' },
  ])('refuses the malformed answer %j', (raw) => {
    expect(parseHostResponse(raw)).toBeNull()
  })
})
