/**
 * Pure: the link and sender check. Finds URLs, bare hosts and e-mail addresses in any text
 * (a link, a whole pasted e-mail with its headers, an SMS) and says, for each, whether it is
 * one of the user's sites, looks like a fake of one, or is neither. Offline: it never fetches
 * anything (a shortened link is reported as unverifiable), and it never throws on any string.
 */
import punycode from 'punycode.js'
import { parse } from 'tldts'
import { normalizeHost } from './domain'
import { editDistance } from '../text/edit-distance'
import { KNOWN_SERVICES } from './known-services'
import { skeleton } from './skeleton'

/** Re-exported: the checker's tests and callers have always found it here. */
export { editDistance }

/** What a found link or address is; `worst` ranks them lookalike > unverifiable > unknown > yours. */
export type Verdict = 'yours' | 'lookalike' | 'unknown' | 'unverifiable'

/** Why a finding got its verdict; the UI and the CLI word each code themselves. */
export type LinkReason =
  /** The real site's name is the start of another site: monex.co.jp.account-verify.com. */
  | 'subdomain-trick'
  /** The brand is inside another site's name: monex-co-jp.com, sbisec-security.jp. */
  | 'brand-in-other-domain'
  /** The same name under another ending: monex.jp, monex.co, rakuten-sec.net. */
  | 'other-suffix'
  /** Letters from another alphabet that look the same (Cyrillic о for o), or punycode xn--. */
  | 'homograph'
  /** One or two letters changed, added, swapped or look-alike: rnonex.co.jp, sbisecc.co.jp. */
  | 'edit-distance'
  /** Text before an @ in the address, which the browser ignores: https://monex.co.jp@evil.example/. */
  | 'userinfo'
  /** Your site, but over plain http:// (not encrypted; a real login page uses https). */
  | 'plain-http'
  /** A link shortener: where it leads cannot be known offline. */
  | 'shortener'
  /** The sender of an e-mail: the From line can be forged. */
  | 'sender-forgeable'

/** One URL, host or address found in the text. */
export interface LinkFinding {
  /** The URL, host or address as found (a URL's password, if any, removed). */
  text: string
  /** The host it really leads to, in ASCII; null when it has none we can read. */
  host: string | null
  verdict: Verdict
  /** The site it belongs to ('yours') or imitates ('lookalike'). */
  site?: string
  /** The accounts whose site it is or imitates. */
  accounts?: { issuer: string; label: string }[]
  reasons: LinkReason[]
  /** True for the sender of a pasted e-mail (its From line). */
  isSender?: boolean
}

/** A user's site and the accounts that hold it. */
export interface KnownSite {
  site: string
  accounts: { issuer: string; label: string }[]
}

/** The accounts (the user's live ones) grouped by site, in list order, as checkText wants them. */
export function knownSites(
  accounts: readonly { issuer: string; label: string; sites: readonly string[] }[],
): KnownSite[] {
  const bySite = new Map<string, KnownSite>()
  for (const account of accounts) {
    for (const site of account.sites) {
      const entry = bySite.get(site) ?? { site, accounts: [] }
      entry.accounts.push({ issuer: account.issuer, label: account.label })
      bySite.set(site, entry)
    }
  }
  return [...bySite.values()]
}

/** Longest text looked at (256 KiB of characters): a long e-mail fits, past that is not read. */
export const MAX_CHECK_TEXT = 256 * 1024
// Longest run of host-like text read as a host (a DNS name is at most 253 characters, more as Unicode).
const MAX_HOST_TEXT = 1024
/** Most findings reported for one text. */
export const MAX_FINDINGS = 500

/**
 * Well-known public link shorteners (registrable domains). A link through one of them could
 * lead anywhere, and finding out means fetching it, which this check never does.
 */
