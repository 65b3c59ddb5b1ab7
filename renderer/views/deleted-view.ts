/**
 * "Recently deleted": removed accounts, kept with their keys for TRASH_DAYS days, each with the days
 * it has left, Restore and Delete forever. Deleting forever is confirmed by main's own dialog, not here.
 */
import type { DeletedAccount } from '../../shared/types'
import { TRASH_DAYS } from '../../shared/types'
import { api, errorCode } from '../api'
import { h } from '../components/dom'
import { toast } from '../components/toast'
import { displayName } from '../format'
import { errorText, t } from '../i18n'

export interface DeletedViewActions {
  /** Recently deleted or the account list changed: reload both and draw this view again. */
  changed(focusIndex: number): void
}

/** The link under the list (and the empty state) while something is in Recently deleted. */
export function renderDeletedLink(count: number, open: () => void): HTMLElement {
  return h(
    'p',
    { class: 'deleted-link' },
    h(
      'button',
      { type: 'button', class: 'button subtle small', 'data-action': 'show-deleted', onclick: open },
      t('deleted.link', { count }),
    ),
  )
}

function daysLeft(days: number): string {
  return days <= 1 ? t('deleted.lastDay') : t('deleted.daysLeft', { days })
}

export function renderDeletedView(deleted: DeletedAccount[], actions: DeletedViewActions): HTMLElement {
  const act = async (button: HTMLButtonElement, index: number, run: () => Promise<string>) => {
    button.disabled = true
    try {
      toast(await run())
      actions.changed(index)
    } catch (error) {
      button.disabled = false
      const code = errorCode(error)
      // Cancel in main's dialog is the user's own choice: nothing to report.
      if (code !== 'NOT_CONFIRMED') toast(errorText(code), 'error')
      button.focus()
    }
  }
  const rows = deleted.map((account, index) => {
    const name = displayName(account) || account.id
    const restore = h(
      'button',
      { type: 'button', class: 'button small', 'data-action': 'restore' },
      t('deleted.restore'),
    )
    restore.addEventListener('click', () => {
      void act(restore, index, async () => {
        await api()['accounts:restore'](account.id)
        return t('deleted.restored', { name })
      })
    })
    const forever = h(
      'button',
      { type: 'button', class: 'button subtle small danger-text', 'data-action': 'delete-forever' },
      t('deleted.deleteForever'),
    )
    forever.addEventListener('click', () => {
      void act(forever, index, async () => {
        await api()['accounts:delete-forever'](account.id)
        return t('deleted.gone', { name })
      })
    })
    return h(
      'li',
      { class: 'deleted-account', 'data-id': account.id },
      h(
        'div',
        { class: 'deleted-name' },
        h('span', { class: 'issuer' }, account.issuer || account.label || account.id),
        account.issuer && account.label ? h('span', { class: 'label' }, account.label) : '',
      ),
      h('span', { class: 'days-left hint' }, daysLeft(account.daysLeft)),
      h('div', { class: 'button-row' }, restore, forever),
    )
  })
  return h(
    'section',
    { class: 'deleted-view' },
    h('h1', { class: 'view-title' }, t('deleted.title')),
    h('p', { class: 'hint' }, t('deleted.hint', { days: TRASH_DAYS })),
    rows.length > 0
      ? h('ul', { class: 'deleted-accounts', 'aria-label': t('deleted.title') }, ...rows)
      : h('p', { class: 'deleted-empty' }, t('deleted.empty')),
  )
}
