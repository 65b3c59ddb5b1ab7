/**
 * A new password typed twice, with a strength hint as you type. The value is read only when the
 * form is sent, and the fields are emptied after use: a backup password should not linger in the DOM.
 */
import {
  feedbackKeys,
  lengthHint,
  STRENGTH_HINT_KEY,
  type PasswordStrength,
  type StrengthReport,
} from '../../shared/backup/password-strength'
import { prepareStrength, strengthRater } from '../backup/strength-client'
import { t } from '../i18n'
import { h } from './dom'

export interface PasswordFields {
  el: HTMLElement
  /** The password when it is long enough and both fields match; otherwise undefined. */
  value(): string | undefined
  clear(): void
}

const LEVEL = ['empty', 'too-short', 'weak', 'fair', 'strong'] as const satisfies PasswordStrength[]

/** zxcvbn's warning and suggestions in the UI's language (a key without a text fails the typecheck). */
function feedbackText(report: StrengthReport): string {
  return feedbackKeys(report)
    .map((key) => t(key))
    .join(' ')
}

export function passwordFields(onChange: () => void): PasswordFields {
  const attrs = { type: 'password', autocomplete: 'new-password', spellcheck: 'false' } as const
  const first = h('input', { ...attrs, name: 'password' })
  const again = h('input', { ...attrs, name: 'password-again' })
  const meter = h('meter', { min: 0, max: 4, low: 2, high: 3, optimum: 4, value: 0, 'aria-hidden': 'true' })
  const hint = h('small', { class: 'strength', 'aria-live': 'polite' })
  const feedback = h('small', { class: 'strength-feedback', 'aria-live': 'polite' })
  const match = h('small', { class: 'match', 'aria-live': 'polite' })

  const show = (report: StrengthReport) => {
    meter.value = LEVEL.indexOf(report.strength)
    hint.textContent = t(STRENGTH_HINT_KEY[report.strength])
    hint.dataset.strength = report.strength
    feedback.textContent = feedbackText(report)
  }
  // A password is about to be set: the estimator starts loading now, not at the eighth key.
  prepareStrength()
  // The estimator answers later; an answer for a password no longer in the field is dropped.
  const rate = strengthRater((password, report) => {
    if (password === first.value) show(report)
  })
  const update = () => {
    const short = lengthHint(first.value)
    if (short) show({ strength: short, warning: null, suggestions: [] })
    else rate(first.value)
    const mismatch = again.value !== '' && again.value !== first.value
    match.textContent = mismatch ? t('password.mismatch') : ''
    onChange()
  }
  first.addEventListener('input', update)
  again.addEventListener('input', update)
  hint.textContent = t(STRENGTH_HINT_KEY.empty)

  return {
    el: h(
      'div',
      { class: 'password-fields' },
      h(
        'label',
        { class: 'field' },
        h('span', { class: 'field-label' }, t('password.new')),
        first,
        meter,
        hint,
        feedback,
      ),
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('password.again')), again, match),
    ),
    // A weak password is allowed (the hint warns); an empty or too short one is not.
    value: () => (lengthHint(first.value) === undefined && first.value === again.value ? first.value : undefined),
    clear: () => {
      first.value = ''
      again.value = ''
      update()
    },
  }
}
