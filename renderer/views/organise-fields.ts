/**
 * The edit dialog's organising fields: pinned, and the groups (tags) typed as one line separated by
 * commas (「、」 or ","). Saved with the names on Save; main cleans and bounds every tag (INVALID_TAG).
 */
import type { AccountSummary } from '../../shared/types'
import { api } from '../api'
import { h } from '../components/dom'
import { t } from '../i18n'

/** The tags in a typed line: split at commas (ASCII, full-width, 「、」), blanks dropped. */
export function parseTagLine(line: string): string[] {
  return line
    .split(/[,，、]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

/** The fields, and a save that sends only what changed; resolves to the account as saved, if anything was. */
export function organiseFields(account: AccountSummary): {
  el: HTMLElement
  save(): Promise<AccountSummary | undefined>
} {
  const joiner = /[\u3040-\u30ff\u4e00-\u9fff]/.test((account.tags ?? []).join('')) ? '、' : ', '
  const tags = h('input', {
    name: 'tags',
    value: (account.tags ?? []).join(joiner),
    autocomplete: 'off',
    'aria-describedby': 'edit-tags-hint',
  })
  const pinned = h('input', { type: 'checkbox', name: 'pinned', checked: !!account.pinned })
  const el = h(
    'div',
    { class: 'organise-fields' },
    h(
      'label',
      { class: 'field' },
      h('span', { class: 'field-label' }, t('edit.tags')),
      tags,
      h('small', { id: 'edit-tags-hint' }, t('edit.tagsHint')),
    ),
    h('label', { class: 'check' }, pinned, h('span', {}, t('edit.pinned'))),
  )
  const save = async () => {
    const bridge = api()
    let saved: AccountSummary | undefined
    const next = parseTagLine(tags.value)
    if (next.join('\n') !== (account.tags ?? []).join('\n')) {
      saved = await bridge['accounts:set-tags'](account.id, next)
    }
    if (pinned.checked !== !!account.pinned) saved = await bridge['accounts:set-pinned'](account.id, pinned.checked)
    return saved
  }
  return { el, save }
}