export const SHORTENERS: ReadonlySet<string> = new Set([
  'bit.ly',
  'bitly.com',
  'bl.ink',
  'buff.ly',
  'cutt.ly',
  'dlvr.it',
  'goo.gl',
  'is.gd',
  'lin.ee',
  'lnkd.in',
  'ow.ly',
  'rb.gy',
  'rebrand.ly',
  's.id',
  'shorturl.at',
  't.co',
  't.ly',
  'tiny.cc',
  'tinyurl.com',
  'trib.al',
  'ux.nu',
  'v.gd',
  'x.gd',
])

const RANK: Record<Verdict, number> = { yours: 0, unknown: 1, unverifiable: 2, lookalike: 3 }
// Stronger evidence first: when a host imitates two of your sites, the clearest trick is named.
const REASON_RANK: Partial<Record<LinkReason, number>> = {
  'subdomain-trick': 6,
  homograph: 5,
  'other-suffix': 4,
  'brand-in-other-domain': 3,
  'edit-distance': 2,
  userinfo: 1,
}

const TLDTS_OPTIONS = { allowPrivateDomains: true, extractHostname: false, validateHosts: false } as const

/** What the lookalike tests compare a host against, computed once per site and remembered. */
interface SiteShape {
  site: string
  /** The name without its public suffix: monex for monex.co.jp. */
  label: string
  suffix: string
  labelSkeleton: string
  siteSkeleton: string
  /** The site written with hyphens for dots: monex-co-jp. */
  dashed: string
  /** Which characters the label (and its skeleton) hold: a cheap filter before the edit distance. */
  mask: CharMask
  skeletonMask: CharMask
}

/** A user's site (or a well-known service's) with its accounts. */
interface PreparedSite extends SiteShape {
  accounts: { issuer: string; label: string }[]
  /** A well-known service's site the user holds no account for: only the surest tricks are flagged. */
  fromTable: boolean
}

/** The host, registrable domain and its parts, in ASCII and as displayed. */
interface HostInfo {
  host: string
  domain: string | null
  label: string
  suffix: string
  /** The host as a browser may display it (punycode decoded). */
  unicode: string
  /** The displayed host's skeleton and each of its tails after a dot (to find a site's skeleton at its end). */
  skeletonTails: Set<string>
  labelSkeleton: string
  mask: CharMask
  skeletonMask: CharMask
  /** The characters of the whole host. */
  hostMask: CharMask
  /** The registrable domain is a verified site of a well-known service: real, whoever it is. */
  isKnownService: boolean
}

/** What a URL adds to its host. */
interface UrlContext {
  isHttp: boolean
  userinfo: string
}

/** Text positions already claimed by a URL or an address, so the bare-host scan skips them. */
type Span = [start: number, end: number]

