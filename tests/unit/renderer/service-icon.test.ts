import { describe, expect, it } from 'vitest'
import {
  BADGE_COLOURS,
  badgeColour,
  brandFor,
  contrast,
  initialOf,
  inkOn,
  MARKS,
} from '../../../renderer/components/service-icon'
import { KNOWN_SERVICES, knownServiceFor } from '../../../shared/sites/known-services'

const account = (issuer: string, sites: string[] = [], label = '') => ({ issuer, label, sites })

describe('service icons', () => {
  it.each([
    ['GitHub', [], 'GitHub'],
    ['Google', [], 'Google'],
    ['楽天証券', [], 'Rakuten'],
    ['Rakuten Bank', [], 'Rakuten'],
    ['ＧｉｔＬａｂ', [], 'GitLab'],
    ['My company SSO', ['okta.com'], 'Okta'],
    ['Work', ['github.com'], 'GitHub'],
  ])('finds the brand mark of %s', (issuer, sites, title) => {
    expect(brandFor(account(issuer, sites))?.title).toBe(title)
  })

  it.each([['マネックス証券'], ['SBI証券'], ['住信SBIネット銀行'], ['Nowhere Widgets'], ['']])(
    'has no mark for %s (most Japanese brokers): the initial badge instead',
    (issuer) => {
      expect(brandFor(account(issuer))).toBeUndefined()
    },
  )

  it('gives every badge colour white letters at 4.5:1 or more', () => {
    for (const colour of BADGE_COLOURS) expect(contrast(colour, '#ffffff')).toBeGreaterThanOrEqual(4.5)
  })

  it('picks a badge colour from the name, the same every time, spread over the palette', () => {
    expect(badgeColour('マネックス証券')).toBe(badgeColour('マネックス証券'))
    const names = [
      'マネックス証券',
      'SBI証券',
      '松井証券',
      '楽天銀行',
      'auじぶん銀行',
      'ソニー銀行',
      'GMOクリック証券',
      'Nowhere',
    ]
    expect(new Set(names.map(badgeColour)).size).toBeGreaterThan(4)
  })

  it('takes the first character (a whole grapheme), Latin upper-cased', () => {
    expect(initialOf('マネックス証券')).toBe('マ')
    expect(initialOf('  monex')).toBe('M')
    expect(initialOf('👨‍👩‍👧 family')).toBe('👨‍👩‍👧')
    expect(initialOf('')).toBe('')
  })

  it('draws a brand mark in the ink that reads on its colour, 4.5:1 or more', () => {
    for (const hex of ['#181717', '#000000', '#ffffff', '#bf0000', '#5865f2', '#f0b90b', '#4285f4']) {
      expect(contrast(hex, inkOn(hex))).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('agrees with the known-services table: every spelling and site of a service with a mark finds that mark', () => {
    for (const service of KNOWN_SERVICES) {
      const entry = MARKS.find((m) => m.service === service.id)
      for (const issuer of [...service.issuers, service.name.en, service.name.ja]) {
        expect(knownServiceFor(issuer)?.id).toBe(service.id)
        expect(brandFor(account(issuer)), `${service.id}: ${issuer}`).toBe(entry?.mark)
      }
      if (entry) expect(entry.sites).toEqual(service.sites)
      for (const site of service.sites) if (entry) expect(brandFor(account('Work', [site]))).toBe(entry.mark)
    }
    expect(brandFor(account('', [], 'GitHub:alice'))?.title).toBe('GitHub')
  })
})
