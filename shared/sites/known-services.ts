/**
 * Pure: the services people hold 2FA for, with the sites (registrable domains) where their codes
 * belong, so an account added with a known issuer can be offered its site in the same step.
 *
 * Every domain below was read on a page the service itself publishes (its phishing warning, its
 * security or 2FA help page), and that page is the entry's `source`. A wrong domain here would
 * tell a user to type a code into someone else's site, so a service or a domain we could not
 * confirm on the service's own page is left out rather than guessed (see the report list at the
 * end of this file). A suggestion is only ever a proposal: the user keeps or edits it.
 *
 * Matching is exact on a normalised name (width, case, kana, spacing, punctuation and company
 * forms folded away), never by substring: "SBI" alone matches nothing, because SBI証券,
 * 住信SBIネット銀行 and SBI新生銀行 are three services with three different sites.
 */
import { registrableDomain } from './domain'
import { normalizeServiceName } from './service-name'

/** One service: its names for display, the issuer spellings that identify it, and its sites. */
export interface KnownService {
  id: string
  name: { en: string; ja: string }
  /** Spellings seen as the otpauth `issuer` (ja and en); matched after normalizeServiceName. */
  issuers: string[]
  /** Registrable domains (eTLD+1) where the service's codes are typed. */
  sites: string[]
  /** The service's own page the domains were verified from. */
  source: string
}

