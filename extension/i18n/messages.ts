/**
 * The extension's texts in English and Japanese, written out by build/extension.mjs as
 * `_locales/{en,ja}/messages.json`; the browser picks by its UI language (default en).
 * `{name}` placeholders are filled by format() (not chrome.i18n's `$1`), so the same text works
 * in tests without a browser.
 */

const en = {
  /** The language these texts are in (the `lang` of what shows them; ja gets phrase-aware line breaks). */
  lang: 'en',
  extensionName: 'Warifu',
  extensionDescription:
    'Fills your Warifu authentication code only on the account’s real site, and warns you on a fake one.',
  actionTitle: 'Warifu: fill the authentication code',
  commandFill: 'Fill the authentication code for this site',
  commandPopup: 'Open Warifu for this site (choose an account, see why nothing was filled)',

  popupChecking: 'Checking this page…',
  popupReal: 'This is {site}.',
  popupFillAccount: 'Fill the code for {name}',
  popupChoose: 'Several of your accounts use {site}. Which one?',
  popupShortcut: 'Shortcut: {keys}',
  popupNoShortcut: 'No shortcut set: choose one in the browser’s extension shortcuts.',
  popupFilled: 'Filled.',

  noAccount: 'No account for this site.',
  counterBased:
    '{name} uses a counter-based code (HOTP), which is never filled automatically: each fill would use one up. Copy it in the Warifu app.',
  accessRemoved: 'Browser access was removed in the Warifu app. Use Connect a browser in the app to allow it again.',
  hostMissing:
    'This browser is not connected to Warifu. Use Connect a browser in the Warifu app, or run: warifu browser install',
  hostError: 'Warifu could not answer ({code}). Try again, or open the Warifu app.',
  notWebPage: 'Warifu fills codes on web pages only.',
  siteMismatch: 'Warifu’s answer was for another site than this page, so nothing was filled.',
  noField: 'No authentication code field was found on this page. Click into the field, then try again.',
  noFieldFramed:
    'The code field seems to be inside a part of this page that comes from another site ({host}). Warifu fills codes only on the site itself, never into another site’s frame, so nothing was filled.',
  navigated: 'The page changed before the code was filled, so nothing was filled.',
  filledNote: 'Warifu filled the code for {name}.',
  chooseInPage: 'Several of your accounts use {site}: choose one with the Warifu button in the toolbar.',

  warnLabel: 'Warifu warning',
  warnTitle: 'Possible fake site: {host} is not {site}.',
  warnAdvice:
    'Warifu filled nothing. Do not enter your ID, password or authentication code here. Open {site} from your bookmark or the official app instead.',
  warnClose: 'Close',
  insecureTitle: 'This page is not encrypted: it may not be the real {site} login page.',
  insecureAdvice:
    'The real {site} always uses https://, and a page that is not encrypted can be swapped for a fake one on the way. Warifu filled nothing. Do not enter your ID, password or authentication code here: open the site by typing https://{site} yourself.',
  reason_subdomain_trick:
    'The real domain is only the beginning of a longer address: the part at the end decides where it leads, and that is another site.',
  reason_brand_in_other_domain: 'The brand name is used inside another domain that does not belong to the company.',
  reason_other_suffix: 'The same name with a different ending (.jp, .com, .net …) than the real domain.',
  reason_homograph:
    'It uses look-alike characters (for example Cyrillic letters) so that it displays like the real name.',
  reason_edit_distance: 'One or two letters differ from the real domain (for example “rn” for “m”).',
  reason_userinfo: 'Everything before “@” in the address is ignored: the page really is the site after the “@”.',
  reason_plain_http: 'The page is not encrypted (http://, not https://).',
} as const

/** A text's key (the `messages.json` name: letters, digits and underscores only). */
export type MessageKey = keyof typeof en

