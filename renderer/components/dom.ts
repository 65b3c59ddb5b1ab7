/** A tiny element builder: text goes in through text nodes only, never innerHTML. */

type Attrs = Record<string, string | number | boolean | undefined | EventListener>
type Child = Node | string | null | undefined | false

/** Creates an element; `on*` attributes become listeners, `false`/`undefined` attributes are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue
    if (typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value)
    else if (name === 'class') el.className = String(value)
    else el.setAttribute(name, value === true ? '' : String(value))
  }
  append(el, children)
  return el
}

function append(el: Element, children: (Child | Child[])[]): void {
  for (const child of children) {
    if (Array.isArray(child)) append(el, child)
    else if (child instanceof Node) el.append(child)
    else if (typeof child === 'string') el.append(document.createTextNode(child))
  }
}

/** Replaces every child of el. */
export function replaceChildren(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren()
  append(el, children)
}
