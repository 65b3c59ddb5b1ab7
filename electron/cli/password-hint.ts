/**
 * The strength hint the app shows under its password field, in the CLI: the same estimator
 * (zxcvbn-ts) and the same English text. Both load only when a password is being set, so no
 * other command pays for the dictionaries.
 */
import { loadPasswordEstimator } from '../../shared/backup/password-estimator'

/** One line for stderr: "Password strength: Weak: easy to guess. … This is a commonly used password." */
export async function passwordStrengthLine(password: string): Promise<string> {
  const [rate, { en }] = await Promise.all([loadPasswordEstimator(), import('../../renderer/i18n/en')])
  const report = rate(password)
  const level = {
    empty: en['password.hint.empty'],
    'too-short': en['password.hint.tooShort'],
    weak: en['password.hint.weak'],
    fair: en['password.hint.fair'],
    strong: en['password.hint.strong'],
  }[report.strength]
  const warning = report.warning ? [en[`password.warning.${report.warning}`]] : []
  const suggestions = report.suggestions.map((s) => en[`password.suggestion.${s}`])
  return ['Password strength:', level, ...warning, ...suggestions].join(' ')
}
