/**
 * The extension's two entry points, the shortcut and the popup, over injected browser APIs
 * (chrome-deps.ts in the browser, fakes in tests). Each asks the native host afresh for the tab
 * the user acted on, decides (decide.ts), and only then touches the page: a fill, the warning
 * or a note, always in the top frame only.
 */
import { BROWSER_PROTOCOL_VERSION, type BrowserRequest } from '../../shared/browser/messages'
import type { LinkReason } from '../../shared/sites/check'
import type { ContentRequest, ContentResult } from '../content/protocol'
import type { MessageKey, Translate } from '../i18n/messages'
import { decide, pageInfo, type Action, type HostAnswer, type NoteReason } from './decide'

/** The browser APIs the flows use. */
export interface BackgroundDeps {
  /** The active tab of the focused window (its URL is visible because the user's gesture granted activeTab). */
  activeTab(): Promise<{ id: number; url?: string } | undefined>
  /** One request to the native host. */
  askHost(request: BrowserRequest): Promise<HostAnswer>
  /** Injects the content script into the tab's top frame and runs one request there. */
  runInTab(tabId: number, request: ContentRequest): Promise<ContentResult | undefined>
  /** Opens the toolbar popup (for choosing an account); false when the browser refuses. */
  openPopup(): Promise<boolean>
  t: Translate
}

/** What the popup shows: the action without the code (the popup never displays or copies one). */
export type PopupState =
  | { kind: 'fill'; name: string; site: string }
  | { kind: 'choose'; site: string; accounts: { ref: string; name: string }[] }
  | { kind: 'warn'; site: string; host: string; reasons: string[] }
  | { kind: 'insecure'; site: string }
  | { kind: 'note'; reason: NoteReason; text: string }

/** What one fill attempt came to. */
export type FillOutcome = { action: Action; result?: ContentResult }

async function ask(
  deps: BackgroundDeps,
  account?: string,
): Promise<{ tab?: { id: number; url?: string }; action: Action }> {
  const tab = await deps.activeTab()
  const url = tab?.url
  // Only web pages go to the host; chrome://, about: and the like never leave the browser.
  if (tab === undefined || url === undefined || pageInfo(url) === null) {
    return { tab, action: { kind: 'note', reason: 'notWebPage', params: {} } }
  }
  const request: BrowserRequest = { v: BROWSER_PROTOCOL_VERSION, type: 'code-for-page', url }
  if (account !== undefined) request.account = account
  return { tab, action: decide(url, await deps.askHost(request)) }
}

/**
 * The text of each reason a page's warning lists. A link shortener and a forgeable e-mail sender
 * are reasons for links in a text, never for a page, so they have none.
 */
const REASON_TEXTS: Partial<Record<LinkReason, MessageKey>> = {
  'subdomain-trick': 'reason_subdomain_trick',
  'brand-in-other-domain': 'reason_brand_in_other_domain',
  'other-suffix': 'reason_other_suffix',
  homograph: 'reason_homograph',
  'edit-distance': 'reason_edit_distance',
  userinfo: 'reason_userinfo',
  'plain-http': 'reason_plain_http',
}

/** A lookalike warning's title and advice, and the domain names in them (the page's and the popup's). */
export function lookalikeHeadline(t: Translate, page: { site: string; host: string }) {
  return {
    title: t('warnTitle', { host: page.host, site: page.site }),
    advice: t('warnAdvice', { site: page.site }),
    names: [page.host, page.site],
  }
}

/** The translated warning for a lookalike page. */
export function warningTexts(t: Translate, action: Extract<Action, { kind: 'warn' }>) {
  const { title, advice, names } = lookalikeHeadline(t, action)
  return {
    label: t('warnLabel'),
    title,
    advice,
    reasons: action.reasons.flatMap((r) => {
      const key = REASON_TEXTS[r]
      return key === undefined ? [] : [t(key)]
    }),
    close: t('warnClose'),
    names,
    lang: t('lang'),
  }
}

/** The translated warning for the account's site over plain http: (the real domain, not encrypted). */
export function insecureWarningTexts(t: Translate, action: { site: string }) {
  return {
    label: t('warnLabel'),
    title: t('insecureTitle', { site: action.site }),
    advice: t('insecureAdvice', { site: action.site }),
    reasons: [],
    close: t('warnClose'),
    names: [`https://${action.site}`, action.site],
    lang: t('lang'),
  }
}

function fillRequest(t: Translate, action: Extract<Action, { kind: 'fill' }>): ContentRequest {
  return {
    kind: 'fill',
    code: action.code,
    origin: action.origin,
    texts: {
      filled: t('filledNote', { name: action.name }),
      noField: t('noField'),
      // {host} stays for the page script: only it sees which frame the field is in.
      noFieldFramed: t('noFieldFramed'),
      navigated: t('navigated'),
      lang: t('lang'),
    },
  }
}

/** What the page is asked to do for a fill, a lookalike or the site over http:; undefined for the rest. */
function pageRequest(t: Translate, action: Action): ContentRequest | undefined {
  switch (action.kind) {
    case 'fill':
      return fillRequest(t, action)
    case 'warn':
      return { kind: 'warn', texts: warningTexts(t, action) }
    case 'insecure':
      return { kind: 'warn', texts: insecureWarningTexts(t, action) }
    default:
      return undefined
  }
}

/** A brief note at the bottom of the page. */
function note(t: Translate, text: string): ContentRequest {
  return { kind: 'note', text, lang: t('lang') }
}

/** The keyboard shortcut: fill, warn, or say briefly in the page why not. */
export async function onShortcut(deps: BackgroundDeps): Promise<FillOutcome> {
  const { tab, action } = await ask(deps)
  if (tab === undefined) return { action }
  const request = pageRequest(deps.t, action)
  if (request !== undefined) return { action, result: await deps.runInTab(tab.id, request) }
  if (action.kind === 'choose') {
    // The popup lists the accounts; where the browser will not open it, the page says where to click.
    if (await deps.openPopup()) return { action }
    return { action, result: await deps.runInTab(tab.id, note(deps.t, deps.t('chooseInPage', { site: action.site }))) }
  }
  // A browser page cannot take a script; there the shortcut does nothing visible.
  if (action.kind === 'note' && action.reason !== 'notWebPage') {
    return { action, result: await deps.runInTab(tab.id, note(deps.t, deps.t(action.reason, action.params))) }
  }
  return { action }
}

/** The popup's first look: what it would do on this tab (asks the host; fills nothing). */
export async function popupState(deps: BackgroundDeps): Promise<PopupState> {
  const { action } = await ask(deps)
  switch (action.kind) {
    case 'fill':
      return { kind: 'fill', name: action.name, site: action.site }
    case 'choose':
      return { kind: 'choose', site: action.site, accounts: action.accounts }
    case 'warn':
      return { kind: 'warn', site: action.site, host: action.host, reasons: warningTexts(deps.t, action).reasons }
    case 'insecure':
      return { kind: 'insecure', site: action.site }
    case 'note':
      return { kind: 'note', reason: action.reason, text: deps.t(action.reason, action.params) }
  }
}

/**
 * The popup's Fill button (for one account of several when `account` is a choice's ref). The host
 * is asked again, so the code is fresh and the page is checked again as it is now.
 */
export async function fillFromPopup(deps: BackgroundDeps, account?: string): Promise<FillOutcome> {
  const { tab, action } = await ask(deps, account)
  if (tab === undefined) return { action }
  const request = pageRequest(deps.t, action)
  // A choice or a note: the popup shows it, the page gets nothing.
  if (request === undefined) return { action }
  return { action, result: await deps.runInTab(tab.id, request) }
}
