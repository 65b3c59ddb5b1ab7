/**
 * Pure: sites are registrable domains (eTLD+1) per the Public Suffix List, through tldts
 * (never a hand-made suffix list). Stored and compared in ASCII: an internationalised name
 * is kept in its punycode `xn--` form, so two spellings of one host can never differ.
 *
 * Private suffixes (github.io, blogspot.com, s3.amazonaws.com...) count as suffixes: anyone
 * can register `evil.github.io`, so the site of `user.github.io` is `user.github.io` itself,
 * and a bare `github.io` is refused like `co.jp`. Treating `github.io` as a site would make
 * every stranger's page "yours".
 */
import { parse } from 'tldts'
import { InvalidSiteError } from '../errors'

// WHATWG URL is a global in Node and every browser; shared/ has neither's types, so this is the
// slice we use. Its host parser (UTS #46) is the browser's own: hosts come out as the browser
// would resolve them (lower case, punycode, IPv4 in dotted form).
declare const URL: new (input: string) => {
  protocol: string
  username: string
  password: string
  hostname: string
}

/** Longest host name DNS allows (RFC 1035 section 2.3.4). */
const MAX_HOST_LENGTH = 253
/** Longest text parseSite looks at: a pasted login URL fits, a pasted page does not. */
const MAX_SITE_INPUT = 2048

const TLDTS_OPTIONS = { allowPrivateDomains: true, extractHostname: false, validateHosts: false } as const
// One LDH label (RFC 1123): letters, digits and inner hyphens; punycode is plain LDH too.
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/

/**
 * A host in ASCII lower case without a trailing dot, or null when it is not a DNS name
 * (IPv4 literals come back dotted so they can be recognised; IPv6 literals give null).
 */
export function normalizeHost(host: string): string | null {
  if (host.length === 0 || host.length > MAX_HOST_LENGTH * 4) return null
  let ascii = host.toLowerCase()
  if (!/^[a-z0-9.-]+$/.test(ascii)) {
    // Characters that would make the URL parser read a different part than the host.
    if (/[\s/\\?#@:[\]%]/.test(host)) return null
    try {
      ascii = new URL(`http://${host}`).hostname
    } catch {
      return null
    }
  } else if (/^[0-9.]+$|^0x/i.test(ascii) || /\.0x[0-9a-f]*\.?$|\.[0-9]+\.?$/i.test(ascii)) {
    // Numeric forms (127.1, 0x7f.1) are IPv4 addresses to a browser: let the URL parser say so.
    try {
      ascii = new URL(`http://${ascii}`).hostname
    } catch {
      return null
    }
  }
  if (ascii.endsWith('.')) ascii = ascii.slice(0, -1)
  if (ascii.length === 0 || ascii.length > MAX_HOST_LENGTH) return null
  const labels = ascii.split('.')
  return labels.every((label) => LABEL.test(label)) ? ascii : null
}

/** True for a dotted IPv4 address (after normalizeHost). */
function isIpv4(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host)
}

/** The registrable domain (eTLD+1, lower-case ASCII/punycode) of a host, or null (IP, bare suffix, invalid). */
export function registrableDomain(host: string): string | null {
  const ascii = normalizeHost(host)
  if (ascii === null || isIpv4(ascii)) return null
  const parsed = parse(ascii, TLDTS_OPTIONS)
  if (parsed.isIp === true) return null
  return parsed.domain
}

/** The host of what a user typed or pasted for a site: a bare host, `host/path`, or an http(s) URL. */
function hostOfSiteInput(input: string): string {
  const text = input.trim()
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)
  if (scheme !== null) {
    if (!/^https?$/i.test(scheme[1] ?? '')) throw new InvalidSiteError('Only a web address can be a site.')
    let url
    try {
      url = new URL(text)
    } catch {
      throw new InvalidSiteError('That is not a web address.')
    }
    // `https://monex.co.jp@evil.example/` is evil.example: refuse rather than guess.
    if (url.username !== '' || url.password !== '') {
      throw new InvalidSiteError('A web address with a user name in front of the host is not a site.')
    }
    return url.hostname
  }
  const host = text.split(/[/?#]/, 1)[0] ?? ''
  if (host.includes('@')) throw new InvalidSiteError('That is an e-mail address or a user name, not a site.')
  // An explicit port changes nothing about which site it is.
  return host.replace(/:\d{1,5}$/, '')
}

/** A site from what a user typed or pasted: "monex.co.jp", "https://www.monex.co.jp/login", "MONEX.CO.JP." -> "monex.co.jp"; throws InvalidSiteError (code 'INVALID_SITE') otherwise. */
export function parseSite(input: string): string {
  if (typeof input !== 'string' || input.length > MAX_SITE_INPUT) {
    throw new InvalidSiteError('That is not a site.')
  }
  const host = normalizeHost(hostOfSiteInput(input))
  if (host === null) throw new InvalidSiteError('That is not a domain name.')
  if (isIpv4(host)) throw new InvalidSiteError('An IP address is not a site.')
  const parsed = parse(host, TLDTS_OPTIONS)
  if (parsed.isIp === true) throw new InvalidSiteError('An IP address is not a site.')
  // Only suffixes the list knows: `intranet.local` or a typo'd ending is not a site on the web.
  if (parsed.isIcann !== true && parsed.isPrivate !== true) {
    throw new InvalidSiteError('That domain does not end in a known suffix.')
  }
  if (parsed.domain === null)
    throw new InvalidSiteError('That is only a public suffix (an ending shared by many sites), not a site.')
  return parsed.domain
}

/** True when `host` is `site` or one of its subdomains (nothing else). */
export function siteMatchesHost(site: string, host: string): boolean {
  const s = normalizeHost(site)
  const h = normalizeHost(host)
  if (s === null || h === null) return false
  return h === s || h.endsWith(`.${s}`)
}
