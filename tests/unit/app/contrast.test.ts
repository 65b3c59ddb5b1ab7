/**
 * WCAG AA contrast of the theme tokens in renderer/styles.css, light and dark: text 4.5:1, UI parts
 * (input borders, focus ring, the primary button's shape, the countdown ring) 3:1. The tokens are read
 * from the stylesheet itself, so a colour changed there is checked here.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const css = readFileSync(join(__dirname, '../../../renderer/styles.css'), 'utf8')

/** The custom properties of the first block whose selector is exactly `selector`. */
function tokens(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`)
  if (start < 0) throw new Error(`no ${selector} block`)
  const body = css.slice(start, css.indexOf('\n}', start))
  const out: Record<string, string> = {}
  for (const m of body.matchAll(/--([a-z0-9-]+):\s*(#[0-9a-f]{6})\s*;/gi)) out[m[1]!] = m[2]!.toLowerCase()
  return out
}

const light = tokens(':root')
// Dark overrides light; a token dark leaves alone keeps its light value.
const dark = { ...light, ...tokens(":root[data-theme='dark']") }

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** WCAG 2.x contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)]
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05)
}

/** [foreground, background, where] pairs of text the app draws. */
const TEXT: [string, string, string][] = [
  ['text', 'bg', 'body text'],
  ['text', 'surface', 'rows and dialogs'],
  ['text', 'surface-2', 'search box text'],
  ['muted', 'bg', 'hints'],
  ['muted', 'surface', 'hints in rows'],
  ['muted', 'surface-2', 'placeholder in the search box'],
  ['muted', 'accent-soft', 'a note'],
  ['accent', 'surface', 'subtle buttons and links'],
  ['accent', 'bg', 'subtle buttons on the page'],
  ['accent', 'accent-soft', '"Later" on the backup reminder'],
  ['accent-text', 'accent', 'primary button'],
  ['on-danger', 'danger', 'delete button and error toast'],
  ['danger', 'surface', 'error text'],
  ['danger', 'bg', 'error text on the page'],
  ['ring-ending', 'surface', 'a code about to expire'],
  ['warn-text', 'warn-bg', 'warning note'],
  ['ok-text', 'ok-bg', 'ok verdict'],
  ['bad-text', 'bad-bg', 'bad verdict'],
  ['bg', 'text', 'toast'],
]

/** UI parts that must be seen against what surrounds them (WCAG 1.4.11). */
const UI: [string, string, string][] = [
  ['input-border', 'surface', 'input border'],
  ['input-border', 'bg', 'input border on the page'],
  ['input-border', 'surface-2', 'input border on a grey panel'],
  ['focus', 'surface', 'focus ring'],
  ['focus', 'bg', 'focus ring on the page'],
  ['accent', 'surface', 'primary button'],
  ['ring-ending', 'ring-track', 'countdown ring about to expire'],
]

describe('theme contrast (renderer/styles.css)', () => {
  it('reads every token both themes use', () => {
    for (const name of new Set([...TEXT, ...UI].flatMap(([a, b]) => [a, b]))) {
      expect(light[name], `light --${name}`).toMatch(/^#/)
      expect(dark[name], `dark --${name}`).toMatch(/^#/)
    }
  })

  it('computes the known ratios (white on black 21, #d9822b on white 2.93)', () => {
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 5)
    expect(contrast('#d9822b', '#ffffff')).toBeCloseTo(2.93, 2)
  })

  for (const [theme, t] of [
    ['light', light],
    ['dark', dark],
  ] as const) {
    it.each(TEXT)(`${theme}: text --%s on --%s (%s) is at least 4.5:1`, (fg, bg) => {
      expect(contrast(t[fg]!, t[bg]!)).toBeGreaterThanOrEqual(4.5)
    })
    it.each(UI)(`${theme}: --%s against --%s (%s) is at least 3:1`, (fg, bg) => {
      expect(contrast(t[fg]!, t[bg]!)).toBeGreaterThanOrEqual(3)
    })
  }
})
