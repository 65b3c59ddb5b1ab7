/**
 * Hostile images opened in the desktop UI: the renderer's decode worker holds a PNG or JPEG to its
 * header (shared/scan/image-header.ts) before the browser decodes it, so a small file claiming a
 * huge size is refused at once with a translated message instead of being allocated in full.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { e2eUnavailable, launchApp, type LaunchedApp } from './harness/launch'
import { pngFile, zlibZeros } from '../unit/scan/hostile-png'

const why = e2eUnavailable()
if (why) console.warn(`[skip] UI image tests: ${why}`)

describe.skipIf(why !== undefined)('renderer: hostile images (e2e over main handlers)', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    await app?.close()
    app = undefined
  })

  async function openImage(bytes: Uint8Array): Promise<string | null> {
    app = await launchApp({})
    const { page } = app
    const path = join(app.deps.dataDir, 'hostile.png')
    writeFileSync(path, bytes)
    app.deps.pickImage.path = path
    await page.locator('[data-action="add"]').first().click()
    await page.locator('[data-action="open-image"]').click()
    // The status says "Looking for QR codes…" first, then the outcome.
    const status = page.locator('.scan-status[data-kind="error"]')
    await status.waitFor()
    return status.textContent()
  }

  it('refuses a PNG header claiming 30000x30000 as too large (the browser only said "not an image")', async () => {
    expect(await openImage(pngFile({ width: 30_000, height: 30_000 }, zlibZeros(1024)))).toBe('The image is too large.')
  })
})
