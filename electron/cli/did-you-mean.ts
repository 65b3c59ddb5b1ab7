/** "Did you mean …?" for a mistyped option or command word: the closest of the names it could be. */
import { editDistance } from '../../shared/text/edit-distance'

/** Re-exported: the args tests measure with it from here. */
export { editDistance }

/**
 * Words people bring from other tools, mapped to ours. Offered only when the command has that
 * option, so "--url" means --uri for `code` and --site for `add`.
 */
const SYNONYMS: Record<string, string[]> = {
  key: ['secret'],
  'setup-key': ['secret'],
  seed: ['secret'],
  base32: ['secret'],
  name: ['label', 'issuer'],
  account: ['label'],
  user: ['label'],
  username: ['label'],
  email: ['label'],
  service: ['issuer'],
  provider: ['issuer'],
  url: ['uri', 'site'],
  link: ['uri', 'site'],
  otpauth: ['uri'],
  domain: ['site'],
  time: ['at'],
  timestamp: ['at'],
  output: ['out'],
  o: ['out'],
  file: ['out', 'password-file'],
  algo: ['algorithm'],
  hash: ['algorithm'],
  length: ['digits'],
  len: ['digits'],
  interval: ['period'],
  step: ['period'],
  overwrite: ['force'],
  y: ['yes'],
  permanent: ['forever'],
  purge: ['forever'],
}

/**
 * The one candidate `typed` most likely meant, or undefined: a known synonym, a unique name it
 * starts (--alg for --algorithm), or the nearest within one edit for short words, two for longer.
 */
export function suggestionFor(typed: string, candidates: readonly string[]): string | undefined {
  const word = typed.toLowerCase()
  const synonym = SYNONYMS[word]?.find((s) => candidates.includes(s))
  if (synonym !== undefined) return synonym
  if (word.length >= 2) {
    const started = candidates.filter((c) => c.startsWith(word))
    if (started.length === 1) return started[0]
  }
  const limit = word.length <= 4 ? 1 : 2
  let best: string | undefined
  let bestDistance = limit + 1
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate)
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance]
  }
  return best
}
