/** The sites of an account, as every writer (app, CLI, import) checks them before they are stored. */
import { InvalidSiteError } from '../../shared/errors'
import { parseSite } from '../../shared/sites/domain'
import { MAX_SITES } from '../../shared/types'

/**
 * Sites typed, pasted or read from a backup, as stored: each through parseSite (a URL gives its
 * registrable domain; anything else throws INVALID_SITE), duplicates dropped, order kept.
 */
export function normalizeSites(input: readonly string[]): string[] {
  const sites: string[] = []
  for (const raw of input) {
    const site = parseSite(raw)
    if (!sites.includes(site)) sites.push(site)
  }
  if (sites.length > MAX_SITES) throw new InvalidSiteError(`An account holds at most ${MAX_SITES} sites.`)
  return sites
}

/**
 * The sites a backup file carried for an account, each parsed on its own: the good ones kept (at most
 * MAX_SITES), the rest counted, so one bad site costs that site and never the import.
 */
export function sitesFromBackup(raw: unknown): { sites: string[]; leftOut: number } {
  if (!Array.isArray(raw)) return { sites: [], leftOut: 1 }
  const sites: string[] = []
  let leftOut = 0
  for (const item of raw.slice(0, MAX_SITES * 4)) {
    let site: string
    try {
      site = parseSite(item as string)
    } catch {
      leftOut++
      continue
    }
    if (sites.includes(site)) continue
    if (sites.length < MAX_SITES) sites.push(site)
    else leftOut++
  }
  return { sites, leftOut: leftOut + Math.max(0, raw.length - MAX_SITES * 4) }
}

/** True when `list` is exactly as normalizeSites would store it (the metadata reader's check). */
export function isStoredSites(list: unknown): list is string[] {
  if (!Array.isArray(list) || list.length > MAX_SITES) return false
  if (!list.every((s) => typeof s === 'string')) return false
  try {
    const again = normalizeSites(list)
    return again.length === list.length && again.every((s, i) => s === list[i])
  } catch {
    return false
  }
}
