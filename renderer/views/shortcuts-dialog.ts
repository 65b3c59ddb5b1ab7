/** The `?` dialog: every key of the list, in the UI's language. */
import { h } from '../components/dom'
import { t } from '../i18n'
import type { MessageKey } from '../i18n/en'

const mod = () => (/Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl')

/** Keys and what they do, in the order a user meets them. */
function rows(): [string, MessageKey][] {
  return [
    [`A–Z, かな · ${mod()}+F`, 'keys.search'],
    ['↑ ↓ · Home · End · Tab', 'keys.select'],
    [`Enter · ${mod()}+C`, 'keys.copy'],
    ['Shift+Enter', 'keys.copyNext'],
    ['Space', 'keys.reveal'],
    ['Alt+↑ ↓', 'keys.reorder'],
    ['F2', 'keys.edit'],
    ['Delete', 'keys.delete'],
    ['Esc', 'keys.back'],
    ['?', 'keys.help'],
  ]
}

/** Opens the dialog (Esc or Close shuts it; the focus goes back where it was). */
export function shortcutsDialog(): void {
  const before = document.activeElement as HTMLElement | null
  const close = h('button', { type: 'button', class: 'button primary' }, t('keys.close'))
  const dialog = h(
    'dialog',
    { class: 'dialog shortcuts', 'aria-labelledby': 'shortcuts-title' },
    h('h2', { id: 'shortcuts-title' }, t('keys.title')),
    h(
      'dl',
      { class: 'shortcut-list' },
      ...rows().flatMap(([keys, what]) => [h('dt', {}, h('kbd', {}, keys)), h('dd', {}, t(what))]),
    ),
    h('div', { class: 'dialog-actions' }, close),
  )
  close.addEventListener('click', () => dialog.close())
  dialog.addEventListener('close', () => {
    dialog.remove()
    before?.focus()
  })
  document.body.append(dialog)
  dialog.showModal()
  close.focus()
}
