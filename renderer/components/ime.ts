/** Japanese (and other) input methods: keys and input that belong to a composition still being typed. */

/**
 * True while a key or input event belongs to an IME composition. keyCode 229 covers the keydown
 * some engines (Safari, older Chromium) send just after compositionend for the confirming Enter.
 */
export function isComposing(e: KeyboardEvent | InputEvent | Event, composing = false): boolean {
  return composing || ('isComposing' in e && e.isComposing === true) || ('keyCode' in e && e.keyCode === 229)
}
