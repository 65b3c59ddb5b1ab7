/** What a new user sees: how to add the first account, in the words of what they have in front of them. */
import { h } from '../components/dom'
import { pasteKeys, t } from '../i18n'

/** `onImport`: the Backup screen's Import tab (the header has no Backup button while there is nothing to back up). */
export function renderEmptyState(onAdd: () => void, onImport?: () => void): HTMLElement {
  return h(
    'section',
    { class: 'empty' },
    h('div', { class: 'empty-mark', 'aria-hidden': 'true' }),
    h('h1', {}, t('empty.title')),
    h('p', {}, t('empty.body')),
    h(
      'ol',
      { class: 'empty-steps' },
      h('li', {}, t('empty.paste', { keys: pasteKeys() })),
      h('li', {}, t('empty.drop')),
      h('li', {}, t('empty.scan')),
      h('li', {}, t('empty.manual')),
    ),
    h(
      'div',
      { class: 'button-row empty-actions' },
      h('button', { type: 'button', class: 'button primary', 'data-action': 'add', onclick: onAdd }, t('empty.action')),
      onImport &&
        h('button', { type: 'button', class: 'button', 'data-action': 'import', onclick: onImport }, t('empty.import')),
    ),
  )
}
