/**
 * zxcvbn-ts with the common, English and Japanese (romaji) dictionaries. Import this module only
 * where a password is being set (the renderer's strength worker, the CLI's password prompt): the
 * dictionaries are megabytes and take a few hundred milliseconds to load.
 */
import { knownFeedback, lengthHint, strengthOfScore, type StrengthReport } from './password-strength'

/** Rates one password; synchronous once loaded. */
export type PasswordEstimator = (password: string) => StrengthReport

let loading: Promise<PasswordEstimator> | undefined

/** The estimator, loaded on first call and shared after. */
export function loadPasswordEstimator(): Promise<PasswordEstimator> {
  loading ??= load()
  return loading
}

async function load(): Promise<PasswordEstimator> {
  const [{ ZxcvbnFactory }, common, en, ja] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
    import('@zxcvbn-ts/language-ja'),
  ])
  // The ja package predates core v4's "-lang" suffixes; suffixed here so no name collides with en's.
  const jaDictionary = Object.fromEntries(Object.entries(ja.dictionary).map(([name, words]) => [`${name}-ja`, words]))
  const zxcvbn = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...jaDictionary },
    graphs: common.adjacencyGraphs,
    // Catches near-misses of common passwords ("Tr0ub4dor&3"); costs a few hundred ms a check.
    useLevenshteinDistance: true,
    // No translations: the feedback comes back as keys, translated by the app and the CLI.
  })
  return (password) => {
    const short = lengthHint(password)
    if (short) return { strength: short, warning: null, suggestions: [] }
    const result = zxcvbn.check(password)
    return { strength: strengthOfScore(result.score), ...knownFeedback(result.feedback) }
  }
}
