/**
 * The strength hint the app shows under its password field, in the CLI: the same estimator
 * (zxcvbn-ts) and the same English text. Both load only when a password is being set, so no
 * other command pays for the dictionaries.
 */
import { loadPasswordEstimator } from '../../shared/backup/password-estimator'
import { feedbackKeys, STRENGTH_HINT_KEY } from '../../shared/backup/password-strength'

/** One line for stderr: "Password strength: Weak: easy to guess. … This is a commonly used password." */
export async function passwordStrengthLine(password: string): Promise<string> {
  const [rate, { en }] = await Promise.all([loadPasswordEstimator(), import('../../renderer/i18n/en')])
  const report = rate(password)
  const level = en[STRENGTH_HINT_KEY[report.strength]]
  const feedback = feedbackKeys(report).map((key) => en[key])
  return ['Password strength:', level, ...feedback].join(' ')
}
