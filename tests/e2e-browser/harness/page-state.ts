/**
 * Reading what the extension did to a page: the fields' values and the text of its overlay (the
 * red warning or a note). The overlay lives in a closed shadow root that neither the page nor
 * playwright's locators can read, so its text comes from Chromium's accessibility tree, as a
 * screen reader would get it.
 */
import type { Frame, Page } from 'playwright-core'

export const OVERLAY_ID = 'warifu-companion-overlay'

export interface Overlay {
  /** 'alertdialog': the fake-site warning; 'status': a note. */
  role: string
  /** Its accessible name (the warning's label) and all its text, in order. */
  name: string
  text: string
}

interface AxNode {
  nodeId: string
  role?: { value?: string }
  name?: { value?: string }
  childIds?: string[]
}

/** The overlay's role and text, or undefined when the page shows none. */
export async function readOverlay(page: Page): Promise<Overlay | undefined> {
  if ((await page.locator(`#${OVERLAY_ID}`).count()) === 0) return undefined
  const cdp = await page.context().newCDPSession(page)
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] }
    const byId = new Map(nodes.map((n) => [n.nodeId, n]))
    const box = nodes.find((n) => n.role?.value === 'alertdialog' || n.role?.value === 'status')
    if (box === undefined) return undefined
    const texts: string[] = []
    const walk = (node: AxNode) => {
      if (node.role?.value === 'StaticText' && node.name?.value) texts.push(node.name.value)
      for (const id of node.childIds ?? []) {
        const child = byId.get(id)
        if (child) walk(child)
      }
    }
    walk(box)
    return { role: box.role!.value!, name: box.name?.value ?? '', text: texts.join(' ') }
  } finally {
    await cdp.detach()
  }
}

/** Waits until the extension has shown its overlay (every outcome shows one) and returns it. */
export async function waitForOverlay(page: Page, timeoutMs = 15_000): Promise<Overlay> {
  await page.locator(`#${OVERLAY_ID}`).waitFor({ state: 'attached', timeout: timeoutMs })
  for (let i = 0; i < 50; i++) {
    const overlay = await readOverlay(page)
    if (overlay) return overlay
    await page.waitForTimeout(20) // the accessibility tree catches up with the DOM
  }
  throw new Error('the overlay is in the page but not in the accessibility tree')
}

/** The values of every text input in a frame, by id (name when no id). */
export async function fieldValues(frame: Frame | Page): Promise<Record<string, string>> {
  return frame.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('input')]
        .filter((i) => i.type !== 'password')
        .map((i) => [i.id || i.name, i.value]),
    ),
  )
}

/** The `input`/`change` events the page saw (recorded by the fixture pages), in order. */
export async function recordedEvents(
  frame: Frame | Page,
): Promise<{ type: string; id: string; value: string; at: number }[]> {
  return frame.evaluate(
    () => (window as unknown as { __fills: { type: string; id: string; value: string; at: number }[] }).__fills,
  )
}
