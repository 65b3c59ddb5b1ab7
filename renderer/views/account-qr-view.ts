/**
 * One account as a QR code, to move it to a phone. Main asks in its own dialog first (accounts:qr-matrix,
 * kind 'account-qr'); the code is drawn on a canvas (no image URL) and the canvas is wiped when the
 * dialog closes, however it closes.
 */
import type { AccountSummary } from '../../shared/types'
import { api, errorCode } from '../api'
import { h } from '../components/dom'
import { qrCanvas, wipeCanvas } from '../components/qr-canvas'
import { displayName } from '../format'
import { t } from '../i18n'

/** Pixels a module: an otpauth URI is a small code; 5 px fits a 360 px window and a phone camera. */
const MODULE_PIXELS = 5

/**
 * Asks main for the account's QR code and shows it; resolves when the dialog closed. NOT_CONFIRMED
 * (the user said no in main's dialog) resolves quietly; other errors reject with the call's error.
 */
export async function accountQrDialog(account: AccountSummary): Promise<void> {
  let matrix
  try {
    matrix = await api()['accounts:qr-matrix'](account.id)
  } catch (error) {
    if (errorCode(error) === 'NOT_CONFIRMED') return
    throw error
  }
  const name = displayName(account)
  const canvas = qrCanvas(matrix, MODULE_PIXELS, t('qr.label', { name }))
  // The page's copy of the modules goes too: only the canvas held them, and it is wiped below.
  matrix.modules.fill(0)
  const close = h('button', { type: 'button', class: 'button primary', 'data-action': 'qr-close' }, t('qr.close'))
  const title = h('h2', { id: 'account-qr-title' }, t('qr.title', { name }))
  const dialog = h(
    'dialog',
    { class: 'dialog account-qr', 'aria-labelledby': 'account-qr-title' },
    title,
    h('p', { class: 'note' }, t('qr.hint')),
    h('div', { class: 'qr-frame' }, canvas),
    h('div', { class: 'dialog-actions' }, close),
  )
  close.addEventListener('click', () => dialog.close())
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      wipeCanvas(canvas)
      dialog.remove()
      resolve()
    })
    document.body.append(dialog)
    dialog.showModal()
    close.focus()
  })
}
