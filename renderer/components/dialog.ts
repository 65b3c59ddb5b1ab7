/** Modal dialogs on the native <dialog> element: focus is trapped and Escape cancels for free. */
import { h } from './dom'
import { t } from '../i18n'

/** Asks a yes/no question; resolves true only when the user pressed the confirm button. */
export function confirmDialog(options: {
  title: string
  body: string
  confirmLabel: string
  danger?: boolean
}): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = h(
      'dialog',
      { class: 'dialog', 'aria-labelledby': 'confirm-title' },
      h('h2', { id: 'confirm-title' }, options.title),
      h('p', {}, options.body),
      h(
        'div',
        { class: 'dialog-actions' },
        h(
          'button',
          { type: 'button', class: 'button', value: 'cancel', onclick: () => dialog.close('cancel') },
          t('confirm.cancel'),
        ),
        h(
          'button',
          {
            type: 'button',
            class: options.danger ? 'button danger' : 'button primary',
            'data-confirm': true,
            onclick: () => dialog.close('confirm'),
          },
          options.confirmLabel,
        ),
      ),
    )
    dialog.addEventListener('close', () => {
      dialog.remove()
      resolve(dialog.returnValue === 'confirm')
    })
    document.body.append(dialog)
    dialog.showModal()
    // The safe choice has the focus, so a stray Enter does not delete anything.
    dialog.querySelector<HTMLButtonElement>('button[value="cancel"]')?.focus()
  })
}

/** Whether a modal dialog is open (keyboard shortcuts of the page stand down then). */
export function isDialogOpen(): boolean {
  return document.querySelector('dialog[open]') !== null
}