// A URL's authority may hold Unicode (an IDN); it stops at white space, quotes, brackets and
// Japanese punctuation so a link in running Japanese text ends where the text resumes.
const URL_RE =
  /\b(https?):\/\/([^\s/?#\\<>"'`()[\]{}|^、。，「」『』（）【】〈〉《》！？；：｛｝［］\u3000]+)([/?#\\][\x21\x23-\x26\x28-\x3b\x3d\x3f-\x7e]*)?/giu
// An e-mail address; the domain part is ASCII or Latin/Cyrillic/Greek letters (homographs). It
// starts only where a run of address characters starts, so a long run is read once, not per character.
const EMAIL_RE =
  /(?<![A-Za-z0-9.!#$%&'*+/=?^_`{|}~-])[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@((?:[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Nd}\p{M}-]{1,63}[.．])+[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Nd}\p{M}-]{2,63})/gu
// A bare host: dotted words of Latin, Cyrillic or Greek letters and digits. Kana and kanji end
// it, so "monex.co.jpをご確認" finds monex.co.jp.
const BARE_RE =
  /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Nd}\p{M}-]+(?:[.．][\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Nd}\p{M}-]+)+/gu
const SENDER_RE = /^(?:from|差出人|送信者)[ \t]*[:：][ \t]*(.*)$/im
const HEADER_LINE = /^[A-Za-z][A-Za-z0-9-]*:/
const TRAILING_PUNCT = /[.,;:!?'")\]}>]+$/

/** Finds and judges every link, host and address in `text` against the user's sites. */
export function checkText(text: string, known: readonly KnownSite[]): { findings: LinkFinding[]; worst: Verdict } {
  const findings: LinkFinding[] = []
  try {
    const input = typeof text === 'string' ? text.slice(0, MAX_CHECK_TEXT) : ''
    const judge = makeJudge(withTableSites(prepareSites(known)))
    const seen = new Set<string>()
    const at = new Map<LinkFinding, number>()
    // Adds a finding found at `position` in the text; true once no more fit (the scan stops).
    const add = (finding: LinkFinding, position: number): boolean => {
      const key = `${finding.isSender === true ? 'S' : ''}${finding.text}`
      if (findings.length < MAX_FINDINGS && !seen.has(key)) {
        seen.add(key)
        findings.push(finding)
        at.set(finding, position)
      }
      return findings.length >= MAX_FINDINGS
    }
    const { body, sender } = splitEmail(input)
    if (sender !== null)
      add(sender.domain === null ? unreadableSender(sender.address) : senderFinding(sender, judge), -1)
    scanBody(body, judge, add)
    // In the order they appear (the sender first), whichever pass found them.
    findings.sort((a, b) => (at.get(a) ?? 0) - (at.get(b) ?? 0))
  } catch {
    // Never throw on any string: a bug here must not take a check down; what was found stands.
  }
  let worst: Verdict = 'yours'
  for (const finding of findings) if (RANK[finding.verdict] > RANK[worst]) worst = finding.verdict
  return { findings, worst }
}

/** The text to scan for links, and the sender's address when it is a pasted e-mail. */
function splitEmail(input: string): { body: string; sender: { address: string; domain: string | null } | null } {
  const match = SENDER_RE.exec(input)
  if (match === null) return { body: input, sender: null }
  const fromValue = match[1] ?? ''
  // The address is inside <...> when a display name precedes it; the display name is not scanned:
  // `"monex.co.jp" <x@evil.example>` must not make monex.co.jp look present.
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(fromValue)
  const plain = /[^\s<>"'()]+@[^\s<>"'()]+/.exec(fromValue)
  const address = (angle?.[1] ?? plain?.[0] ?? '').replace(TRAILING_PUNCT, '')
  const at = address.lastIndexOf('@')
  const sender = address === '' ? null : { address, domain: at >= 0 ? address.slice(at + 1) : null }
  const lines = input.split(/\r?\n/)
  // The header block: lines from the top up to the first blank line, when one of them is From.
  // Other headers (Received, Message-ID, DKIM...) name mail servers, not links to follow.
  let headerEnd = 0
  while (headerEnd < lines.length && lines[headerEnd] !== '') headerEnd++
  const headers = lines.slice(0, headerEnd)
  const isHeaderBlock =
    headers.length > 0 && headers.every((l) => HEADER_LINE.test(l) || /^[ \t]/.test(l) || SENDER_RE.test(l))
  const kept = lines.map((line, index) => {
    if (SENDER_RE.test(line)) return ''
    if (isHeaderBlock && index < headerEnd) return /^(subject|件名)\s*:/i.test(line) ? line : ''
    return line
  })
  return { body: kept.join('\n'), sender }
}

/** Adds every URL, e-mail address and bare host of `body`, in that order of precedence. */
function scanBody(body: string, judge: Judge, add: (f: LinkFinding, position: number) => boolean): void {
  const spans: Span[] = []
  for (const m of body.matchAll(URL_RE)) {
    const start = m.index
    const scheme = (m[1] ?? '').toLowerCase()
    let authority = m[2] ?? ''
    let rest = m[3] ?? ''
    const cut = cutAtScriptChange(authority)
    if (cut < authority.length) {
      authority = authority.slice(0, cut)
      rest = ''
    }
    rest = rest.replace(TRAILING_PUNCT, '')
    if (rest === '') authority = authority.replace(TRAILING_PUNCT, '')
    const found = `${m[0].slice(0, m[0].indexOf('//') + 2)}${authority}${rest}`
    spans.push([start, start + found.length])
    if (add(urlFinding(scheme, authority, found, judge), start)) return
  }
  const masked = mask(body, spans)
  for (const m of masked.matchAll(EMAIL_RE)) {
    spans.push([m.index, m.index + m[0].length])
    const address = m[0].replace(TRAILING_PUNCT, '')
    const host = normalizeHost(cleanHost(m[1] ?? ''))
    const finding: LinkFinding =
      host === null ? { text: address, host: null, verdict: 'unknown', reasons: [] } : { text: address, ...judge(host) }
    if (add(finding, m.index)) return
  }
  const bare = mask(body, spans)
  for (const m of bare.matchAll(BARE_RE)) {
    if (m[0].length > MAX_HOST_TEXT) continue
    const raw = m[0].replace(/^[.．-]+|[.．-]+$/g, '')
    if (!/[.．]/.test(raw) || /^[\d.．]+$/.test(raw)) continue // versions and IP-like numbers
    const host = normalizeHost(cleanHost(raw))
    if (host === null) continue
    const parsed = parse(host, TLDTS_OPTIONS)
    // Only names that end in a real suffix: "file.txt" or "e.g" are words, not hosts.
    if ((parsed.isIcann !== true && parsed.isPrivate !== true) || parsed.domain === null) continue
    if (add({ text: raw, ...judge(host) }, m.index)) return
  }
}

/** A finding for a URL: its real host is after any user@ part, before any port. */
function urlFinding(scheme: string, authority: string, found: string, judge: Judge): LinkFinding {
  const at = authority.lastIndexOf('@')
  const userinfo = at >= 0 ? authority.slice(0, at) : ''
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority
  const host = normalizeHost(cleanHost(hostPort.startsWith('[') ? '' : hostPort.replace(/:\d*$/, '')))
  // Never print a password given in the link: keep the user part (it is the trick), drop the rest.
  const colon = userinfo.indexOf(':')
  const shown = colon >= 0 ? found.replace(userinfo, userinfo.slice(0, colon)) : found
  if (host === null)
    return { text: shown, host: null, verdict: 'unknown', reasons: userinfo === '' ? [] : ['userinfo'] }
  return { text: shown, ...judge(host, { isHttp: scheme === 'http', userinfo }) }
}

/** The sender's finding: judged like any host, always with the caveat that it can be forged. */
function senderFinding(sender: { address: string; domain: string | null }, judge: Judge): LinkFinding {
  const host = normalizeHost(cleanHost(sender.domain ?? ''))
  if (host === null) return unreadableSender(sender.address)
  const judged = judge(host)
  return { text: sender.address, ...judged, reasons: [...judged.reasons, 'sender-forgeable'], isSender: true }
}

function unreadableSender(address: string): LinkFinding {
  return { text: address, host: null, verdict: 'unknown', reasons: ['sender-forgeable'], isSender: true }
}

/** Full-width dots and trailing punctuation out of a host as found in running text. */
function cleanHost(host: string): string {
  return host.replace(/[．｡]/g, '.').replace(TRAILING_PUNCT, '')
}

/** Where an ASCII last label turns into kana or kanji ("monex.co.jpからログイン"): the host ends there. */
function cutAtScriptChange(authority: string): number {
  const m = /[a-z0-9-]+[^\p{ASCII}]/iu.exec(authority.slice(authority.lastIndexOf('.') + 1))
  if (m === null) return authority.length
  const lastDot = authority.lastIndexOf('.')
  return lastDot + 1 + m.index + m[0].length - 1
}

/** `text` with the spans blanked out (same length, so indices still line up). */
function mask(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text
  let out = ''
  let at = 0
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue
    out += text.slice(at, start) + ' '.repeat(end - start)
    at = end
  }
  return out + text.slice(at)
}

type Judged = Omit<LinkFinding, 'text'>
type Judge = (host: string, url?: UrlContext) => Judged

/** Every well-known service's domain (from the suggestion table, each verified on the service's own page). */
const KNOWN_SERVICE_DOMAINS: ReadonlySet<string> = new Set(KNOWN_SERVICES.flatMap((s) => s.sites))
let tableSites: PreparedSite[] | undefined

/**
 * The user's sites, then the well-known services' sites they hold no account for, so that
 * monex.co.jp.account-verify.com is called out even before the user has set any site.
 */
function withTableSites(own: PreparedSite[]): PreparedSite[] {
  tableSites ??= prepareSites(
    KNOWN_SERVICES.flatMap((s) => s.sites.map((site) => ({ site, accounts: [] }))),
    true,
  )
  const mine = new Set(own.map((s) => s.site))
  return [...own, ...tableSites.filter((s) => !mine.has(s.site))]
}

// Sites change rarely between checks: their shapes are kept (a bounded number of them).
const SHAPES = new Map<string, SiteShape | null>()
const MAX_SHAPES = 4096

function siteShape(raw: string): SiteShape | null {
  let shape = SHAPES.get(raw)
  if (shape !== undefined) return shape
  shape = null
  const site = normalizeHost(raw)
  const parsed = site === null ? null : parse(site, TLDTS_OPTIONS)
  const label = parsed?.domainWithoutSuffix ?? ''
  if (site !== null && label !== '') {
    const labelSkeleton = skeleton(displayed(label))
    shape = {
      site,
      label,
      suffix: parsed?.publicSuffix ?? '',
      labelSkeleton,
      siteSkeleton: skeleton(displayed(site)),
      dashed: site.replace(/\./g, '-'),
      mask: charMask(label),
      skeletonMask: charMask(labelSkeleton),
    }
  }
  if (SHAPES.size >= MAX_SHAPES) SHAPES.clear()
  SHAPES.set(raw, shape)
  return shape
}

function prepareSites(known: readonly KnownSite[], fromTable = false): PreparedSite[] {
  const prepared: PreparedSite[] = []
  for (const entry of known) {
    const shape = typeof entry.site === 'string' && entry.site.length <= 512 ? siteShape(entry.site) : null
    if (shape !== null) prepared.push({ ...shape, accounts: entry.accounts, fromTable })
  }
  return prepared
}

/** A set of characters as two bit fields: a-z in one, digits, hyphen and anything else in the other. */
type CharMask = [letters: number, others: number]

function charMask(text: string): CharMask {
  let letters = 0
  let others = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 97 && c <= 122) letters |= 1 << (c - 97)
    else if (c >= 48 && c <= 57) others |= 1 << (c - 48)
    else others |= c === 45 ? 1 << 10 : 1 << 11
  }
  return [letters, others]
}

