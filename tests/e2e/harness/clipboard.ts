/**
 * Putting a screenshot on the clipboard for a real Ctrl+V: through the async
 * Clipboard API inside the page (headless or headful), or through xclip on the
 * harness's Xvfb display (headful: the X clipboard Chromium reads on paste).
 */
import { spawn } from 'node:child_process'
import type { Page } from 'playwright-core'

/** Writes a PNG to the page's clipboard with navigator.clipboard.write (the harness grants the permission). */
export async function writeImageWithClipboardApi(page: Page, png: Uint8Array): Promise<void> {
  await page.bringToFront()
  await page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
    const blob = new Blob([bytes], { type: 'image/png' })
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })])
  }, Buffer.from(png).toString('base64'))
}

/**
 * Owns the X clipboard with a PNG through xclip (which stays in the background
 * serving it until something else takes the clipboard); resolves once it is set.
 */
export async function writeImageWithXclip(display: string, png: Uint8Array): Promise<void> {
  const child = spawn('xclip', ['-selection', 'clipboard', '-t', 'image/png', '-i'], {
    env: { ...process.env, DISPLAY: display },
    stdio: ['pipe', 'ignore', 'pipe'],
    detached: false,
  })
  let stderr = ''
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  child.stdin.end(Buffer.from(png))
  // xclip forks a server process and the parent exits once the selection is owned.
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`xclip failed (${code}): ${stderr.trim().slice(0, 200)}`)
}

/** Ctrl+V (Cmd+V on macOS) with the focus on the page's body: the paste the user does. */
export async function pressPaste(page: Page): Promise<void> {
  await page.keyboard.press(process.platform === 'darwin' ? 'Meta+V' : 'Control+V')
}

/**
 * Presses Ctrl+V until `pasted` resolves (up to `attempts` times): under a loaded machine the X
 * clipboard owner or the window focus can lag behind the first key press.
 */
export async function pasteUntil(page: Page, pasted: () => Promise<unknown>, attempts = 5): Promise<void> {
  for (let i = 1; ; i++) {
    await page.bringToFront()
    await pressPaste(page)
    try {
      await pasted()
      return
    } catch (error) {
      if (i >= attempts) throw error
    }
  }
}
