import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidSiteError } from '../../../shared/errors'
import { normalizeHost, parseSite, registrableDomain, siteMatchesHost } from '../../../shared/sites/domain'

describe('sites/domain registrableDomain', () => {
  it.each([
    ['www.monex.co.jp', 'monex.co.jp'],
    ['MONEX.CO.JP.', 'monex.co.jp'],
    ['member.rakuten-sec.co.jp', 'rakuten-sec.co.jp'],
    ['a.b.c.example.com', 'example.com'],
    ['マネックス.jp', 'xn--pckua2a2b6e.jp'],
    ['ｍｏｎｅｘ.co.jp', 'monex.co.jp'],
    // Private suffixes count: a stranger's github.io page is its own site.
    ['user.github.io', 'user.github.io'],
    ['evil.user.github.io', 'user.github.io'],
    // A suffix the list does not know still has a registrable domain (the "*" rule).
    ['login.evil.example', 'evil.example'],
  ])('%s -> %s', (host, domain) => {
    expect(registrableDomain(host)).toBe(domain)
  })

  it.each([
    'co.jp',
    'jp',
    'github.io',
    '127.0.0.1',
    '0x7f.1',
    '[::1]',
    '',
    'a..b.com',
    '-a.com',
    'a b.com',
    'x'.repeat(300) + '.com',
  ])('gives null for %j', (host) => {
    expect(registrableDomain(host)).toBeNull()
  })
})

describe('sites/domain parseSite', () => {
  it.each([
    ['monex.co.jp', 'monex.co.jp'],
    ['https://www.monex.co.jp/login', 'monex.co.jp'],
    ['MONEX.CO.JP.', 'monex.co.jp'],
    ['  www.sbisec.co.jp  ', 'sbisec.co.jp'],
    ['sbisec.co.jp/ETGate?x=1', 'sbisec.co.jp'],
    ['https://accounts.google.com:443/signin', 'google.com'],
    ['monex.co.jp:8443', 'monex.co.jp'],
    ['マネックス.jp', 'xn--pckua2a2b6e.jp'],
    ['https://マネックス.jp/', 'xn--pckua2a2b6e.jp'],
    ['user.github.io', 'user.github.io'],
  ])('%j -> %s', (input, site) => {
    expect(parseSite(input)).toBe(site)
  })

  it.each([
    'co.jp',
    'github.io',
    '127.0.0.1',
    'http://192.168.0.1/',
    '[::1]',
    'localhost',
    'intranet.local',
    'foo.example',
    'https://monex.co.jp@evil.example/',
    'taro@monex.co.jp',
    'ftp://monex.co.jp',
    'javascript:alert(1)',
    'monex co jp',
    '',
    'x'.repeat(3000),
  ])('refuses %j with INVALID_SITE', (input) => {
    expect(() => parseSite(input)).toThrow(InvalidSiteError)
    try {
      parseSite(input)
    } catch (error) {
      expect((error as InvalidSiteError).code).toBe('INVALID_SITE')
      // Messages never echo what was typed.
      if (input.length > 3) expect((error as Error).message).not.toContain(input)
    }
  })
})

const LABEL = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/)
const SITES = fc.constantFrom(
  'monex.co.jp',
  'sbisec.co.jp',
  'rakuten-sec.co.jp',
  'github.com',
  'x.com',
  'user.github.io',
)

describe('sites/domain siteMatchesHost', () => {
  it.each([
    ['monex.co.jp', 'monex.co.jp', true],
    ['monex.co.jp', 'www.monex.co.jp', true],
    ['monex.co.jp', 'WWW.MONEX.CO.JP.', true],
    ['monex.co.jp', 'notmonex.co.jp', false],
    ['monex.co.jp', 'monex.co.jp.evil.com', false],
    ['monex.co.jp', 'monex-co-jp.com', false],
    ['monex.co.jp', 'monex.jp', false],
    ['x.com', 'netflix.com', false],
    ['user.github.io', 'other.github.io', false],
    ['monex.co.jp', '', false],
  ])('%s and %s: %s', (site, host, expected) => {
    expect(siteMatchesHost(site, host)).toBe(expected)
  })

  it('matches every subdomain of a site', () => {
    fc.assert(
      fc.property(SITES, fc.array(LABEL, { minLength: 1, maxLength: 4 }), (site, labels) => {
        const host = [...labels, site].join('.')
        fc.pre(host.length <= 253)
        expect(siteMatchesHost(site, host)).toBe(true)
        expect(registrableDomain(host)).toBe(site)
      }),
    )
  })

  it('matches no domain that only contains the site text', () => {
    fc.assert(
      fc.property(SITES, LABEL, LABEL, fc.constantFrom('', '-', '.'), (site, before, after, glue) => {
        // Text before the site without a dot, or text after it: never the site itself.
        for (const host of [
          `${before}${site}`,
          `${site}${glue}${after}.com`,
          `${before}-${site}`,
          `${site}.${after}.net`,
        ]) {
          if (host === site || host.endsWith(`.${site}`)) continue
          expect(siteMatchesHost(site, host)).toBe(false)
        }
      }),
    )
  })
})

describe('sites/domain normalizeHost', () => {
  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 80 }), (s) => {
        const h = normalizeHost(s)
        if (h !== null) expect(h).toMatch(/^[a-z0-9.-]+$/)
      }),
    )
  })
})