function bitCount(n: number): number {
  let count = 0
  for (let v = n >>> 0; v !== 0; v &= v - 1) count++
  return count
}

/**
 * A lower bound on the edit distance: each kind of character one side holds and the other lacks
 * costs at least one edit. Rejects almost every unrelated pair before the distance is computed.
 */
function maybeWithin(a: CharMask, b: CharMask, limit: number): boolean {
  return (
    bitCount(a[0] & ~b[0]) + bitCount(a[1] & ~b[1]) <= limit && bitCount(b[0] & ~a[0]) + bitCount(b[1] & ~a[1]) <= limit
  )
}

/** True when `needle` is in `host` as whole labels or hyphen-separated words (x.com in x.com-login.net, not in netflix.com). */
function containsWord(host: string, needle: string): boolean {
  for (let i = host.indexOf(needle); i >= 0; i = host.indexOf(needle, i + 1)) {
    const before = i === 0 ? '.' : host[i - 1]
    const end = i + needle.length
    const after = end === host.length ? '.' : host[end]
    if ((before === '.' || before === '-') && (after === '.' || after === '-')) return true
  }
  return false
}

/** A judge of hosts against the prepared sites, remembering hosts it has seen (e-mails repeat links). */
function makeJudge(sites: PreparedSite[]): Judge {
  const bySite = new Map<string, PreparedSite[]>()
  // Only the user's own sites are "yours"; the table's are there to spot fakes of them.
  for (const s of sites) if (!s.fromTable) bySite.set(s.site, [...(bySite.get(s.site) ?? []), s])
  const cache = new Map<string, Judged>()
  return (host, url) => {
    const key = `${url?.isHttp === true ? 'h' : ''}|${url?.userinfo ?? ''}|${host}`
    let judged = cache.get(key)
    if (judged === undefined) {
      judged = judgeHost(host, url, sites, bySite)
      cache.set(key, judged)
    }
    return { ...judged, reasons: [...judged.reasons] }
  }
}

