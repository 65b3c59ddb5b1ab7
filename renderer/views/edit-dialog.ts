/**
 * Editing an account's issuer, label and sites, and "show secret", which main confirms in its own dialog.
 * Sites are saved as they are added or removed (main parses each); the names on Save.
 */
import { InvalidAccountError } from '../../shared/errors'
import type { AccountSummary } from '../../shared/types'
import { api, errorCode } from '../api'
import { h } from '../components/dom'
import { groupSecret } from '../format'
import { errorText, t } from '../i18n'
import { accountQrDialog } from './account-qr-view'
import { organiseFields } from './organise-fields'
import { renderSitesEditor } from './sites'

/** Where the dialog puts the keyboard focus: the issuer, or the Add site field ("No site — add"). */
export type EditFocus = 'names' | 'site'

/** Opens the dialog; resolves to the changed account, or undefined when nothing was saved. */
export function editDialog(account: AccountSummary, focus: EditFocus = 'names'): Promise<AccountSummary | undefined> {
  return new Promise((resolve) => {
    let saved: AccountSummary | undefined
    const issuer = h('input', { name: 'issuer', value: account.issuer, autocomplete: 'off' })
    const label = h('input', { name: 'label', value: account.label, autocomplete: 'off' })
    const message = h('p', { class: 'validation', role: 'status', 'aria-live': 'polite' })
    const secretBox = h('div', { class: 'secret-box', hidden: true })
    const reveal = h(
      'button',
      { type: 'button', class: 'button subtle', 'data-action': 'reveal' },
      t('edit.showSecret'),
    )
    const fail = (error: unknown) => {
      message.textContent = errorText(errorCode(error))
      message.dataset.kind = 'error'
    }
    const showQr = h('button', { type: 'button', class: 'button subtle', 'data-action': 'show-qr' }, t('edit.showQr'))
    showQr.addEventListener('click', () => {
      // Main asks in its own dialog; the QR opens over this one and is wiped when it closes.
      accountQrDialog(saved ?? account).catch(fail)
    })
    reveal.addEventListener('click', () => {
      if (!secretBox.hidden) {
        secretBox.replaceChildren()
        secretBox.hidden = true
        reveal.textContent = t('edit.showSecret')
        return
      }
      void (async () => {
        try {
          // Main asks the user in its own dialog (a page cannot answer it) before the key comes back.
          const { secret } = await api()['accounts:reveal-secret'](account.id)
          secretBox.replaceChildren(
            h('span', { class: 'field-label' }, t('edit.secretLabel')),
            h('code', { class: 'mono' }, groupSecret(secret)),
          )
          secretBox.hidden = false
          reveal.textContent = t('edit.hideSecret')
        } catch (error) {
          // Cancel in main's dialog: nothing shown, nothing to report.
          if (errorCode(error) !== 'NOT_CONFIRMED') fail(error)
        }
      })()
    })
    const sites = renderSitesEditor(
      account.sites,
      async (next) => {
        saved = await api()['accounts:set-sites'](account.id, next)
        return saved.sites
      },
      (error) => errorText(errorCode(error)),
    )
    // Groups and the pin, saved with the names.
    const organise = organiseFields(account)
    const form = h(
      'form',
      { method: 'dialog' },
      h('h2', { id: 'edit-title' }, t('edit.title')),
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('add.issuer')), issuer),
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('add.label')), label),
      sites.el,
      organise.el,
      h('div', { class: 'reveal-row' }, reveal, showQr),
      secretBox,
      message,
      h(
        'div',
        { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'button', onclick: () => dialog.close() }, t('add.cancel')),
        h('button', { type: 'submit', class: 'button primary' }, t('add.save')),
      ),
    )
    // Named by its heading, so a screen reader says what opened.
    const dialog = h('dialog', { class: 'dialog edit', 'aria-labelledby': 'edit-title' }, form)
    form.addEventListener('submit', (e) => {
      e.preventDefault()
      // Neither name leaves a row of bare digits (main refuses it too, with the same INVALID_ACCOUNT).
      if (issuer.value.trim() === '' && label.value.trim() === '') {
        fail(new InvalidAccountError('Give the account an issuer or a name.'))
        issuer.setAttribute('aria-invalid', 'true')
        issuer.focus()
        return
      }
      issuer.removeAttribute('aria-invalid')
      void (async () => {
        try {
          saved = await api()['accounts:rename'](account.id, { issuer: issuer.value, label: label.value })
          saved = (await organise.save()) ?? saved
          dialog.close()
        } catch (error) {
          fail(error)
        }
      })()
    })
    dialog.addEventListener('close', () => {
      // The secret leaves the DOM with the dialog.
      secretBox.replaceChildren()
      dialog.remove()
      resolve(saved)
    })
    document.body.append(dialog)
    dialog.showModal()
    if (focus === 'site') sites.input.focus()
    else issuer.focus()
  })
}
