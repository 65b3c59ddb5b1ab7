/**
 * The small square before an account's name: the service's brand mark where the maintained
 * simple-icons set has it (CC0; only the marks imported below are bundled), otherwise the first
 * character of the name on a colour picked from the name, so rows stop looking alike. Drawn as SVG
 * through DOM APIs and attributes only (the CSP allows no inline styles, and no markup is parsed).
 */
import {
  si1password,
  siAtlassian,
  siBinance,
  siBitbucket,
  siBitwarden,
  siCloudflare,
  siCoinbase,
  siDigitalocean,
  siDiscord,
  siDocker,
  siDropbox,
  siEpicgames,
  siEvernote,
  siFacebook,
  siFigma,
  siGithub,
  siGitlab,
  siGodaddy,
  siGoogle,
  siInstagram,
  siLine,
  siNamecheap,
  siNotion,
  siNpm,
  siOkta,
  siPaypal,
  siPlaystation,
  siProton,
  siRakuten,
  siReddit,
  siShopify,
  siSteam,
  siStripe,
  siTiktok,
  siTwitch,
  siWordpress,
  siX,
  siZoom,
  siApple,
} from 'simple-icons'
import { normalizeServiceName } from '../../shared/sites/service-name'
import type { AccountSummary } from '../../shared/types'

/** What a brand mark needs: simple-icons' title, colour (hex, no #) and 24x24 path. */
export interface BrandMark {
  title: string
  hex: string
  path: string
}

/**
 * The services whose mark simple-icons has, by the issuer's name (as normalizeServiceName folds it) and
 * by their sites. The first group are services of shared/sites/known-services.ts: their spellings and
 * sites are the table's own (tests/unit/renderer/service-icon.test.ts checks they stay so). The table
 * itself is not imported: it needs the Public Suffix List, 120 KB the page has no other use for.
 */
export const MARKS: { mark: BrandMark; service?: string; names: string[]; sites: string[] }[] = [
  { mark: siGoogle, service: 'google', names: ['google', 'googleaccount', 'グーグル'], sites: ['google.com'] },
  { mark: siGithub, service: 'github', names: ['github'], sites: ['github.com'] },
  { mark: siApple, service: 'apple', names: ['apple', 'appleaccount', 'appleid'], sites: ['apple.com'] },
  { mark: siDropbox, service: 'dropbox', names: ['dropbox'], sites: ['dropbox.com'] },
  { mark: siX, service: 'x', names: ['x', 'twitter', 'xtwitter', 'x旧twitter'], sites: ['x.com', 'twitter.com'] },
  { mark: siDiscord, service: 'discord', names: ['discord'], sites: ['discord.com'] },
  { mark: siCoinbase, service: 'coinbase', names: ['coinbase', 'コインベース'], sites: ['coinbase.com'] },
  { mark: siBinance, service: 'binance', names: ['binance', 'バイナンス'], sites: ['binance.com'] },
  { mark: siFacebook, service: 'facebook', names: ['facebook', 'フェイスブック'], sites: ['facebook.com'] },
  { mark: siInstagram, service: 'instagram', names: ['instagram', 'インスタグラム'], sites: ['instagram.com'] },
  // Both carry the Rakuten group's mark.
  {
    mark: siRakuten,
    service: 'rakuten-securities',
    names: ['楽天証券', 'rakutensecurities', 'rakutensec'],
    sites: ['rakuten-sec.co.jp'],
  },
  { mark: siRakuten, service: 'rakuten-bank', names: ['楽天銀行', 'rakutenbank'], sites: ['rakuten-bank.co.jp'] },
  // Other services people hold codes for.
  { mark: si1password, names: ['1password'], sites: ['1password.com'] },
  { mark: siAtlassian, names: ['atlassian', 'jira', 'confluence'], sites: ['atlassian.com', 'atlassian.net'] },
  { mark: siBitbucket, names: ['bitbucket'], sites: ['bitbucket.org'] },
  { mark: siBitwarden, names: ['bitwarden'], sites: ['bitwarden.com'] },
  { mark: siCloudflare, names: ['cloudflare'], sites: ['cloudflare.com'] },
  { mark: siDigitalocean, names: ['digitalocean'], sites: ['digitalocean.com'] },
  { mark: siDocker, names: ['docker', 'dockerhub'], sites: ['docker.com'] },
  { mark: siEpicgames, names: ['epicgames'], sites: ['epicgames.com'] },
  { mark: siEvernote, names: ['evernote'], sites: ['evernote.com'] },
  { mark: siFigma, names: ['figma'], sites: ['figma.com'] },
  { mark: siGitlab, names: ['gitlab'], sites: ['gitlab.com'] },
  { mark: siGodaddy, names: ['godaddy'], sites: ['godaddy.com'] },
  { mark: siLine, names: ['line'], sites: ['line.me'] },
  { mark: siNamecheap, names: ['namecheap'], sites: ['namecheap.com'] },
  { mark: siNotion, names: ['notion'], sites: ['notion.so'] },
  { mark: siNpm, names: ['npm', 'npmjs'], sites: ['npmjs.com'] },
  { mark: siOkta, names: ['okta'], sites: ['okta.com'] },
  { mark: siPaypal, names: ['paypal'], sites: ['paypal.com'] },
  {
    mark: siPlaystation,
    names: ['playstation', 'playstationnetwork', 'psn', 'sonyentertainmentnetwork'],
    sites: ['playstation.com'],
  },
  { mark: siProton, names: ['proton', 'protonmail', 'protonvpn'], sites: ['proton.me', 'protonmail.com'] },
  { mark: siReddit, names: ['reddit'], sites: ['reddit.com'] },
  { mark: siShopify, names: ['shopify'], sites: ['shopify.com'] },
  { mark: siSteam, names: ['steam'], sites: ['steampowered.com', 'steamcommunity.com'] },
  { mark: siStripe, names: ['stripe'], sites: ['stripe.com'] },
  { mark: siTiktok, names: ['tiktok'], sites: ['tiktok.com'] },
  { mark: siTwitch, names: ['twitch'], sites: ['twitch.tv'] },
  { mark: siWordpress, names: ['wordpress', 'wordpresscom'], sites: ['wordpress.com'] },
  { mark: siZoom, names: ['zoom'], sites: ['zoom.us'] },
]
const BY_NAME = new Map(MARKS.flatMap((o) => o.names.map((n) => [n, o.mark] as const)))
const BY_SITE = new Map(MARKS.flatMap((o) => o.sites.map((s) => [s, o.mark] as const)))
/** The brand mark for an account: its known service, its issuer's name, or one of its sites; else none. */
export function brandFor(account: Pick<AccountSummary, 'issuer' | 'label' | 'sites'>): BrandMark | undefined {
  // Without an issuer, a label of the form "Issuer:account" names it (as knownServiceFor reads it).
  const colon = account.label.indexOf(':')
  const issuer = account.issuer.trim() || (colon > 0 ? account.label.slice(0, colon) : '')
  const byName = issuer.length <= 256 ? BY_NAME.get(normalizeServiceName(issuer)) : undefined
  if (byName) return byName
  for (const site of account.sites) {
    const mark = BY_SITE.get(site)
    if (mark) return mark
  }
  return undefined
}