function judgeHost(
  host: string,
  url: UrlContext | undefined,
  sites: PreparedSite[],
  bySite: Map<string, PreparedSite[]>,
): Judged {
  const info = hostInfo(host)
  // Yours: the host is a site or under it. The longest match names the most specific site.
  const labels = host.split('.')
  for (let i = 0; i < labels.length - 1; i++) {
    const own = bySite.get(labels.slice(i).join('.'))
    if (own === undefined) continue
    const reasons: LinkReason[] = []
    if (url?.userinfo) reasons.push('userinfo')
    if (url?.isHttp === true) reasons.push('plain-http')
    return { host, verdict: 'yours', site: own[0]?.site ?? '', accounts: own.flatMap((s) => s.accounts), reasons }
  }
  if (info.domain !== null && SHORTENERS.has(info.domain)) {
    return { host, verdict: 'unverifiable', reasons: ['shortener'] }
  }
  let best: { site: PreparedSite; reasons: LinkReason[]; rank: number } | null = null
  // A well-known service's real domain (google.co.jp beside google.com) is not anyone's fake.
  for (const site of info.isKnownService ? [] : sites) {
    if (!mayResemble(info, site)) continue
    const reasons = lookalikeReasons(info, site)
    if (reasons.length === 0) continue
    // Your own accounts' sites come before the table's: they have accounts to name.
    const rank = Math.max(...reasons.map((r) => REASON_RANK[r] ?? 0)) + (site.fromTable ? 0 : 10)
    if (best === null || rank > best.rank) best = { site, reasons, rank }
  }
  if (url?.userinfo) {
    // The browser goes to the host after the @; a site name in front of it is there to mislead.
    const shown = hostInfo(normalizeHost(cleanHost(url.userinfo.split(':')[0] ?? '')) ?? '')
    const imitated = sites.find((s) => shown.host === s.site || shown.host.endsWith(`.${s.site}`))
    if (best === null && imitated !== undefined) best = { site: imitated, reasons: [], rank: 1 }
    if (best !== null) best.reasons.push('userinfo')
    else if (shown.domain !== null) return { host, verdict: 'lookalike', reasons: ['userinfo'] }
    else return { host, verdict: 'unknown', reasons: ['userinfo'] }
  }
  if (best === null) return { host, verdict: 'unknown', reasons: [] }
  const sameSite = sites.filter((s) => s.site === best.site.site)
  return {
    host,
    verdict: 'lookalike',
    site: best.site.site,
    accounts: sameSite.flatMap((s) => s.accounts),
    reasons: best.reasons,
  }
}