const ja: Record<MessageKey, string> = {
  lang: 'ja',
  extensionName: 'Warifu',
  extensionDescription: 'Warifu の認証コードを、そのアカウントの本物のサイトにだけ入力します。偽サイトでは警告します。',
  actionTitle: 'Warifu：認証コードを入力',
  commandFill: 'このサイトの認証コードを入力',
  commandPopup: 'このサイトの Warifu を開く（アカウントの選択、入力しなかった理由の確認）',

  popupChecking: 'このページを確認しています…',
  popupReal: 'このページは {site} です。',
  popupFillAccount: '{name} のコードを入力',
  popupChoose: '{site} を使うアカウントが複数あります。どのアカウントのコードを入力しますか？',
  popupShortcut: 'ショートカット：{keys}',
  popupNoShortcut: 'ショートカットが未設定です。ブラウザーの拡張機能のショートカット設定で選べます。',
  popupFilled: '入力しました。',

  noAccount: 'このサイトのアカウントはありません。',
  counterBased:
    '{name} はカウンター方式（HOTP）のため自動では入力しません（入力するたびにコードを消費するため）。Warifu アプリでコピーしてください。',
  accessRemoved:
    'Warifu アプリでブラウザーからのアクセスが止められています。アプリの「ブラウザーと連携」でもう一度連携できます。',
  hostMissing:
    'このブラウザーはまだ Warifu と連携していません。Warifu アプリの「ブラウザーと連携」を使うか、warifu browser install を実行してください。',
  hostError: 'Warifu から応答がありませんでした（{code}）。もう一度試すか、Warifu アプリを開いてください。',
  notWebPage: '認証コードはウェブページにだけ入力できます。',
  siteMismatch: '応答がこのページとは別のサイトのものだったため、入力しませんでした。',
  noField: '認証コードの入力欄が見つかりませんでした。入力欄をクリックしてから、もう一度お試しください。',
  noFieldFramed:
    '入力欄は、別のサイト（{host}）から読み込まれた枠の中にあるようです。Warifu は別のサイトの枠には入力しないため、何も入力しませんでした。',
  navigated: '入力する前にページが移動したため、入力しませんでした。',
  filledNote: 'Warifu が {name} の認証コードを入力しました。',
  chooseInPage: '{site} を使うアカウントが複数あります。ツールバーの Warifu ボタンから選んでください。',

  warnLabel: 'Warifu の警告',
  warnTitle: '偽サイトの可能性があります：{host} は {site} ではありません。',
  warnAdvice:
    'Warifu は何も入力していません。ここに ID・パスワード・認証コードを入力しないでください。ブックマークや公式アプリから {site} を開いてください。',
  warnClose: '閉じる',
  insecureTitle: '暗号化されていないページです。{site} の本物のログインページではないおそれがあります。',
  insecureAdvice:
    '{site} の正規のサイトは必ず https:// を使います。暗号化されていないページは、途中で偽サイトに差し替えられているおそれがあります。Warifu は何も入力していません。ここに ID・パスワード・認証コードを入力せず、https://{site} をご自身で入力して開いてください。',
  reason_subdomain_trick:
    '本物のドメインは長いアドレスの先頭にあるだけです。行き先を決めるのは末尾の部分で、それは別のサイトです。',
  reason_brand_in_other_domain: 'ブランド名を含んでいますが、その会社のものではない別のドメインです。',
  reason_other_suffix: '名前は同じでも、末尾（.co.jp / .com / .net など）が正規のドメインと違います。',
  reason_homograph: '見た目がそっくりな別の文字（キリル文字など）を使い、正規のドメインに見せかけています。',
  reason_edit_distance: '正規のドメインと 1〜2 文字だけ違います（「m」を「rn」にするなど）。',
  reason_userinfo: 'アドレスの「@」より前は無視され、実際のページは「@」の後ろのサイトです。',
  reason_plain_http: '暗号化されていない接続です（https:// ではなく http://）。',
}

/** Every text in both languages (the build writes one messages.json per language). */
export const MESSAGES: { en: Record<MessageKey, string>; ja: Record<MessageKey, string> } = { en, ja }

/** Looks a text up (chrome.i18n.getMessage in the browser, a table in tests). */
export type Translate = (key: MessageKey, params?: Record<string, string>) => string

/** Fills `{name}` placeholders; a missing parameter stays visible rather than vanishing. */
export function format(text: string, params: Record<string, string> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole)
}

/** A Translate over one language's table (tests and the build). */
export function translator(lang: keyof typeof MESSAGES): Translate {
  return (key, params) => format(MESSAGES[lang][key], params)
}

/**
 * `text` cut into runs, the domain names in `names` as runs of their own, so a renderer can keep
 * each name on one line: "monex-co-jp.com" broken after "monex-" reads like another name.
 */
export function splitNames(text: string, names: string[]): { text: string; isName: boolean }[] {
  const wanted = names.filter((n) => n.length > 0).sort((a, b) => b.length - a.length)
  const runs: { text: string; isName: boolean }[] = []
  let rest = text
  while (rest.length > 0) {
    let at = -1
    let name = ''
    for (const n of wanted) {
      const i = rest.indexOf(n)
      if (i >= 0 && (at < 0 || i < at)) {
        at = i
        name = n
      }
    }
    if (at < 0) {
      runs.push({ text: rest, isName: false })
      break
    }
    if (at > 0) runs.push({ text: rest.slice(0, at), isName: false })
    runs.push({ text: name, isName: true })
    rest = rest.slice(at + name.length)
  }
  return runs
}