const SERVICES: KnownService[] = [
  // --- Japanese online brokers -------------------------------------------------------------
  {
    id: 'sbi-securities',
    name: { en: 'SBI SECURITIES', ja: 'SBI証券' },
    issuers: ['SBI証券', 'SBI SECURITIES', 'SBI SECURITIES Co., Ltd.', '株式会社SBI証券', 'sbisec'],
    sites: ['sbisec.co.jp'],
    // States the site's URL (https://www.sbisec.co.jp/) and that its pages are https://●●●.sbisec.co.jp/.
    source:
      'https://site2.sbisec.co.jp/ETGate/WPLETmgR001Control?OutSide=on&getFlg=on&burl=search_home&cat1=home&cat2=none&dir=info&file=home_info121105.html',
  },
  {
    id: 'rakuten-securities',
    name: { en: 'Rakuten Securities', ja: '楽天証券' },
    issuers: ['楽天証券', 'Rakuten Securities', 'Rakuten Securities, Inc.', 'RakutenSec', 'rakuten-sec'],
    sites: ['rakuten-sec.co.jp'],
    // "ウェブサイトのURLが楽天証券のURL(www.rakuten-sec.co.jp)に似せてあったり".
    source: 'https://www.rakuten-sec.co.jp/web/support/security/phishing.html',
  },
  {
    id: 'monex',
    name: { en: 'Monex Securities', ja: 'マネックス証券' },
    issuers: ['マネックス証券', 'マネックス', 'Monex', 'Monex Securities', 'MONEX, Inc.'],
    sites: ['monex.co.jp'],
    // Monex's own phishing page, on its login domain (the home page www.monex.co.jp carries the same warning).
    source: 'https://info.monex.co.jp/security/measure/phishing.html',
  },
  {
    id: 'matsui',
    name: { en: 'Matsui Securities', ja: '松井証券' },
    issuers: ['松井証券', 'Matsui Securities'],
    sites: ['matsui.co.jp'],
    // Its real-time phishing page: "事前に当社ログイン画面のURLをブックマーク…".
    source: 'https://www.matsui.co.jp/support/security/crime-control/realtime-phishing/index.html',
  },
  {
    id: 'mufg-esmart',
    name: {
      en: 'Mitsubishi UFJ eSmart Securities (formerly au Kabucom)',
      ja: '三菱UFJ eスマート証券(旧auカブコム証券)',
    },
    issuers: [
      '三菱UFJ eスマート証券',
      'Mitsubishi UFJ eSmart Securities',
      'auカブコム証券',
      'カブコム証券',
      'au Kabucom Securities',
      'kabu.com',
    ],
    sites: ['kabu.com'],
    // The renamed broker's security page, still on kabu.com ("三菱UFJ eスマート証券では…").
    source: 'https://www.kabu.com/company/policy/isms.html',
  },
  {
    id: 'smbc-nikko',
    name: { en: 'SMBC Nikko Securities', ja: 'SMBC日興証券' },
    issuers: ['SMBC日興証券', 'SMBC Nikko', 'SMBC Nikko Securities', '日興イージートレード'],
    sites: ['smbcnikko.co.jp'],
    source: 'https://www.smbcnikko.co.jp/security/selfdefense.html',
  },
  {
    id: 'nomura',
    name: { en: 'Nomura Securities', ja: '野村證券' },
    issuers: ['野村證券', 'Nomura Securities', 'NOMURA'],
    sites: ['nomura.co.jp'],
    // Nomura's notice on unauthorised logins (the stored copy was read over http; the site serves https).
    source: 'https://www.nomura.co.jp/introduc/news/unauthorized_access.html',
  },
  {
    id: 'daiwa',
    name: { en: 'Daiwa Securities', ja: '大和証券' },
    issuers: ['大和証券', 'Daiwa Securities'],
    // The page is on daiwa.jp and says the login pages' certificate is issued to www.daiwa.co.jp:
    // both are Daiwa's own. (Stored copy read over http; the site serves https.)
    sites: ['daiwa.jp', 'daiwa.co.jp'],
    source: 'https://www.daiwa.jp/doc/121116.html',
  },
  {
    id: 'gmo-click',
    name: { en: 'GMO CLICK Securities', ja: 'GMOクリック証券' },
    issuers: ['GMOクリック証券', 'GMOクリック', 'GMO CLICK Securities', 'GMO Click'],
    sites: ['click-sec.com'],
    source: 'https://www.click-sec.com/corp/info/notes_on_security/',
  },
  {
    id: 'paypay-securities',
    name: { en: 'PayPay Securities', ja: 'PayPay証券' },
    issuers: ['PayPay証券', 'PayPay Securities'],
    sites: ['paypay-sec.co.jp'],
    source: 'https://www.paypay-sec.co.jp/security/access.html',
  },
  {
    id: 'dmm-kabu',
    name: { en: 'DMM.com Securities (DMM Kabu)', ja: 'DMM.com証券(DMM 株)' },
    issuers: ['DMM.com証券', 'DMM 株', 'DMM.com Securities', 'DMM'],
    // DMM 株 is served at kabu.dmm.com; the DMM account it signs in with is on dmm.com too.
    sites: ['dmm.com'],
    source: 'https://kabu.dmm.com/risk',
  },
  {
    id: 'okasan',
    name: { en: 'Okasan Securities (Okasan Online)', ja: '岡三証券(岡三オンライン)' },
    issuers: ['岡三証券', '岡三オンライン', '岡三オンライン証券', 'Okasan Online', 'Okasan Securities'],
    // "岡三証券株式会社 岡三オンライン証券カンパニー" on its own site. Okasan's other domain
    // (okasan.co.jp) was not found on a page of its own, so it is not listed.
    sites: ['okasan-online.co.jp'],
    source: 'https://www.okasan-online.co.jp/policy/systemtrouble.html',
  },
  {
    id: 'mizuho-securities',
    name: { en: 'Mizuho Securities', ja: 'みずほ証券' },
    issuers: ['みずほ証券', 'Mizuho Securities'],
    sites: ['mizuho-sc.com'],
    source: 'https://www.mizuho-sc.com/shuchi/security/index.html',
  },

  // --- Japanese banks --------------------------------------------------------------------------
  {
    id: 'sumishin-sbi-net-bank',
    name: { en: 'SBI Sumishin Net Bank', ja: '住信SBIネット銀行' },
    issuers: ['住信SBIネット銀行', 'SBI Sumishin Net Bank', '住信SBI'],
    sites: ['netbk.co.jp'],
    // "アドレスバーに「https://xxx.netbk.co.jp」で始まるURLが表示されていることを確認してください".
    source: 'https://www.netbk.co.jp/wpl/NBGate/i900500CT/PD/security_107',
  },
  {
    id: 'rakuten-bank',
    name: { en: 'Rakuten Bank', ja: '楽天銀行' },
    issuers: ['楽天銀行', 'Rakuten Bank'],
    // Lists its login hosts: fes., lfes., money., lt., merumane., sfes.rakuten-bank.co.jp.
    sites: ['rakuten-bank.co.jp'],
    source: 'https://www.rakuten-bank.co.jp/security/trend/account_management/phishing.html',
  },
  {
    id: 'paypay-bank',
    name: { en: 'PayPay Bank', ja: 'PayPay銀行' },
    issuers: ['PayPay銀行', 'PayPay Bank'],
    sites: ['paypay-bank.co.jp'],
    source: 'https://www.paypay-bank.co.jp/security/crime/prv_phsh.html',
  },
  {
    id: 'au-jibun-bank',
    name: { en: 'au Jibun Bank', ja: 'auじぶん銀行' },
    issuers: ['auじぶん銀行', 'じぶん銀行', 'au Jibun Bank', 'Jibun Bank'],
    sites: ['jibunbank.co.jp'],
    source: 'https://www.jibunbank.co.jp/landing/20201125_alert/',
  },
  {
    id: 'sony-bank',
    name: { en: 'Sony Bank', ja: 'ソニー銀行' },
    issuers: ['ソニー銀行', 'Sony Bank', 'MONEYKit'],
    // Sony Bank's online banking (MONEYKit) is on moneykit.net, where this page is. Its corporate
    // domain was not confirmed on a page of its own, so it is not listed.
    sites: ['moneykit.net'],
    source: 'https://moneykit.net/visitor/notice/notice12.html',
  },
  {
    id: 'gmo-aozora',
    name: { en: 'GMO Aozora Net Bank', ja: 'GMOあおぞらネット銀行' },
    issuers: ['GMOあおぞらネット銀行', 'GMOあおぞら', 'GMO Aozora Net Bank'],
    sites: ['gmo-aozora.com'],
    source: 'https://gmo-aozora.com/security/take-measures.html',
  },
  {
    id: 'aeon-bank',
    name: { en: 'AEON Bank', ja: 'イオン銀行' },
    issuers: ['イオン銀行', 'AEON Bank'],
    sites: ['aeonbank.co.jp'],
    source: 'https://www.aeonbank.co.jp/news/2017/0707_02/',
  },
  {
    id: 'daiwa-next-bank',
    name: { en: 'Daiwa Next Bank', ja: '大和ネクスト銀行' },
    issuers: ['大和ネクスト銀行', 'Daiwa Next Bank'],
    // "アドレスバーの内容が…https://next.bank-daiwa.co.jp/…から始まっていることをご確認ください".
    // The page also lists hosts on shared platforms (force.com, dga.jp): those are not sites of its own.
    sites: ['bank-daiwa.co.jp'],
    source: 'https://www.bank-daiwa.co.jp/safety/',
  },
  {
    id: 'sbi-shinsei-bank',
    name: { en: 'SBI Shinsei Bank', ja: 'SBI新生銀行' },
    issuers: ['SBI新生銀行', '新生銀行', 'SBI Shinsei Bank', 'Shinsei Bank'],
    // shinseibank.com: its phishing page there is headed "SBI新生銀行"
    // (https://www.shinseibank.com/security/pd/001.html).
    sites: ['sbishinseibank.co.jp', 'shinseibank.com'],
    source: 'https://www.sbishinseibank.co.jp/security/attention/phishing.html',
  },
  {
    id: 'mufg-bank',
    name: { en: 'MUFG Bank', ja: '三菱UFJ銀行' },
    issuers: ['三菱UFJ銀行', 'MUFG Bank', '三菱UFJダイレクト'],
    // Online banking is on bk.mufg.jp. The registrable domain is mufg.jp (jp is the suffix), which
    // the MUFG group shares: the site says "mufg.jp", not something narrower.
    sites: ['mufg.jp'],
    source: 'https://www.bk.mufg.jp/emeg/10_1393.html',
  },
  {
    id: 'smbc',
    name: { en: 'Sumitomo Mitsui Banking Corporation', ja: '三井住友銀行' },
    // Not bare "SMBC": SMBC日興証券 and the SMBC card company use it too.
    issuers: ['三井住友銀行', 'Sumitomo Mitsui Banking Corporation', 'SMBCダイレクト', 'SMBC Direct'],
    // Gives the SMBCダイレクト login URL https://direct.smbc.co.jp/aib/aibgsjsw5001.jsp.
    sites: ['smbc.co.jp'],
    source: 'https://www.smbc.co.jp/security/attention/index36.html',
  },
  {
    id: 'mizuho-bank',
    name: { en: 'Mizuho Bank', ja: 'みずほ銀行' },
    issuers: ['みずほ銀行', 'Mizuho Bank', 'みずほダイレクト'],
    // Its mail also comes from mizuho-bk.co.jp, but nothing is signed in there: not a site.
    sites: ['mizuhobank.co.jp'],
    source: 'https://www.mizuhobank.co.jp/crime/internet/index.html',
  },
  {
    id: 'japan-post-bank',
    name: { en: 'Japan Post Bank', ja: 'ゆうちょ銀行' },
    issuers: ['ゆうちょ銀行', 'Japan Post Bank', 'ゆうちょダイレクト', 'JP BANK'],
    // The bank is at www.jp-bank.japanpost.jp, whose registrable domain is japanpost.jp (shared by
    // the Japan Post group). Its page names https://www.jp-bank.japanpost.jp as the real URL.
    sites: ['japanpost.jp'],
    source: 'https://www.jp-bank.japanpost.jp/crime/crm_antiphishing.html',
  },

  // --- Global services ---------------------------------------------------------------------------
  {
    id: 'google',
    name: { en: 'Google', ja: 'Google' },
    issuers: ['Google', 'Google Account', 'グーグル'],
    sites: ['google.com'],
    // Read from an archived copy of this Google Account Help page (2 段階認証プロセス).
    source: 'https://support.google.com/accounts/answer/185839?hl=ja',
  },
  {
    id: 'microsoft',
    name: { en: 'Microsoft', ja: 'Microsoft' },
    issuers: ['Microsoft', 'Microsoft account', 'マイクロソフト'],
    // Sign-in also happens on live.com, but no Microsoft page we could read states it: not listed yet.
    sites: ['microsoft.com'],
    source: 'https://support.microsoft.com/ja-jp/help/12408/microsoft-account-about-two-step-verification',
  },
  {
    id: 'github',
    name: { en: 'GitHub', ja: 'GitHub' },
    issuers: ['GitHub'],
    sites: ['github.com'],
    source:
      'https://docs.github.com/en/authentication/securing-your-account-with-two-factor-authentication-2fa/configuring-two-factor-authentication',
  },
  {
    id: 'amazon',
    name: { en: 'Amazon / AWS', ja: 'Amazon / AWS' },
    issuers: ['Amazon', 'Amazon Web Services', 'AWS', 'Amazon.co.jp', 'Amazon.com', 'アマゾン'],
    // AWS signs in on *.aws.amazon.com (amazon.com). amazon.co.jp: Amazon's own Japanese help
    // (https://sellercentral.amazon.co.jp/gp/help/external/help.html?itemID=202153510) on 2段階認証.
    sites: ['amazon.com', 'amazon.co.jp'],
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_cliapi.html',
  },
  {
    id: 'apple',
    name: { en: 'Apple', ja: 'Apple' },
    issuers: ['Apple', 'Apple Account', 'Apple ID'],
    // Names account.apple.com as where the Apple Account's security is managed on the web.
    sites: ['apple.com'],
    source: 'https://support.apple.com/ja-jp/122621',
  },
  {
    id: 'dropbox',
    name: { en: 'Dropbox', ja: 'Dropbox' },
    issuers: ['Dropbox'],
    // "1. Sign in to dropbox.com."
    sites: ['dropbox.com'],
    source: 'https://help.dropbox.com/guide/individual/how-to-keep-account-secure/two-step-verification',
  },
  {
    id: 'x',
    name: { en: 'X (Twitter)', ja: 'X(旧Twitter)' },
    issuers: ['X', 'Twitter', 'X (Twitter)', 'X Corp.'],
    // X's own help refers to "X.com"; twitter.com: Twitter's own login-verification page
    // (https://media.twitter.com/best-practice/login-verification).
    sites: ['x.com', 'twitter.com'],
    source: 'https://help.x.com/ja/managing-your-account/issues-with-login-authentication',
  },
  {
    id: 'discord',
    name: { en: 'Discord', ja: 'Discord' },
    issuers: ['Discord'],
    sites: ['discord.com'],
    source: 'https://support.discord.com/hc/en-us/articles/219576828-Setting-up-Two-Factor-Authentication',
  },

  // --- Crypto exchanges ------------------------------------------------------------------------------
  {
    id: 'bitflyer',
    name: { en: 'bitFlyer', ja: 'ビットフライヤー' },
    issuers: ['bitFlyer', 'bitFlyer Lightning', 'ビットフライヤー', '株式会社bitFlyer'],
    // bitFlyer's own API documentation, served from its trading site lightning.bitflyer.com:
    // "Japan Endpoint URL: https://api.bitflyer.com/v1/". The older bitflyer.jp is not listed:
    // no page of bitFlyer's own that still names it was found.
    sites: ['bitflyer.com'],
    source: 'https://lightning.bitflyer.com/docs',
  },
  {
    id: 'coincheck',
    name: { en: 'Coincheck', ja: 'コインチェック' },
    issuers: ['Coincheck', 'コインチェック'],
    // Coincheck's own help: "2段階認証の設定方法".
    sites: ['coincheck.com'],
    source: 'https://coincheck.com/ja/info/help_search?category=23',
  },
  {
    id: 'binance',
    name: { en: 'Binance', ja: 'Binance' },
    issuers: ['Binance', 'バイナンス'],
    // A Binance post on binance.com about impersonation ("Binance will never contact users via
    // WhatsApp"). Binance Japan's own domain was not confirmed on a page of its own: not listed.
    sites: ['binance.com'],
    source: 'https://binance.com/square/post/14075753879049',
  },
  {
    id: 'facebook',
    name: { en: 'Facebook', ja: 'Facebook' },
    issuers: ['Facebook', 'フェイスブック'],
    // Meta's developer documentation for Facebook Login: "If you are a Facebook user and are having
    // trouble signing into your account, visit our Help Center (https://www.facebook.com/help/…)".
    sites: ['facebook.com'],
    source: 'https://developers.facebook.com/documentation/facebook-login',
  },
  {
    id: 'instagram',
    name: { en: 'Instagram', ja: 'Instagram' },
    issuers: ['Instagram', 'インスタグラム'],
    // Meta's Instagram Platform reference names its hosts (graph.instagram.com) and sends
    // Instagram users to help.instagram.com.
    sites: ['instagram.com'],
    source: 'https://developers.facebook.com/documentation/instagram-platform/reference',
  },
  {
    id: 'coinbase',
    name: { en: 'Coinbase', ja: 'Coinbase' },
    issuers: ['Coinbase', 'コインベース'],
    // "Navigate to https://www.coinbase.com/settings/security_settings".
    sites: ['coinbase.com'],
    source: 'https://help.coinbase.com/en/international-exchange/manage-account/2fa',
  },
]

