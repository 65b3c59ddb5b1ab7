import { describe, expect, it } from 'vitest'
import {
  BADGE_COLOURS,
  badgeColour,
  brandFor,
  contrast,
  initialOf,
  inkOn,
} from '../../../renderer/components/service-icon'

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
})
