/**
 * Main process: which display a screen-capture request gets. The renderer
 * first calls scan:prepare-screens (the user pressed "scan the screen"); the
 * next N getDisplayMedia requests within a short window each get one display,
 * in order. Any other request is refused, so a page cannot start capturing the
 * screen on its own.
 */

/** How long an armed scan waits for the renderer's capture requests. */
export const SCAN_ARM_MS = 15_000

export class ScreenScanQueue {
  private next = 0
  private count = 0
  private until = 0

  constructor(private readonly now: () => number = Date.now) {}

  /** Arms `count` capture requests, one per display. */
  arm(count: number): void {
    this.next = 0
    this.count = Math.max(0, Math.trunc(count))
    this.until = this.now() + SCAN_ARM_MS
  }

  /** The index of the display the next request gets, or undefined to refuse it. */
  take(): number | undefined {
    if (this.next >= this.count || this.now() > this.until) return undefined
    return this.next++
  }
}