// Domains left out because no page of the service itself could be found to confirm them
// (third-party articles are not enough for this table): Microsoft's live.com, Okasan's
// okasan.co.jp, Sony Bank's sonybank.net, bitFlyer's older bitflyer.jp, Binance Japan's.

/** The suggestion table: every entry frozen, so a caller cannot change what others are told. */
export const KNOWN_SERVICES: readonly KnownService[] = Object.freeze(
  SERVICES.map((s) =>
    Object.freeze({
      ...s,
      name: Object.freeze({ ...s.name }),
      issuers: Object.freeze([...s.issuers]) as string[],
      sites: Object.freeze([...s.sites]) as string[],
    }),
  ),
)

// normalizeServiceName lives in its own module, so the renderer's service icons use it without this
// table and the Public Suffix List it needs.
export { normalizeServiceName }

const BY_NAME = new Map<string, KnownService>()
const BY_SITE = new Map<string, KnownService>()
for (const service of KNOWN_SERVICES) {
  for (const spelling of [...service.issuers, service.name.en, service.name.ja]) {
    const key = normalizeServiceName(spelling)
    const other = BY_NAME.get(key)
    // Two services answering to one spelling would make the answer depend on table order.
    if (key === '' || (other !== undefined && other !== service)) {
      throw new Error(`known-services: the spelling of ${service.id} is empty or used by ${other?.id ?? 'nobody'}`)
    }
    BY_NAME.set(key, service)
  }
  for (const site of service.sites) BY_SITE.set(site, service)
}