function tails(name: string): Set<string> {
  const out = new Set([name])
  for (let i = name.indexOf('.'); i >= 0; i = name.indexOf('.', i + 1)) out.add(name.slice(i + 1))
  return out
}

function hostInfo(host: string): HostInfo {
  const parsed = parse(host, TLDTS_OPTIONS)
  const domain = parsed.isIp === true ? null : parsed.domain
  const label = parsed.domainWithoutSuffix ?? ''
  const unicode = displayed(host)
  const labelSkeleton = skeleton(displayed(label))
  return {
    host,
    domain,
    label,
    suffix: parsed.publicSuffix ?? '',
    unicode,
    skeletonTails: tails(skeleton(unicode)),
    labelSkeleton,
    mask: charMask(label),
    skeletonMask: charMask(labelSkeleton),
    hostMask: charMask(host),
    isKnownService: domain !== null && KNOWN_SERVICE_DOMAINS.has(domain),
  }
}

/** How a browser may show an ASCII host: its `xn--` labels decoded. */
function displayed(host: string): string {
  if (!host.includes('xn--')) return host
  try {
    return punycode.toUnicode(host)
  } catch {
    return host
  }
}

/**
 * A cheap necessary condition for lookalikeReasons to find anything: the host holds every
 * character of the site's label (needed for the brand to be in it), or their skeletons meet, or
 * the labels are near enough in length and letters for a small edit distance.
 */
