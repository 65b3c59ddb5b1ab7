import { describe, expect, it } from 'vitest'
import type { BrowserRequest, BrowserResponse } from '../../../shared/browser/messages'
import { fillFromPopup, onShortcut, popupState, type BackgroundDeps } from '../../../extension/background/controller'
import type { HostAnswer } from '../../../extension/background/decide'
import type { ContentRequest, ContentResult } from '../../../extension/content/protocol'
import { translator } from '../../../extension/i18n/messages'

/** The chrome APIs the flows use, faked: one tab, a scripted host, a record of what reached the page. */
function fakeDeps(
  url: string | undefined,
  answer: BrowserResponse | HostAnswer,
  options: { popupOpens?: boolean } = {},
) {
  const asked: BrowserRequest[] = []
  const injected: ContentRequest[] = []
  let popups = 0
  const deps: BackgroundDeps = {
    activeTab: () => Promise.resolve({ id: 7, url }),
    askHost: (request) => {
      asked.push(request)
      return Promise.resolve('ok' in answer ? answer : { ok: true, response: answer })
    },
    runInTab: (tabId, request): Promise<ContentResult> => {
      expect(tabId).toBe(7)
      injected.push(request)
      return Promise.resolve(
        request.kind === 'fill'
          ? { filled: true, how: 'single', frame: 'top', boxes: 1 }
          : { shown: request.kind === 'warn' ? 'warning' : 'note' },
      )
    },
    openPopup: () => {
      popups += 1
      return Promise.resolve(options.popupOpens ?? true)
    },
    t: translator('en'),
  }
  return { deps, asked, injected, popups: () => popups }
}

const CODE: BrowserResponse = {
  v: 1,
  type: 'code',
  code: '287082',
  secondsLeft: 12,
  period: 30,
  name: 'Monex (hanako)',
  site: 'monex.co.jp',
}

describe('extension controller: the shortcut', () => {
  it('asks the host about the tab URL and fills the code in the top frame of the real site', async () => {
    const { deps, asked, injected } = fakeDeps('https://monex.co.jp/login', CODE)
    const outcome = await onShortcut(deps)
    expect(asked).toEqual([{ v: 1, type: 'code-for-page', url: 'https://monex.co.jp/login' }])
    expect(injected).toEqual([
      {
        kind: 'fill',
        code: '287082',
        origin: 'https://monex.co.jp',
        texts: {
          filled: 'Warifu filled the code for Monex (hanako).',
          noField: expect.any(String),
          noFieldFramed: expect.stringContaining('{host}'),
          navigated: expect.any(String),
          lang: 'en',
        },
      },
    ])
    expect(outcome.result).toMatchObject({ filled: true })
  })

  it('injects the warning, and no code, on a lookalike', async () => {
    const { deps, injected } = fakeDeps('https://monex-co-jp.com/', {
      v: 1,
      type: 'lookalike',
      site: 'monex.co.jp',
      host: 'monex-co-jp.com',
      reasons: ['brand-in-other-domain', 'shortener'],
    })
    await onShortcut(deps)
    expect(injected).toEqual([
      {
        kind: 'warn',
        texts: {
          label: 'Warifu warning',
          title: 'Possible fake site: monex-co-jp.com is not monex.co.jp.',
          advice: expect.stringContaining('Warifu filled nothing'),
          reasons: ['The brand name is used inside another domain that does not belong to the company.'],
          close: 'Close',
          names: ['monex-co-jp.com', 'monex.co.jp'],
          lang: 'en',
        },
      },
    ])
    expect(JSON.stringify(injected)).not.toContain('287082')
  })

  it.each([
    ['en', 'The real monex.co.jp always uses https://', 'typing https://monex.co.jp yourself'],
    [
      'ja',
      'monex.co.jp の正規のサイトは必ず https:// を使います',
      'https://monex.co.jp をご自身で入力して開いてください',
    ],
  ] as const)(
    'injects the red warning, and no code, on the real site over plain http (%s)',
    async (lang, advice, typeIt) => {
      const { deps, injected } = fakeDeps('http://monex.co.jp/login', { v: 1, type: 'not-https', site: 'monex.co.jp' })
      deps.t = translator(lang)
      const outcome = await onShortcut(deps)
      expect(outcome.action).toEqual({ kind: 'insecure', site: 'monex.co.jp' })
      expect(injected).toEqual([
        {
          kind: 'warn',
          texts: {
            label: translator(lang)('warnLabel'),
            title: expect.stringMatching(
              lang === 'en' ? /not encrypted.*monex\.co\.jp/ : /暗号化されていない.*monex\.co\.jp/,
            ),
            advice: expect.stringContaining(advice),
            reasons: [],
            close: translator(lang)('warnClose'),
            names: ['https://monex.co.jp', 'monex.co.jp'],
            lang,
          },
        },
      ])
      const texts = (injected[0] as Extract<ContentRequest, { kind: 'warn' }>).texts
      expect(texts.advice).toContain(typeIt)
      expect(texts.advice).toContain(lang === 'en' ? 'Warifu filled nothing' : 'Warifu は何も入力していません')
      if (lang === 'ja') expect(texts.advice).toContain('偽サイト')
      expect(JSON.stringify(injected)).not.toContain('287082')
    },
  )

  it('injects the same warning when the host says code but the tab is the real site over http', async () => {
    const { deps, injected } = fakeDeps('http://www.monex.co.jp/', CODE)
    const outcome = await onShortcut(deps)
    expect(outcome.action).toEqual({ kind: 'insecure', site: 'monex.co.jp' })
    expect(injected).toEqual([
      { kind: 'warn', texts: expect.objectContaining({ names: ['https://monex.co.jp', 'monex.co.jp'] }) },
    ])
    expect(JSON.stringify(injected)).not.toContain('287082')
  })

  it('fills nothing when the host says code for a page that is not its site', async () => {
    const { deps, injected } = fakeDeps('https://monex.co.jp.evil.test/', CODE)
    const outcome = await onShortcut(deps)
    expect(outcome.action).toMatchObject({ kind: 'note', reason: 'siteMismatch' })
    expect(injected).toEqual([{ kind: 'note', text: expect.stringContaining('another site'), lang: 'en' }])
  })

  it('never asks the host about a browser page', async () => {
    const { deps, asked, injected } = fakeDeps('chrome://settings/', CODE)
    await onShortcut(deps)
    expect(asked).toEqual([])
    expect(injected).toEqual([])
  })

  it('opens the popup to choose among several accounts, or says where to click', async () => {
    const choose: BrowserResponse = { v: 1, type: 'choose', site: 'monex.co.jp', accounts: [{ ref: 'a', name: 'A' }] }
    const opened = fakeDeps('https://monex.co.jp/', choose)
    await onShortcut(opened.deps)
    expect(opened.popups()).toBe(1)
    expect(opened.injected).toEqual([])
    const refused = fakeDeps('https://monex.co.jp/', choose, { popupOpens: false })
    await onShortcut(refused.deps)
    expect(refused.injected).toEqual([{ kind: 'note', text: expect.stringContaining('Warifu button'), lang: 'en' }])
  })

  it('says the host is not connected when sendNativeMessage finds none', async () => {
    const { deps, injected } = fakeDeps('https://monex.co.jp/', {
      ok: false,
      hostMissing: true,
      code: 'HOST_NOT_INSTALLED',
    })
    await onShortcut(deps)
    expect(injected).toEqual([{ kind: 'note', text: expect.stringContaining('warifu browser install'), lang: 'en' }])
  })
})

