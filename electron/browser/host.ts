/**
 * The native host's one decision: what the page at this URL may get. Pure over injected
 * accounts and clock, so every answer is unit-tested without a browser or a keychain.
 *
 * The host checks the page itself (the extension's word is not taken): only https, no user
 * name in front of the host, and the page's host must be one of an account's sites or a
 * subdomain of one. It answers with a code for that account only, never a secret, never a list
 * of the accounts, and never a code for a counter-based account (each fill would use one up).
 */
import { createHash } from 'node:crypto'
import { displayName } from '../../shared/accounts/display-name'
import { CHROMIUM_EXTENSION_ID, FIREFOX_EXTENSION_ID } from '../../shared/browser/extension-id'
import {
  BROWSER_PROTOCOL_VERSION,
  type BrowserProtocolErrorCode,
  type BrowserRequest,
  type BrowserResponse,
} from '../../shared/browser/messages'
import { isAppError, type ErrorCode } from '../../shared/errors'
import { checkText, knownSites } from '../../shared/sites/check'
import { siteMatchesHost } from '../../shared/sites/domain'
import type { AccountSummary } from '../../shared/types'
import type { FillNotice } from './activity'

/** What the host reads the accounts through: no secret leaves it, only a code. */
export interface HostAccounts {
  /** Live accounts (Recently deleted left out). */
  list(): AccountSummary[]
  /** The TOTP code of a time-based account at `nowMs`. */
  totp(id: string, nowMs: number): { code: string; secondsLeft: number }
}

export interface BrowserHostDeps {
  /** The accounts as they are now (re-read when another Warifu changed them). */
  accounts(): Promise<HostAccounts>
  now(): number
  /** True once the user removed the browser's access in the app or with `warifu browser uninstall`. */
  accessRemoved(): Promise<boolean>
  /** Tells the app a code was filled, for its recent-activity view (activity.ts notifyFill). */
  notifyFill(fill: FillNotice): void | Promise<void>
  /** Warifu's version, for `pong`. */
  version: string
}

const V = BROWSER_PROTOCOL_VERSION
const MAX_URL_LENGTH = 8192
const REF = /^[0-9a-f]{1,64}$/

/** An error answer; `message` is fixed text, never an echo of the request. */
export function errorAnswer(code: BrowserProtocolErrorCode | ErrorCode, message: string): BrowserResponse {
  return { v: V, type: 'error', code, message }
}

/**
 * The caller from the host's arguments. Chromium passes its origin `chrome-extension://<id>/`
 * first (on Windows then `--parent-window=<handle>`); Firefox passes the manifest's path, then
 * the extension's id. Only Warifu's own extension ids are allowed.
 * https://developer.chrome.com/docs/extensions/develop/concepts/native-messaging#native-messaging-host-protocol
 * https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/Native_messaging#app_side
 */
export function isAllowedCaller(args: readonly string[]): boolean {
  const [first, second] = args
  if (first === `chrome-extension://${CHROMIUM_EXTENSION_ID}/`) return true
  return first !== undefined && /\.json$/i.test(first) && second === FIREFOX_EXTENSION_ID
}

/** The request in a frame, or the error answer saying what is wrong with it (fixed text). */
export function parseBrowserRequest(
  raw: unknown,
): { ok: true; request: BrowserRequest } | { ok: false; answer: BrowserResponse } {
  const bad = (code: BrowserProtocolErrorCode, message: string) => ({
    ok: false as const,
    answer: errorAnswer(code, message),
  })
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return bad('bad-request', 'A request is a JSON object.')
  const r = raw as Record<string, unknown>
  if (r.v !== V) return bad('unsupported-version', `This Warifu speaks protocol version ${V}.`)
  if (r.type === 'ping') return { ok: true, request: { v: V, type: 'ping' } }
  if (r.type !== 'code-for-page') return bad('bad-request', 'Unknown request type.')
  if (typeof r.url !== 'string' || r.url.length === 0 || r.url.length > MAX_URL_LENGTH)
    return bad('bad-request', 'code-for-page needs the page URL.')
  if (r.account === undefined) return { ok: true, request: { v: V, type: 'code-for-page', url: r.url } }
  if (typeof r.account !== 'string' || !REF.test(r.account))
    return bad('bad-request', 'account must be a ref from a choose answer.')
  return { ok: true, request: { v: V, type: 'code-for-page', url: r.url, account: r.account } }
}

