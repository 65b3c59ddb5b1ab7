/** "Did you mean …?" for a mistyped option or command word: the closest of the names it could be. */

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

/** Optimal string alignment distance: edits, with a swap of two neighbours counted as one. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1)
      rows[i]![j] = best
    }
  }
  return rows[a.length]![b.length]!
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