function mayResemble(info: HostInfo, site: PreparedSite): boolean {
  if ((site.mask[0] & ~info.hostMask[0]) === 0 && (site.mask[1] & ~info.hostMask[1]) === 0) return true
  if (info.labelSkeleton === site.labelSkeleton || info.skeletonTails.has(site.siteSkeleton)) return true
  if (site.fromTable || site.label.length < 4) return false
  const limit = site.label.length >= 8 ? 2 : 1
  return maybeWithin(info.mask, site.mask, limit) || maybeWithin(info.skeletonMask, site.skeletonMask, limit)
}

/** Why `info` (not one of your sites) looks like `site`; empty when it does not. */
function lookalikeReasons(info: HostInfo, site: PreparedSite): LinkReason[] {
  const { host } = info
  // Most pairs share nothing: the checks that need the brand's text in the host are skipped then.
  const hasLabel = host.includes(site.label)
  // The whole site as the first labels of another host: monex.co.jp.account-verify.com.
  if (hasLabel && (host.startsWith(`${site.site}.`) || host.includes(`.${site.site}.`))) return ['subdomain-trick']
  // Looks the same once confusable letters are mapped (UTS #39): Cyrillic, Greek, punycode...
  if (info.skeletonTails.has(site.siteSkeleton)) {
    // ASCII look-alikes (rn for m, 0 for o, 1 for l) are small edits; other alphabets are homographs.
    return [info.unicode === host ? 'edit-distance' : 'homograph']
  }
  // The site's whole name inside another: monex.co.jp-login.net, monex-co-jp.com.
  if (hasLabel && (containsWord(host, site.site) || containsWord(host, site.dashed))) return ['brand-in-other-domain']
  // For a service the user has no account with, only the tricks above: its name merely appearing
  // (google-fonts.example) or another country's domain (google.de) is too often innocent.
  if (site.fromTable) return NONE
  if (info.label === site.label && info.suffix !== site.suffix) return ['other-suffix']
  if (hasLabel && site.label.length >= 3 && containsWord(host, site.label)) return ['brand-in-other-domain']
  const labelSkeleton = info.labelSkeleton
  if (labelSkeleton === site.labelSkeleton && info.label !== site.label) {
    return [info.unicode === host ? 'edit-distance' : 'homograph']
  }
  // One or two letters off. Short names (x, dmm, sbi) are left out: everything is near them.
  if (site.label.length >= 4 && info.label !== '') {
    const limit = site.label.length >= 8 ? 2 : 1
    if (
      near(info.label, site.label, info.mask, site.mask, limit) ||
      near(labelSkeleton, site.labelSkeleton, info.skeletonMask, site.skeletonMask, limit)
    ) {
      return ['edit-distance']
    }
  }
  // A long brand name anywhere in the name is no accident: mymonexaccount.com.
  if (site.label.length >= 5 && hasLabel) return ['brand-in-other-domain']
  return NONE
}

// The answer for almost every pair, shared rather than allocated each time (never changed).
const NONE: LinkReason[] = []

/** Within `limit` edits, filtered first by length and by the characters each side holds. */
function near(a: string, b: string, am: CharMask, bm: CharMask, limit: number): boolean {
  return Math.abs(a.length - b.length) <= limit && maybeWithin(am, bm, limit) && editDistance(a, b, limit) <= limit
}
