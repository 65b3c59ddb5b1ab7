/**
 * What the extension does with the host's answer for the tab the user acted on. Pure: the tab's
 * URL and the answer in, one action out. The host already checked the page; this checks again,
 * so neither side's word alone ever fills a code: the top-level page must be https: and its
 * registrable domain must be the site the host named. The real site over plain http: gets the red
 * warning too: anyone on the network path can serve that page, so it may be a fake one.
 */
import type { BrowserAccountChoice, BrowserResponse } from '../../shared/browser/messages'
import type { LinkReason } from '../../shared/sites/check'
import { registrableDomain } from '../../shared/sites/domain'

/** Why nothing is filled, each with its own text (a MessageKey of the same name). */
export type NoteReason =
  'noAccount' | 'counterBased' | 'accessRemoved' | 'hostMissing' | 'hostError' | 'notWebPage' | 'siteMismatch'

/** What the host said, or that it could not be reached (sendNativeMessage failed). */
export type HostAnswer = { ok: true; response: BrowserResponse } | { ok: false; hostMissing: boolean; code: string }

export type Action =
  /** Fill `code` into the tab whose top-level page is still `origin`. */
  | { kind: 'fill'; code: string; name: string; site: string; secondsLeft: number; origin: string }
  /** Several accounts hold this site: let the user pick (the popup), then ask again. */
  | { kind: 'choose'; site: string; accounts: BrowserAccountChoice[] }
  /** A page imitating `site`: the red warning, nothing filled or copied. */
  | { kind: 'warn'; site: string; host: string; reasons: LinkReason[] }
  /** The account's site over http: (not encrypted): the red warning to type https://site, nothing filled. */
  | { kind: 'insecure'; site: string }
  /** Nothing to fill, and why (quiet for noAccount). `params` fill the text's placeholders. */
  | { kind: 'note'; reason: NoteReason; params: Record<string, string> }

/** The https: origin and registrable domain of a tab's URL, or null for anything else. */
export interface PageInfo {
  protocol: string
  origin: string
  host: string
  domain: string | null
}

/** The parts of a tab URL the checks use; null for a URL that is no web page (chrome://, about:, file:). */
export function pageInfo(url: string | undefined): PageInfo | null {
  if (url === undefined) return null
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null
  // A browser never shows user info in a top-level URL; if one is there, trust nothing about it.
  if (parsed.username !== '' || parsed.password !== '') return null
  return {
    protocol: parsed.protocol,
    origin: parsed.origin,
    host: parsed.hostname,
    domain: registrableDomain(parsed.hostname),
  }
}

/** True when the page may receive a code for `site`: https: and its registrable domain is `site`. */
export function pageIsSite(page: PageInfo | null, site: string): page is PageInfo & { domain: string } {
  return page !== null && page.protocol === 'https:' && page.domain !== null && page.domain === site
}

/** The action for a tab URL and the host's answer to "the code for this page". */
export function decide(tabUrl: string | undefined, answer: HostAnswer): Action {
  const page = pageInfo(tabUrl)
  if (!answer.ok) {
    return answer.hostMissing
      ? { kind: 'note', reason: 'hostMissing', params: {} }
      : { kind: 'note', reason: 'hostError', params: { code: answer.code } }
  }
  const response = answer.response
  switch (response.type) {
    case 'code':
      if (!pageIsSite(page, response.site)) return mismatch(page, response.site)
      return {
        kind: 'fill',
        code: response.code,
        name: response.name,
        site: response.site,
        secondsLeft: response.secondsLeft,
        origin: page.origin,
      }
    case 'choose':
      if (!pageIsSite(page, response.site)) return mismatch(page, response.site)
      return { kind: 'choose', site: response.site, accounts: response.accounts }
    case 'lookalike':
      return { kind: 'warn', site: response.site, host: response.host, reasons: response.reasons }
    case 'not-https':
      return { kind: 'insecure', site: response.site }
    case 'counter-based':
      return { kind: 'note', reason: 'counterBased', params: { name: response.name } }
    case 'no-account':
      return { kind: 'note', reason: 'noAccount', params: {} }
    case 'access-removed':
      return { kind: 'note', reason: 'accessRemoved', params: {} }
    case 'error':
      return { kind: 'note', reason: 'hostError', params: { code: response.code } }
    case 'pong':
      return { kind: 'note', reason: 'hostError', params: { code: 'UNEXPECTED_ANSWER' } }
  }
}

/** The host named a site this page is not (or the page is not https:): never fill. */
function mismatch(page: PageInfo | null, site: string): Action {
  if (page === null) return { kind: 'note', reason: 'notWebPage', params: {} }
  if (page.protocol !== 'https:' && page.domain === site) return { kind: 'insecure', site }
  return { kind: 'note', reason: 'siteMismatch', params: {} }
}

/** Checks that something from the native host has the shape of a BrowserResponse (never trust it blindly). */
export function parseHostResponse(raw: unknown): BrowserResponse | null {
  if (typeof raw !== 'object' || raw === null) return null
  const r = raw as Record<string, unknown>
  if (r.v !== 1 || typeof r.type !== 'string') return null
  const str = (key: string) => typeof r[key] === 'string'
  switch (r.type) {
    case 'code':
      return str('code') &&
        /^\d{4,10}$/.test(r.code as string) &&
        str('name') &&
        str('site') &&
        typeof r.secondsLeft === 'number' &&
        typeof r.period === 'number'
        ? (r as BrowserResponse)
        : null
    case 'choose':
      return str('site') &&
        Array.isArray(r.accounts) &&
        r.accounts.every(
          (a: unknown) =>
            typeof a === 'object' &&
            a !== null &&
            typeof (a as BrowserAccountChoice).ref === 'string' &&
            typeof (a as BrowserAccountChoice).name === 'string',
        )
        ? (r as BrowserResponse)
        : null
    case 'lookalike':
      return str('site') && str('host') && Array.isArray(r.reasons) && r.reasons.every((x) => typeof x === 'string')
        ? (r as BrowserResponse)
        : null
    case 'not-https':
      return str('site') ? (r as BrowserResponse) : null
    case 'counter-based':
      return str('name') && str('site') ? (r as BrowserResponse) : null
    case 'no-account':
    case 'access-removed':
      return r as BrowserResponse
    case 'error':
      return str('code') && str('message') ? (r as BrowserResponse) : null
    case 'pong':
      return str('version') ? (r as BrowserResponse) : null
    default:
      return null
  }
}

/**
 * sendNativeMessage's failure, sorted: the host not installed (or its manifest not naming this
 * extension) gets the "connect a browser" text, anything else a generic one with a code.
 */
export function classifyHostFailure(message: string): HostAnswer {
  // Chromium: "Specified native messaging host not found." / "Access to the specified native
  // messaging host is forbidden."; Firefox: "No such native application warifu.browser_host".
  if (/not found|forbidden|no such native application/i.test(message)) {
    return { ok: false, hostMissing: true, code: 'HOST_NOT_INSTALLED' }
  }
  // "Native host has exited." and the like: installed, but it failed.
  return { ok: false, hostMissing: false, code: 'HOST_FAILED' }
}
