/**
 * Puts a code into the field found by find-field.ts the way typing would, so that frameworks
 * notice: the value is set through HTMLInputElement.prototype's own setter (React and others
 * replace the instance's `value` setter to track changes, and would otherwise see no change),
 * then `input` and `change` fire. One-digit boxes get one digit each, with the key events that
 * widgets moving focus from box to box listen to.
 */
import type { CodeField } from './find-field'

/** The window an input lives in (a same-origin frame has its own HTMLInputElement and events). */
function viewOf(input: HTMLInputElement): Window & typeof globalThis {
  return input.ownerDocument.defaultView ?? window
}

/** Sets an input's value past any setter a framework put on the instance. */
function setNativeValue(input: HTMLInputElement, value: string): void {
  // Taken off the prototype on purpose, and called with the input as `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const setter = Object.getOwnPropertyDescriptor(viewOf(input).HTMLInputElement.prototype, 'value')?.set
  if (setter !== undefined) Reflect.apply(setter, input, [value])
  else input.value = value
}

function fire(input: HTMLInputElement, data: string): void {
  const view = viewOf(input)
  input.dispatchEvent(new view.InputEvent('input', { bubbles: true, cancelable: false, inputType: 'insertText', data }))
  input.dispatchEvent(new view.Event('change', { bubbles: true }))
}

function key(input: HTMLInputElement, type: 'keydown' | 'keyup', digit: string): void {
  const view = viewOf(input)
  input.dispatchEvent(
    new view.KeyboardEvent(type, { key: digit, code: `Digit${digit}`, bubbles: true, cancelable: true }),
  )
}

/** Fills `code` into `field`; returns the inputs written. */
export function fillField(field: CodeField, code: string): HTMLInputElement[] {
  if (field.kind === 'single') {
    const input = field.input
    input.focus()
    setNativeValue(input, code)
    fire(input, code)
    return [input]
  }
  const digits = Array.from(code)
  field.inputs.forEach((input, i) => {
    const digit = digits[i] ?? ''
    input.focus()
    key(input, 'keydown', digit)
    setNativeValue(input, digit)
    fire(input, digit)
    key(input, 'keyup', digit)
  })
  return field.inputs
}
