/** JSON from untrusted files, with limits checked before parsing so a bomb costs nothing. */
import { BackupCorruptError, BackupTooLargeError } from '../errors'

/** No real backup is this large (1,000 accounts in Aegis JSON are ~300 KB; icons make some larger). */
export const MAX_BACKUP_BYTES = 32 * 1024 * 1024
/** Backups nest a handful of levels; anything deeper is an attack on the parser. */
export const MAX_JSON_DEPTH = 32
/** Values (array elements and object members) in one file: far above any real vault. */
export const MAX_JSON_VALUES = 1_000_000
/** Entries one import takes. */
export const MAX_ENTRIES = 10_000

/**
 * Parses JSON after a linear pre-scan that rejects excessive nesting and value counts.
 * `what` names the file in errors.
 */
export function parseJsonSafely(text: string, what: string): unknown {
  if (text.length > MAX_BACKUP_BYTES) throw new BackupTooLargeError(`The ${what} is larger than any real backup.`)
  let depth = 0
  let values = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++
      else if (c === 0x22) inString = false
      continue
    }
    if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) throw new BackupTooLargeError(`The ${what} nests deeper than any real backup.`)
    } else if (c === 0x5d || c === 0x7d) depth--
    else if (c === 0x2c) {
      if (++values > MAX_JSON_VALUES)
        throw new BackupTooLargeError(`The ${what} holds more values than any real backup.`)
    }
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new BackupCorruptError(`The ${what} is not valid JSON; it may be truncated or damaged.`)
  }
}

/** A plain object (not an array, not null). */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** An array of at most MAX_ENTRIES items, or a typed error naming `what`. */
export function entryList(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new BackupCorruptError(`The ${what} has no list of accounts.`)
  if (v.length > MAX_ENTRIES) throw new BackupTooLargeError(`The ${what} holds more than ${MAX_ENTRIES} accounts.`)
  return v
}

/** A version field for a message: the number when it is a small whole number, never the file's text. */
export function versionForMessage(v: unknown): string {
  return Number.isSafeInteger(v) && Math.abs(v as number) < 1_000_000 ? String(v) : 'unknown'
}
