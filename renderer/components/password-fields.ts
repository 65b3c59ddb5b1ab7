/**
 * A new password typed twice, with a strength hint as you type. The value is read only when the
 * form is sent, and the fields are emptied after use: a backup password should not linger in the DOM.
 */
import { passwordStrength, type PasswordStrength } from '../../shared/backup/password-strength'
import { t } from '../i18n'
import { h } from './dom'

export interface PasswordFields {
  el: HTMLElement
  /** The password when it is long enough and both fields match; otherwise undefined. */
  value(): string | undefined
  clear(): void
}

const HINT_KEY = {
  empty: 'password.hint.empty',
  'too-short': 'password.hint.tooShort',
  weak: 'password.hint.weak',
  fair: 'password.hint.fair',
  strong: 'password.hint.strong',
} as const satisfies Record<PasswordStrength, string>

export function passwordFields(onChange: () => void): PasswordFields {
  const attrs = { type: 'password', autocomplete: 'new-password', spellcheck: 'false' } as const
  const first = h('input', { ...attrs, name: 'password' })
  const again = h('input', { ...attrs, name: 'password-again' })
  const meter = h('meter', { min: 0, max: 4, low: 2, high: 3, optimum: 4, value: 0, 'aria-hidden': 'true' })
  const hint = h('small', { class: 'strength', 'aria-live': 'polite' })
  const match = h('small', { class: 'match', 'aria-live': 'polite' })

  const strength = () => passwordStrength(first.value)
  const update = () => {
    const s = strength()
    meter.value = ['empty', 'too-short', 'weak', 'fair', 'strong'].indexOf(s)
    hint.textContent = t(HINT_KEY[s])
    hint.dataset.strength = s
    const mismatch = again.value !== '' && again.value !== first.value
    match.textContent = mismatch ? t('password.mismatch') : ''
    onChange()
  }
  first.addEventListener('input', update)
  again.addEventListener('input', update)
  hint.textContent = t(HINT_KEY.empty)

  return {
    el: h(
      'div',
      { class: 'password-fields' },
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('password.new')), first, meter, hint),
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('password.again')), again, match),
    ),
    value: () => {
      const s = strength()
      return s !== 'empty' && s !== 'too-short' && first.value === again.value ? first.value : undefined
    },
    clear: () => {
      first.value = ''
      again.value = ''
      update()
    },
  }
}
