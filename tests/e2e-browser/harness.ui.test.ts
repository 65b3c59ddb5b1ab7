/**
 * The browser e2e harness itself, with a stand-in extension that has Warifu's key: Chromium loads it
 * unpacked under Warifu's fixed id, starts the native host named in the profile, serves the fixture
 * sites at their exact https addresses through the proxy with the throwaway certificate, and an X
 * key event from xdotool reaches the extension's shortcut. If this file fails, the companion tests
 * cannot say anything.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM_EXTENSION_ID } from '../../shared/browser/extension-id'
import { companionUnavailable, EXTENSION_ORIGIN, launchCompanion, xdotoolKeys, type Companion } from './harness/browser'
import { writeSelfTestExtension } from './harness/self-test-extension'
import { FAKE_HOMOGRAPH, REAL_SITE, REAL_SUBDOMAIN } from './harness/sites'

const extensionDir = writeSelfTestExtension(mkdtempSync(join(tmpdir(), 'warifu-self-test-ext-')))
const why = companionUnavailable({ extensionDir: extensionDir })
if (why) console.warn(`[skip] browser e2e harness: ${why}`)

describe.skipIf(why)('browser e2e harness', () => {
  let run: Companion
  beforeAll(async () => {
    run = await launchCompanion({ extensionDir, host: 'echo' })
  })
  afterAll(async () => {
    await run?.close()
    rmSync(extensionDir, { recursive: true, force: true })
  })

  it("loads the unpacked extension under Warifu's fixed id", () => {
    expect(run.worker.url()).toBe(`chrome-extension://${CHROMIUM_EXTENSION_ID}/background.js`)
  })

  it('starts the native host from the profile manifest, with the extension origin as its first argument', async () => {
    const before = run.hostStarts().length
    const { answer } = await run.worker.evaluate(() =>
      (self as unknown as { sendOnce(m: unknown): Promise<{ answer: unknown }> }).sendOnce({ v: 1, type: 'ping' }),
    )
    expect(answer).toEqual({ echo: { v: 1, type: 'ping' } })
    expect(
      run
        .hostStarts()
        .slice(before)
        .map((s) => s.caller),
    ).toEqual([EXTENSION_ORIGIN])
  })

  it.each([
    `https://${REAL_SITE}/login`,
    `https://${REAL_SUBDOMAIN}/verify`,
    `https://${FAKE_HOMOGRAPH}/login`,
    `http://${REAL_SITE}/login`,
  ])('serves %s at its exact address', async (url) => {
    const page = await run.open(url)
    expect(page.url()).toBe(url)
    expect(await page.locator('h1').count()).toBe(1)
    await page.close()
  })

  it('refuses any host it does not serve (nothing leaves the machine)', async () => {
    const page = await run.context.newPage()
    await expect(page.goto('https://example.com/')).rejects.toThrow()
    await page.close()
  })

  it('delivers the shortcut to the extension as a real key press', async () => {
    const page = await run.open(`https://${REAL_SITE}/login`)
    await run.pressShortcut(page)
    await expect
      .poll(() => run.worker.evaluate(() => (self as unknown as { commandsSeen: string[] }).commandsSeen))
      .toEqual(['fill-code'])
    await page.close()
  })

  it('spells manifest shortcuts the way xdotool names keys', () => {
    expect(xdotoolKeys('Alt+Shift+2')).toBe('alt+shift+2')
    expect(xdotoolKeys('Ctrl+Shift+Y')).toBe('ctrl+shift+y')
  })
})
