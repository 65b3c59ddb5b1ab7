import { describe, expect, it } from 'vitest'
import { format, MESSAGES, splitNames } from '../../../extension/i18n/messages'
import { manifestFor } from '../../../extension/manifest'
import { CHROMIUM_EXTENSION_KEY, FIREFOX_EXTENSION_ID } from '../../../shared/browser/extension-id'

describe('extension texts', () => {
  it('has every text in Japanese and English, with the same placeholders', () => {
    expect(Object.keys(MESSAGES.ja).sort()).toEqual(Object.keys(MESSAGES.en).sort())
    for (const [key, text] of Object.entries(MESSAGES.en)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
      expect(names(MESSAGES.ja[key as keyof typeof MESSAGES.ja]), key).toEqual(names(text))
      // messages.json names allow letters, digits and underscores; `$` would start a chrome.i18n placeholder.
      expect(key).toMatch(/^[A-Za-z0-9_]+$/)
      expect(text).not.toContain('$')
    }
  })

  it('fills placeholders and leaves an unknown one visible', () => {
    expect(format('{host} is not {site}.', { host: 'a.test', site: 'b.jp' })).toBe('a.test is not b.jp.')
    expect(format('{host}', {})).toBe('{host}')
  })
})

describe('extension splitNames', () => {
  it('cuts the domain names out as runs of their own, the longer first', () => {
    expect(splitNames('monex-co-jp.com is not monex.co.jp.', ['monex.co.jp', 'monex-co-jp.com'])).toEqual([
      { text: 'monex-co-jp.com', isName: true },
      { text: ' is not ', isName: false },
      { text: 'monex.co.jp', isName: true },
      { text: '.', isName: false },
    ])
    expect(
      splitNames('monex.co.jp.evil.test は monex.co.jp ではありません', ['monex.co.jp', 'monex.co.jp.evil.test']),
    ).toEqual([
      { text: 'monex.co.jp.evil.test', isName: true },
      { text: ' は ', isName: false },
      { text: 'monex.co.jp', isName: true },
      { text: ' ではありません', isName: false },
    ])
    expect(splitNames('plain', [''])).toEqual([{ text: 'plain', isName: false }])
  })
})

describe('extension manifest', () => {
  it('pins the Chromium id with the key and runs a service worker', () => {
    const m = manifestFor('chromium', '1.2.3')
    expect(m).toMatchObject({
      manifest_version: 3,
      version: '1.2.3',
      key: CHROMIUM_EXTENSION_KEY,
      background: { service_worker: 'background.js' },
    })
    expect(m).not.toHaveProperty('browser_specific_settings')
  })

  it('pins the Firefox id and uses background scripts', () => {
    const m = manifestFor('firefox', '1.2.3')
    expect(m).toMatchObject({
      browser_specific_settings: { gecko: { id: FIREFOX_EXTENSION_ID } },
      background: { scripts: ['background.js'] },
    })
    expect(m).not.toHaveProperty('key')
  })

  it.each(['chromium', 'firefox'] as const)('asks %s for the fewest permissions and no host access', (family) => {
    const m = manifestFor(family, '1.0.0')
    expect(m.permissions).toEqual(['nativeMessaging', 'activeTab', 'scripting'])
    expect(m).not.toHaveProperty('host_permissions')
    expect(m).not.toHaveProperty('content_scripts')
    expect(m).not.toHaveProperty('externally_connectable')
    expect(m).not.toHaveProperty('web_accessible_resources')
  })
})