/**
 * An account's opaque ref for a `choose` answer: bound to the site, the same in every host
 * process (the browser may start a new one for the follow-up), and not the account's id.
 */
export function accountRef(site: string, id: string): string {
  return createHash('sha256').update(`warifu-browser-ref\0${site}\0${id}`).digest('hex').slice(0, 32)
}

type PageUrl = { protocol: string; hostname: string; username: string; password: string }

function parsePageUrl(href: string): PageUrl | null {
  try {
    return new URL(href)
  } catch {
    return null
  }
}

/** The site of `host` among the accounts' sites, and the accounts that hold it. */
function matchSite(
  host: string,
  accounts: readonly AccountSummary[],
): { site: string; matches: AccountSummary[] } | null {
  const matches: AccountSummary[] = []
  let site: string | undefined
  for (const account of accounts) {
    // Sites are registrable domains, so a host matches at most one site (its own eTLD+1).
    const hit = account.sites.find((s) => siteMatchesHost(s, host))
    if (hit === undefined) continue
    site ??= hit
    if (hit === site) matches.push(account)
  }
  return site === undefined ? null : { site, matches }
}

/** The link check's verdict on a page that is none of the sites: `lookalike` or `no-account`. */
function lookalikeOrNothing(url: PageUrl, accounts: readonly AccountSummary[]): BrowserResponse {
  // Only scheme, user name and host: a path or query may itself hold links that are not the page.
  const user = url.username === '' ? '' : `${url.username}@`
  const text = `${url.protocol}//${user}${url.hostname}/`
  const finding = checkText(text, knownSites(accounts)).findings.find((f) => f.verdict === 'lookalike')
  if (finding === undefined) return { v: V, type: 'no-account' }
  return {
    v: V,
    type: 'lookalike',
    site: finding.site ?? '',
    host: finding.host ?? url.hostname,
    reasons: finding.reasons,
  }
}

/** The answer to one request; `notifyFill` is called after a `code` answer. Never throws. */
export async function answerRequest(request: BrowserRequest, deps: BrowserHostDeps): Promise<BrowserResponse> {
  try {
    if (await deps.accessRemoved()) return { v: V, type: 'access-removed' }
    if (request.type === 'ping') return { v: V, type: 'pong', version: deps.version }
    return await answerCodeForPage(request, deps)
  } catch (error) {
    // AppError messages are written never to hold a secret; anything else is named only by kind.
    if (isAppError(error)) return errorAnswer(error.code, error.message)
    return errorAnswer('internal', 'Warifu could not answer.')
  }
}

async function answerCodeForPage(
  request: Extract<BrowserRequest, { type: 'code-for-page' }>,
  deps: BrowserHostDeps,
): Promise<BrowserResponse> {
  const url = parsePageUrl(request.url)
  if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) return { v: V, type: 'no-account' }
  const view = await deps.accounts()
  const accounts = view.list()
  // https://monex.co.jp@evil.example/ is evil.example; even in front of the real host, a user
  // name in a page address is a trick, never a page to fill.
  const hasUserinfo = url.username !== '' || url.password !== ''
  const match = hasUserinfo ? null : matchSite(url.hostname, accounts)
  if (match === null) return lookalikeOrNothing(url, accounts)
  const { site, matches } = match
  if (url.protocol !== 'https:') return { v: V, type: 'not-https', site }
  let chosen: AccountSummary | undefined
  if (request.account !== undefined) {
    chosen = matches.find((a) => accountRef(site, a.id) === request.account)
    if (chosen === undefined) return errorAnswer('ACCOUNT_NOT_FOUND', 'That account is not one of this site\u2019s.')
  } else if (matches.length === 1) {
    chosen = matches[0]
  } else {
    return {
      v: V,
      type: 'choose',
      site,
      accounts: matches.map((a) => ({ ref: accountRef(site, a.id), name: displayName(a) })),
    }
  }
  if (chosen === undefined) return { v: V, type: 'no-account' }
  const name = displayName(chosen)
  if (chosen.type !== 'totp') return { v: V, type: 'counter-based', name, site }
  const at = deps.now()
  const { code, secondsLeft } = view.totp(chosen.id, at)
  // Not awaited: the answer must not wait on the app, which may be closed (the process still
  // lets the notice finish before it exits).
  Promise.resolve()
    .then(() => deps.notifyFill({ site, name, at }))
    .catch(() => undefined)
  return { v: V, type: 'code', code, secondsLeft, period: chosen.period, name, site }
}