// Longest issuer we look at: an issuer is a name, not a paragraph.
const MAX_ISSUER_LENGTH = 256

/** The entry for a name, or for a host-like issuer ("www.monex.co.jp") whose site is in the table. */
function lookup(text: string): KnownService | undefined {
  if (text.length === 0 || text.length > MAX_ISSUER_LENGTH) return undefined
  const byName = BY_NAME.get(normalizeServiceName(text))
  if (byName !== undefined) return byName
  const trimmed = text.trim()
  if (!/^[a-z0-9.-]+\.[a-z]{2,}\.?$/i.test(trimmed)) return undefined
  const site = registrableDomain(trimmed)
  return site === null ? undefined : BY_SITE.get(site)
}

/**
 * The table entry for an issuer (and label) as scanned or typed, for display and suggestions.
 * When the issuer is empty, a label of the form "Issuer:account" is read for its issuer; an
 * e-mail domain in a label ("taro@gmail.com") says where the mail lives, not what the code is
 * for, and is never used.
 */
export function knownServiceFor(issuer: string, label?: string): KnownService | undefined {
  const iss = typeof issuer === 'string' ? issuer.trim() : ''
  if (iss !== '') return lookup(iss)
  if (typeof label !== 'string') return undefined
  const colon = label.indexOf(':')
  if (colon <= 0) return undefined
  return lookup(label.slice(0, colon).trim())
}

/** Sites proposed for an issuer (and label) as scanned/typed; [] when unknown. Matches ja/en spellings, width- and case-insensitive. */
export function suggestSites(issuer: string, label?: string): string[] {
  const service = knownServiceFor(issuer, label)
  return service === undefined ? [] : [...service.sites]
}
