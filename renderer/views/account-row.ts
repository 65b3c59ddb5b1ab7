/**
 * One account's row in the list: the service icon, the names and the site, the row's buttons, the
 * code with the next one beside it, and the countdown ring (or, for a counter-based account, the
 * button that makes the next code). The list (list-view.ts) builds a row the first time it is shown
 * and afterwards writes only the text nodes returned here.
 */
import type { AccountSummary } from '../../shared/types'
import { h } from '../components/dom'
import { serviceIcon } from '../components/service-icon'
import { t } from '../i18n'
import { sitesShort } from './sites'

/** A row's DOM and the text nodes the once-a-second refresh writes. */
export interface RowView {
  el: HTMLLIElement
  code: Text
  next: Text
  seconds: Text
}

/**
 * A row's icon button. Out of the Tab order: with a row focused, F2 edits, Delete removes and the
 * list's keys do the rest; the click is handled by the list through `data-action`.
 */
const iconButton = (kind: string, label: string, extra: Record<string, string> = {}) =>
  h('button', {
    type: 'button',
    class: `icon ${kind}`,
    tabindex: -1,
    'data-action': kind,
    title: label,
    'aria-label': label,
    ...extra,
  })

/** Where the code belongs, small under the names; without a site, a quiet way to add one. */
function siteLine(account: AccountSummary): HTMLElement {
  if (account.sites.length > 0)
    return h('span', { class: 'site', title: account.sites.join('\n') }, sitesShort(account.sites))
  return h(
    'button',
    { type: 'button', class: 'site-missing', tabindex: -1, 'data-action': 'add-site', title: t('sites.noneTitle') },
    t('sites.none'),
  )
}

/** Builds the row of `account`; `draggable` when the list's order is the user's own. */
export function buildAccountRow(account: AccountSummary, draggable: boolean): RowView {
  const code = document.createTextNode('––– –––')
  const next = document.createTextNode('')
  const seconds = document.createTextNode('')
  const ring = h('span', { class: 'ring', 'aria-hidden': 'true' }, h('span', { class: 'ring-seconds' }, seconds))
  if (account.type === 'totp') ring.style.setProperty('--left', `var(--left-${account.period}, 1)`)
  const name = account.issuer || account.label
  const sub = account.issuer ? account.label : ''
  const actions = h(
    'span',
    { class: 'row-actions' },
    iconButton('pin', t(account.pinned ? 'list.unpin' : 'list.pin'), {
      'aria-pressed': account.pinned ? 'true' : 'false',
    }),
    iconButton('edit', t('list.edit')),
    iconButton('delete', t('list.delete')),
  )
  const el = h(
    'li',
    {
      class: `account ${account.type}`,
      role: 'row',
      tabindex: -1,
      draggable: draggable ? 'true' : undefined,
      'data-id': account.id,
      title: account.type === 'totp' ? t('list.copyHint') : undefined,
    },
    h('span', { class: 'grip', 'aria-hidden': 'true' }),
    serviceIcon(account),
    h(
      'span',
      { class: 'names', role: 'gridcell' },
      h(
        'span',
        { class: 'issuer' },
        account.pinned && h('span', { class: 'pin-mark', role: 'img', 'aria-label': t('list.pinned') }, '★'),
        name,
      ),
      sub && h('span', { class: 'label' }, sub),
      siteLine(account),
      actions,
    ),
    h(
      'span',
      { class: 'codes', role: 'gridcell' },
      h('span', { class: 'code', 'data-action': 'copy' }, code),
      account.type === 'totp'
        ? h(
            'span',
            // Shown in the last seconds; a click (or Shift+Enter on the row) copies it.
            { class: 'next', 'data-action': 'copy-next', title: t('list.copyNextHint') },
            h('span', { class: 'next-label' }, t('list.next')),
            ' ',
            next,
          )
        : h('span', { class: 'counter' }, t('list.hotpCounter', { counter: account.counter })),
    ),
    account.type === 'totp'
      ? ring
      : h('span', { class: 'hotp-cell', role: 'gridcell' }, iconButton('hotp', t('list.hotpGenerate'))),
  )
  return { el, code, next, seconds }
}
