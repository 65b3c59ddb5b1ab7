/**
 * What the browser companion and the native host (`warifu browser-host`) say to each other.
 * One question only: "the code for this page". The host never sends a secret, never lists the
 * accounts, and answers for a page only after checking its URL itself (the extension's word
 * that a page is real is not taken).
 */
import type { LinkReason } from '../sites/check'

/** Protocol version; a host answers a request of another version with `unsupported-version`. */
export const BROWSER_PROTOCOL_VERSION = 1

/** Largest message either side sends, in bytes of JSON (Chromium's host-to-browser cap is 1 MB). */
export const MAX_BROWSER_MESSAGE_BYTES = 64 * 1024

export type BrowserRequest =
  /** Is the host there and allowed? */
  | { v: 1; type: 'ping' }
  /**
   * The code for the top-level page at `url` (its full href). `account` is a `ref` from an
   * earlier `choose` answer, when the user picked one of several accounts for this site.
   */
  | { v: 1; type: 'code-for-page'; url: string; account?: string }

/** One account that may fill this page, as the user sees it (no id beyond an opaque ref). */
export interface BrowserAccountChoice {
  /** Opaque: only good for asking this host again about this same page. */
  ref: string
  /** "マネックス証券 (hanako)": issuer and label as the app shows them. */
  name: string
}

export type BrowserResponse =
  | { v: 1; type: 'pong'; version: string }
  /** Fill this. `site` is the account's site the page's registrable domain matched. */
  | { v: 1; type: 'code'; code: string; secondsLeft: number; period: number; name: string; site: string }
  /** Several accounts hold this site: ask the user, then ask again with `account`. */
  | { v: 1; type: 'choose'; site: string; accounts: BrowserAccountChoice[] }
  /** The page imitates one of the user's sites: warn, fill nothing. */
  | { v: 1; type: 'lookalike'; site: string; host: string; reasons: LinkReason[] }
  /** The real site, but not over https: fill nothing. */
  | { v: 1; type: 'not-https'; site: string }
  /** The matching account counts (HOTP): filling would use up a code, so it is never automatic. */
  | { v: 1; type: 'counter-based'; name: string; site: string }
  /** No account holds this page's site (quietly said). */
  | { v: 1; type: 'no-account' }
  /** The user removed the browser's access in the app. */
  | { v: 1; type: 'access-removed' }
  /** Anything else: a stable code (shared/errors.ts ErrorCode or a BrowserProtocolErrorCode) and a message without secrets. */
  | { v: 1; type: 'error'; code: string; message: string }

/** The host's own error codes (an `error` answer's `code` is one of these or an ErrorCode from shared/errors.ts). */
export type BrowserProtocolErrorCode =
  /** The host was started by another extension than Warifu's; it exits after this answer. */
  | 'caller-not-allowed'
  /** A message over MAX_BROWSER_MESSAGE_BYTES; the host exits after this answer. */
  | 'message-too-large'
  /** Not UTF-8 JSON. */
  | 'bad-json'
  /** JSON, but not a request this protocol has (type, url, account ref). */
  | 'bad-request'
  /** `v` is not BROWSER_PROTOCOL_VERSION. */
  | 'unsupported-version'
  /** Something unexpected; nothing about it is said. */
  | 'internal'