describe('extension controller: the popup', () => {
  it('shows the site and account without the code', async () => {
    const { deps, injected } = fakeDeps('https://www.monex.co.jp/', CODE)
    const state = await popupState(deps)
    expect(state).toEqual({ kind: 'fill', name: 'Monex (hanako)', site: 'monex.co.jp' })
    expect(JSON.stringify(state)).not.toContain('287082')
    expect(injected).toEqual([])
  })

  it('asks again with the chosen account and fills', async () => {
    const { deps, asked, injected } = fakeDeps('https://monex.co.jp/', CODE)
    await fillFromPopup(deps, 'ref-2')
    expect(asked).toEqual([{ v: 1, type: 'code-for-page', url: 'https://monex.co.jp/', account: 'ref-2' }])
    expect(injected[0]).toMatchObject({ kind: 'fill', code: '287082' })
  })

  it('shows the quiet no-account note and the fake-site warning', async () => {
    expect(await popupState(fakeDeps('https://example.com/', { v: 1, type: 'no-account' }).deps)).toEqual({
      kind: 'note',
      reason: 'noAccount',
      text: 'No account for this site.',
    })
    const warn = await popupState(
      fakeDeps('https://xn--mnex-5cf.co.jp/', {
        v: 1,
        type: 'lookalike',
        site: 'monex.co.jp',
        host: 'mоnex.co.jp',
        reasons: ['homograph'],
      }).deps,
    )
    expect(warn).toMatchObject({ kind: 'warn', site: 'monex.co.jp', reasons: [expect.stringContaining('look-alike')] })
  })

  it('shows the red plain-http warning on the real site over http, and fills nothing from its button', async () => {
    const { deps, injected } = fakeDeps('http://monex.co.jp/', { v: 1, type: 'not-https', site: 'monex.co.jp' })
    expect(await popupState(deps)).toEqual({ kind: 'insecure', site: 'monex.co.jp' })
    const outcome = await fillFromPopup(deps)
    expect(outcome.action).toEqual({ kind: 'insecure', site: 'monex.co.jp' })
    expect(injected).toEqual([{ kind: 'warn', texts: expect.objectContaining({ reasons: [], lang: 'en' }) }])
  })
})
