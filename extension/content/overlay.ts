/**
 * What the extension shows inside a page: the red fake-site warning and a brief note. Both live
 * in a closed shadow root, so the page's scripts and styles can neither read nor restyle them,
 * and they are built from text nodes only (a host name is never parsed as HTML). The popup
 * builds its red box with the same el(), withNames() and warningBody().
 */

import { splitNames } from '../i18n/messages'

/** The texts of the warning, already translated. */
export interface WarningTexts {
  label: string
  title: string
  /** Domain names in the texts, each kept on one line. */
  names: string[]
  advice: string
  reasons: string[]
  close: string
  /** The language of the texts ('ja' breaks lines between phrases, not inside words). */
  lang: string
}

const HOST_ID = 'warifu-companion-overlay'
// Fixed colours (the page's theme is unknown): white on a deep red, 6.5:1 contrast (WCAG AA).
const STYLE = `
:host { all: initial; }
.box { position: fixed; z-index: 2147483647; left: 50%; transform: translateX(-50%); max-width: min(36rem, calc(100vw - 2rem));
  font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', 'Hiragino Sans', 'Noto Sans CJK JP', 'Yu Gothic UI', sans-serif;
  border-radius: 10px; box-shadow: 0 4px 18px rgb(0 0 0 / 35%); padding: 14px 16px; box-sizing: border-box;
  word-break: auto-phrase; overflow-wrap: break-word; }
.warn { top: 16px; background: #b3261e; color: #ffffff; border: 3px solid #7a1610; }
.note { bottom: 16px; background: #1c1f24; color: #ffffff; }
h2 { margin: 0 0 6px; font-size: 17px; font-weight: 700; }
p, ul { margin: 0 0 6px; } ul { padding-left: 1.2em; }
button { font: inherit; font-weight: 600; background: #ffffff; color: #7a1610; border: 0; border-radius: 6px; padding: 4px 14px; cursor: pointer; }
.name { white-space: nowrap; }
button:focus-visible { outline: 3px solid #ffd54f; outline-offset: 2px; }
`

function mount(doc: Document): ShadowRoot {
  doc.getElementById(HOST_ID)?.remove()
  const host = doc.createElement('div')
  host.id = HOST_ID
  const root = host.attachShadow({ mode: 'closed' })
  const style = doc.createElement('style')
  style.textContent = STYLE
  root.append(style)
  ;(doc.body ?? doc.documentElement).append(host)
  return root
}

/** An element with optional text and class. */
export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag)
  if (text !== undefined) node.textContent = text
  if (className !== undefined) node.className = className
  return node
}

/** Appends `text` to `parent`, each of `names` in a span that does not wrap (a host cut at "-" reads like another). */
export function withNames<T extends HTMLElement>(doc: Document, parent: T, text: string, names: string[]): T {
  for (const run of splitNames(text, names)) {
    if (!run.isName) parent.append(doc.createTextNode(run.text))
    else parent.append(el(doc, 'span', run.text, 'name'))
  }
  return parent
}

/** A warning's title, advice and reasons (the list only when there are any), for the page's box and the popup's. */
export function warningBody(
  doc: Document,
  texts: { title: string; advice: string; reasons: string[]; names: string[] },
): HTMLElement[] {
  const body: HTMLElement[] = [
    withNames(doc, el(doc, 'h2'), texts.title, texts.names),
    withNames(doc, el(doc, 'p'), texts.advice, texts.names),
  ]
  if (texts.reasons.length > 0) {
    const list = el(doc, 'ul')
    for (const reason of texts.reasons) list.append(el(doc, 'li', reason))
    body.push(list)
  }
  return body
}

// word-break: auto-phrase (Chromium 119+) keeps Japanese words whole ("認証コード", not "認証コ/ード")
// when the box's lang is ja; elsewhere it acts as normal. Domain names stay unbroken through .name.

/** Shows the red warning at the top of the page until closed; returns its host element. */
export function showWarning(doc: Document, texts: WarningTexts): HTMLElement {
  const root = mount(doc)
  const box = el(doc, 'div')
  box.className = 'box warn'
  box.lang = texts.lang
  box.setAttribute('role', 'alertdialog')
  box.setAttribute('aria-label', texts.label)
  const close = el(doc, 'button', texts.close)
  close.type = 'button'
  close.addEventListener('click', () => root.host.remove())
  box.append(...warningBody(doc, texts), close)
  root.append(box)
  close.focus()
  return root.host as HTMLElement
}

/** Shows a short note at the bottom of the page for a few seconds; returns its host element. */
export function showNote(doc: Document, text: string, lang: string, ms = 4000): HTMLElement {
  const root = mount(doc)
  const box = el(doc, 'div', text)
  box.className = 'box note'
  box.lang = lang
  box.setAttribute('role', 'status')
  root.append(box)
  const host = root.host as HTMLElement
  doc.defaultView?.setTimeout(() => host.remove(), ms)
  return host
}
