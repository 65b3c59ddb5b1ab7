/**
 * Modal dialogs on the native <dialog> element (focus trapped, Escape cancels for free). Yes/no
 * questions about secrets and deletions are not asked here: main asks them in its own dialog,
 * which a page cannot draw or answer.
 */

/** Whether a modal dialog is open (keyboard shortcuts of the page stand down then). */
export function isDialogOpen(): boolean {
  return document.querySelector('dialog[open]') !== null
}