/**
 * Badge colours: each holds white text at 4.5:1 or more (tests/unit/renderer/service-icon.test.ts
 * checks every one), and they differ in hue so neighbouring rows tell apart.
 */
export const BADGE_COLOURS = [
  '#1f5fbf', // blue
  '#2e7d32', // green
  '#c62828', // red
  '#6a1b9a', // purple
  '#00695c', // teal
  '#ad1457', // pink
  '#4e342e', // brown
  '#37474f', // blue grey
  '#283593', // indigo
  '#b03a0c', // deep orange
  '#00707a', // cyan
  '#5b6300', // olive
] as const

/** A stable colour for a name (FNV-1a over its UTF-16 units: not a secret, only a spread). */
export function badgeColour(name: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return BADGE_COLOURS[hash % BADGE_COLOURS.length]!
}

const segmenter = new Intl.Segmenter('ja', { granularity: 'grapheme' })

/** The badge's character: the name's first grapheme (a kana, a kanji, an emoji), Latin upper-cased. */
export function initialOf(name: string): string {
  const first = segmenter.segment(name.trim()).containing(0)?.segment ?? ''
  return first.toLocaleUpperCase('en')
}

/** WCAG 2 relative luminance of #rrggbb. */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

/** White or near-black, whichever stands out more on `background` (always 4.5:1 or more). */
export function inkOn(background: string): string {
  return contrast(background, '#ffffff') >= contrast(background, '#111111') ? '#ffffff' : '#111111'
}

const SVG = 'http://www.w3.org/2000/svg'

function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag)
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value)
  return el
}

/** Icons drawn so far, by name and sites: a list redraw clones them instead of matching and building again. */
const drawn = new Map<string, SVGSVGElement>()

/** The icon for an account, decorative (the name beside it is what screen readers read). */
export function serviceIcon(account: Pick<AccountSummary, 'issuer' | 'label' | 'sites'>): SVGSVGElement {
  const key = `${account.issuer}\n${account.label}\n${account.sites.join(' ')}`
  let icon = drawn.get(key)
  if (!icon) {
    icon = drawIcon(account)
    // Bounded: a few hundred accounts, each renamed now and then.
    if (drawn.size > 2000) drawn.clear()
    drawn.set(key, icon)
  }
  return icon.cloneNode(true) as SVGSVGElement
}

function drawIcon(account: Pick<AccountSummary, 'issuer' | 'label' | 'sites'>): SVGSVGElement {
  const svg = svgEl('svg', { class: 'service-icon', viewBox: '0 0 28 28', 'aria-hidden': 'true', focusable: 'false' })
  const mark = brandFor(account)
  if (mark) {
    const colour = `#${mark.hex}`
    svg.dataset.brand = mark.title
    svg.append(
      svgEl('rect', { width: '28', height: '28', rx: '7', fill: colour }),
      // The 24x24 mark shrunk to 16x16 in the middle of the square, in whichever ink reads on its colour.
      svgEl('path', { d: mark.path, fill: inkOn(colour), transform: 'translate(6 6) scale(0.6667)' }),
    )
    return svg
  }
  const name = account.issuer || account.label
  const colour = badgeColour(name)
  svg.dataset.initial = initialOf(name)
  const letter = svgEl('text', {
    x: '14',
    y: '14',
    'text-anchor': 'middle',
    'dominant-baseline': 'central',
    'font-size': '15',
    'font-weight': '700',
    fill: '#ffffff',
  })
  letter.textContent = initialOf(name)
  svg.append(svgEl('rect', { width: '28', height: '28', rx: '7', fill: colour }), letter)
  return svg
}
