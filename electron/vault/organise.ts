/** How accounts are organised, as every writer checks it before it is stored: tags and the last-used time. */
import { InvalidAccountError, InvalidTagError } from '../../shared/errors'
import { cleanName } from '../../shared/otp/account'
import { MAX_TAG_LENGTH, MAX_TAGS } from '../../shared/types'

/** One tag as stored: cleaned like a name (no control or bidi characters), 1 to MAX_TAG_LENGTH characters. */
export function cleanTag(raw: string): string {
  let tag: string
  try {
    tag = cleanName(raw, 'label')
  } catch (error) {
    if (!(error instanceof InvalidAccountError)) throw error
    throw new InvalidTagError(`A tag is at most ${MAX_TAG_LENGTH} characters.`)
  }
  if (tag === '') throw new InvalidTagError('A tag cannot be empty.')
  if ([...tag].length > MAX_TAG_LENGTH) throw new InvalidTagError(`A tag is at most ${MAX_TAG_LENGTH} characters.`)
  return tag
}

/** Folded for "the same tag": 証券 and ｼｮｳｹﾝ stay apart, but Work and work and ＷＯＲＫ are one. */
const tagKey = (tag: string) => tag.normalize('NFKC').toLowerCase()

/** Tags typed by the user, as stored: each cleaned, duplicates dropped (the first spelling kept), order kept. */
export function normalizeTags(input: readonly string[]): string[] {
  const tags: string[] = []
  const keys = new Set<string>()
  for (const raw of input) {
    const tag = cleanTag(raw)
    if (keys.has(tagKey(tag))) continue
    keys.add(tagKey(tag))
    tags.push(tag)
  }
  if (tags.length > MAX_TAGS) throw new InvalidTagError(`An account holds at most ${MAX_TAGS} tags.`)
  return tags
}

/** True when `list` is exactly as normalizeTags would store it, and not empty (the metadata reader's check). */
export function isStoredTags(list: unknown): list is string[] {
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_TAGS) return false
  if (!list.every((s) => typeof s === 'string')) return false
  try {
    const again = normalizeTags(list)
    return again.length === list.length && again.every((s, i) => s === list[i])
  } catch {
    return false
  }
}

/**
 * The tags a backup file carried for an account, each cleaned on its own: the good ones kept (at most
 * MAX_TAGS), the rest dropped, so one bad tag costs that tag and never the import.
 */
export function tagsFromBackup(raw: unknown): string[] {
  if (!Array.isArray(raw)) return []
  let tags: string[] = []
  for (const item of raw.slice(0, MAX_TAGS * 4)) {
    if (tags.length === MAX_TAGS) break
    if (typeof item !== 'string') continue
    try {
      // The kept tags plus this one, as stored: a folded duplicate collapses, a bad tag throws.
      tags = normalizeTags([...tags, item])
    } catch {
      // Not a tag: left out.
    }
  }
  return tags
}

const MINUTE_MS = 60_000

/**
 * The last-used time as stored: to the minute. Copying twice in one minute then changes nothing,
 * so a burst of copies costs one metadata write, not one each.
 */
export function usedAtMinute(nowMs: number): string {
  return new Date(Math.floor(nowMs / MINUTE_MS) * MINUTE_MS).toISOString()
}

/** True for a last-used time as usedAtMinute writes it (the metadata reader's check). */
export function isStoredUsedAt(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const ms = Date.parse(value)
  return !Number.isNaN(ms) && usedAtMinute(ms) === value
}
