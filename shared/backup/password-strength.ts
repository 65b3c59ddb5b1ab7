/**
 * The strength hint for backup passwords, as both the app and the CLI show it. An encrypted backup
 * can be attacked offline, so the hint errs on the side of "weak". The estimate itself is
 * zxcvbn-ts (password-estimator.ts), loaded only when a password is being set: its dictionaries
 * are megabytes. This module holds what every caller needs without them.
 */

/** The hint shown under the password field. */
export type PasswordStrength = 'empty' | 'too-short' | 'weak' | 'fair' | 'strong'

/** The fewest characters an export password may have. */
export const MIN_PASSWORD_LENGTH = 8

/** zxcvbn-ts's warning keys (its translationKeys.warnings), each translated in the app and the CLI. */
export const STRENGTH_WARNINGS = [
  'straightRow',
  'keyPattern',
  'simpleRepeat',
  'extendedRepeat',
  'sequences',
  'recentYears',
  'dates',
  'topTen',
  'topHundred',
  'common',
  'similarToCommon',
  'wordByItself',
  'namesByThemselves',
  'commonNames',
  'userInputs',
  'pwned',
] as const

/** zxcvbn-ts's suggestion keys (its translationKeys.suggestions). */
export const STRENGTH_SUGGESTIONS = [
  'l33t',
  'reverseWords',
  'allUppercase',
  'capitalization',
  'dates',
  'recentYears',
  'associatedYears',
  'sequences',
  'repeated',
  'longerKeyboardPattern',
  'anotherWord',
  'useWords',
  'noNeed',
  'pwned',
] as const

/** Why a password is guessable. */
export type StrengthWarning = (typeof STRENGTH_WARNINGS)[number]
/** What would make it stronger. */
export type StrengthSuggestion = (typeof STRENGTH_SUGGESTIONS)[number]

/** The hint with zxcvbn's feedback, as keys the caller translates. */
export interface StrengthReport {
  strength: PasswordStrength
  warning: StrengthWarning | null
  suggestions: StrengthSuggestion[]
}

/** The hint that needs no dictionary: empty or too short, else undefined (the estimator decides). */
export function lengthHint(password: string): 'empty' | 'too-short' | undefined {
  if (password === '') return 'empty'
  // Characters, not UTF-16 units: seven emoji are seven characters.
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too-short'
  return undefined
}

/**
 * zxcvbn's score (0-4) as the hint. Score 2 means under 10^10 guesses: days offline even against
 * the backup's slow KDF, so it is still "weak" here; 3 is fair, 4 strong.
 */
export function strengthOfScore(score: number): 'weak' | 'fair' | 'strong' {
  if (score >= 4) return 'strong'
  if (score === 3) return 'fair'
  return 'weak'
}

const warnings: ReadonlySet<string> = new Set(STRENGTH_WARNINGS)
const suggestions: ReadonlySet<string> = new Set(STRENGTH_SUGGESTIONS)

/** zxcvbn's feedback narrowed to the keys we translate (a key added by a later zxcvbn is dropped, not shown raw). */
export function knownFeedback(feedback: { warning: string | null; suggestions: string[] }): {
  warning: StrengthWarning | null
  suggestions: StrengthSuggestion[]
} {
  return {
    warning: feedback.warning !== null && warnings.has(feedback.warning) ? (feedback.warning as StrengthWarning) : null,
    suggestions: feedback.suggestions.filter((s): s is StrengthSuggestion => suggestions.has(s)),
  }
}

/** The translation key of each level (renderer/i18n holds the texts; the app and the CLI both use them). */
export const STRENGTH_HINT_KEY = {
  empty: 'password.hint.empty',
  'too-short': 'password.hint.tooShort',
  weak: 'password.hint.weak',
  fair: 'password.hint.fair',
  strong: 'password.hint.strong',
} as const satisfies Record<PasswordStrength, string>

/** The translation keys of a report's warning and suggestions, in the order they are shown. */
export function feedbackKeys(report: Pick<StrengthReport, 'warning' | 'suggestions'>) {
  return [
    ...(report.warning ? [`password.warning.${report.warning}` as const] : []),
    ...report.suggestions.map((s) => `password.suggestion.${s}` as const),
  ]
}
