import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
// @ts-expect-error: ships no types
import linter from 'addons-linter'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM_EXTENSION_KEY, FIREFOX_EXTENSION_ID } from '../../../shared/browser/extension-id'
// @ts-expect-error: a build script in plain JavaScript, without types
import { buildExtension } from '../../../build/extension.mjs'

const out = mkdtempSync(join(tmpdir(), 'warifu-extension-build-'))

beforeAll(async () => {
  await (buildExtension as (dir: string) => Promise<void>)(out)
})
afterAll(() => rmSync(out, { recursive: true, force: true }))

const FILES = [
  'manifest.json',
  'background.js',
  'content.js',
  'popup.html',
  'popup.css',
  'popup.js',
  '_locales/en/messages.json',
  '_locales/ja/messages.json',
  'icons/16.png',
  'icons/128.png',
]

describe('extension build', () => {
  it.each(['chromium', 'firefox'])('writes the unpacked %s extension and the same files zipped', (family) => {
    for (const file of FILES) expect(existsSync(join(out, family, file)), file).toBe(true)
    const zipped = unzipSync(readFileSync(join(out, `warifu-${family}.zip`)))
    expect(Object.keys(zipped).sort()).toEqual(expect.arrayContaining(FILES))
    expect(Buffer.from(zipped['manifest.json']!).toString()).toBe(
      readFileSync(join(out, family, 'manifest.json'), 'utf8'),
    )
  })

  it('pins each family to its fixed id', () => {
    const chromium = JSON.parse(readFileSync(join(out, 'chromium', 'manifest.json'), 'utf8'))
    const firefox = JSON.parse(readFileSync(join(out, 'firefox', 'manifest.json'), 'utf8'))
    expect(chromium.key).toBe(CHROMIUM_EXTENSION_KEY)
    expect(firefox.browser_specific_settings.gecko.id).toBe(FIREFOX_EXTENSION_ID)
    expect(chromium.version).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version)
  })

  it('bundles everything: no module imports, no remote script or style, no inline script', () => {
    for (const file of ['background.js', 'content.js', 'popup.js']) {
      const code = readFileSync(join(out, 'chromium', file), 'utf8')
      expect(code, file).not.toMatch(/^\s*import\s|\brequire\(/m)
    }
    const html = readFileSync(join(out, 'chromium', 'popup.html'), 'utf8')
    expect(html).not.toMatch(/https?:\/\//)
    expect(html).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>|\son\w+=/)
  })
})

describe('extension Firefox build', () => {
  it("passes Mozilla's addons-linter (what web-ext lint runs) with no error", async () => {
    const instance = (
      linter as {
        createInstance(o: unknown): {
          run(): Promise<{ errors: { code: string; message: string }[]; warnings: { code: string }[] }>
        }
      }
    ).createInstance({
      config: {
        _: [join(out, 'warifu-firefox.zip')],
        logLevel: 'fatal',
        stack: false,
        pretty: false,
        warningsAsErrors: false,
        metadata: false,
        output: 'none',
        boring: false,
        // Distributed by Warifu itself (unpacked or the zip), not through addons.mozilla.org yet.
        selfHosted: true,
      },
      runAsBinary: false,
    })
    const result = await instance.run()
    expect(result.errors).toEqual([])
    // The one warning left: Firefox for Android (no native messaging there) is not a target.
    expect(
      result.warnings.map((w) => w.code).filter((c) => c !== 'KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION'),
    ).toEqual([])
  })
})
