import { endianness } from 'node:os'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { CHROMIUM_EXTENSION_ID, FIREFOX_EXTENSION_ID } from '../../../shared/browser/extension-id'
import type { BrowserRequest, BrowserResponse } from '../../../shared/browser/messages'
import { MAX_BROWSER_MESSAGE_BYTES } from '../../../shared/browser/messages'
import { totpCode } from '../../../shared/otp/codes'
import type { AccountSummary } from '../../../shared/types'
import type { FillNotice } from '../../../electron/browser/activity'
import {
  accountRef,
  answerRequest,
  isAllowedCaller,
  parseBrowserRequest,
  type BrowserHostDeps,
} from '../../../electron/browser/host'
import { runHostSession } from '../../../electron/browser/host-session'
import { encodeFrame, readFrames } from '../../../electron/browser/native-messaging'

const SECRET = 'JBSWY3DPEHPK3PXP'
const NOW = 59_000
const CHROME_CALLER = [`chrome-extension://${CHROMIUM_EXTENSION_ID}/`]

function account(id: string, sites: string[], extra: Partial<AccountSummary> = {}): AccountSummary {
  return {
    id,
    issuer: 'マネックス証券',
    label: id,
    algorithm: 'SHA1',
    digits: 6,
    createdAt: '2026-01-01T00:00:00.000Z',
    sites,
    type: 'totp',
    period: 30,
    ...extra,
  } as AccountSummary
}

function deps(accounts: AccountSummary[], options: { removed?: boolean } = {}) {
  const fills: FillNotice[] = []
  const d: BrowserHostDeps = {
    accounts: () =>
      Promise.resolve({
        list: () => accounts,
        totp: (_id: string, nowMs: number) =>
          totpCode({ secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30 }, nowMs),
      }),
    now: () => NOW,
    accessRemoved: () => Promise.resolve(options.removed === true),
    notifyFill: (fill) => {
      fills.push(fill)
    },
    version: '9.9.9',
  }
  return { d, fills }
}

const page = (url: string, account?: string): BrowserRequest =>
  account === undefined ? { v: 1, type: 'code-for-page', url } : { v: 1, type: 'code-for-page', url, account }

async function settle(): Promise<void> {
  await new Promise((done) => setImmediate(done))
}

describe('answerRequest (the host decides by the page URL itself)', () => {
  const monex = account('a1', ['monex.co.jp'])

  it.each(['https://monex.co.jp/login', 'https://www.monex.co.jp/otp?x=1', 'https://MONEX.co.jp:8443/'])(
    'answers the code on the real site: %s',
    async (url) => {
      const { d, fills } = deps([monex, account('other', ['sbisec.co.jp'])])
      const answer = await answerRequest(page(url), d)
      expect(answer).toEqual({
        v: 1,
        type: 'code',
        code: '996554',
        secondsLeft: 1,
        period: 30,
        name: 'マネックス証券 (a1)',
        site: 'monex.co.jp',
      })
      await settle()
      expect(fills).toEqual([{ site: 'monex.co.jp', name: 'マネックス証券 (a1)', at: NOW }])
    },
  )

  it.each([
    ['https://monex-co-jp.com/', 'brand-in-other-domain'],
    ['https://monex.co.jp.evil.test/', 'subdomain-trick'],
    ['https://m\u043enex.co.jp/', 'homograph'],
    ['https://monex.co.jp@evil.example/', 'userinfo'],
  ])('answers lookalike, with no code, on %s', async (url, reason) => {
    const { d, fills } = deps([monex])
    const answer = await answerRequest(page(url), d)
    expect(answer.type).toBe('lookalike')
    expect(answer).toMatchObject({ site: 'monex.co.jp' })
    expect((answer as Extract<BrowserResponse, { type: 'lookalike' }>).reasons).toContain(reason)
    expect(JSON.stringify(answer)).not.toMatch(/996554|JBSW/)
    await settle()
    expect(fills).toEqual([])
  })

  it('answers not-https on the real site over http', async () => {
    const { d } = deps([monex])
    expect(await answerRequest(page('http://www.monex.co.jp/'), d)).toEqual({
      v: 1,
      type: 'not-https',
      site: 'monex.co.jp',
    })
  })

  it.each(['https://example.org/', 'file:///etc/passwd', 'chrome://settings/', 'not a url', 'https://127.0.0.1/'])(
    'answers no-account on %s',
    async (url) => {
      const { d } = deps([monex])
      expect(await answerRequest(page(url), d)).toEqual({ v: 1, type: 'no-account' })
    },
  )

  it('never fills a user name in front of the real host either', async () => {
    const { d } = deps([monex])
    expect((await answerRequest(page('https://someone@monex.co.jp/'), d)).type).not.toBe('code')
  })

  it('asks which account when several hold the site, lists only those, then fills the chosen one', async () => {
    const second = account('a2', ['monex.co.jp'], { issuer: 'Monex', label: 'hanako' })
    const { d } = deps([monex, account('x', ['sbisec.co.jp']), second])
    const answer = await answerRequest(page('https://monex.co.jp/'), d)
    expect(answer).toEqual({
      v: 1,
      type: 'choose',
      site: 'monex.co.jp',
      accounts: [
        { ref: accountRef('monex.co.jp', 'a1'), name: 'マネックス証券 (a1)' },
        { ref: accountRef('monex.co.jp', 'a2'), name: 'Monex (hanako)' },
      ],
    })
    expect(JSON.stringify(answer)).not.toMatch(/"a1"|"a2"|sbisec/)
    const chosen = await answerRequest(page('https://monex.co.jp/', accountRef('monex.co.jp', 'a2')), d)
    expect(chosen).toMatchObject({ type: 'code', name: 'Monex (hanako)', code: '996554' })
  })

  it('refuses a ref that is not one of this site\u2019s accounts (no code for another site)', async () => {
    const sbi = account('s1', ['sbisec.co.jp'])
    const { d } = deps([monex, sbi])
    const answer = await answerRequest(page('https://monex.co.jp/', accountRef('sbisec.co.jp', 's1')), d)
    expect(answer).toMatchObject({ type: 'error', code: 'ACCOUNT_NOT_FOUND' })
  })

  it('never answers a code for a counter-based (HOTP) account', async () => {
    const hotp = account('h1', ['monex.co.jp'], { type: 'hotp', counter: 3 })
    const { d, fills } = deps([hotp])
    expect(await answerRequest(page('https://monex.co.jp/'), d)).toEqual({
      v: 1,
      type: 'counter-based',
      name: 'マネックス証券 (h1)',
      site: 'monex.co.jp',
    })
    await settle()
    expect(fills).toEqual([])
  })

  it('answers access-removed to every request once access was removed', async () => {
    const { d } = deps([monex], { removed: true })
    expect(await answerRequest({ v: 1, type: 'ping' }, d)).toEqual({ v: 1, type: 'access-removed' })
    expect(await answerRequest(page('https://monex.co.jp/'), d)).toEqual({ v: 1, type: 'access-removed' })
  })

  it('answers ping with its version', async () => {
    const { d } = deps([monex])
    expect(await answerRequest({ v: 1, type: 'ping' }, d)).toEqual({ v: 1, type: 'pong', version: '9.9.9' })
  })

  it('turns a vault error into its code, and anything else into internal, without its message', async () => {
    const { d } = deps([monex])
    const { KeychainUnavailableError } = await import('../../../shared/errors')
    d.accounts = () => Promise.reject(new KeychainUnavailableError('No usable OS keychain.'))
    expect(await answerRequest(page('https://monex.co.jp/'), d)).toMatchObject({
      type: 'error',
      code: 'KEYCHAIN_UNAVAILABLE',
    })
    d.accounts = () => Promise.reject(new Error(`boom ${SECRET}`))
    const answer = await answerRequest(page('https://monex.co.jp/'), d)
    expect(answer).toMatchObject({ type: 'error', code: 'internal' })
    expect(JSON.stringify(answer)).not.toContain(SECRET)
  })
})

describe('parseBrowserRequest', () => {
  it.each([
    [null, 'bad-request'],
    [[], 'bad-request'],
    ['ping', 'bad-request'],
    [{ type: 'ping' }, 'unsupported-version'],
    [{ v: 2, type: 'ping' }, 'unsupported-version'],
    [{ v: 1, type: 'secrets' }, 'bad-request'],
    [{ v: 1, type: 'code-for-page' }, 'bad-request'],
    [{ v: 1, type: 'code-for-page', url: 'x'.repeat(9000) }, 'bad-request'],
    [{ v: 1, type: 'code-for-page', url: 'https://a.jp/', account: 5 }, 'bad-request'],
    [{ v: 1, type: 'code-for-page', url: 'https://a.jp/', account: 'NOT-A-REF' }, 'bad-request'],
  ])('refuses %j with %s', (raw, code) => {
    const parsed = parseBrowserRequest(raw)
    expect(parsed.ok).toBe(false)
    expect(!parsed.ok && parsed.answer).toMatchObject({ type: 'error', code })
  })

  it('keeps only the fields it knows', () => {
    expect(parseBrowserRequest({ v: 1, type: 'code-for-page', url: 'https://a.jp/', extra: 1 })).toEqual({
      ok: true,
      request: { v: 1, type: 'code-for-page', url: 'https://a.jp/' },
    })
  })
})

describe('isAllowedCaller', () => {
  it.each([
    [CHROME_CALLER, true],
    [[...CHROME_CALLER, '--parent-window=1234'], true],
    [['/home/u/.mozilla/native-messaging-hosts/warifu.browser_host.json', FIREFOX_EXTENSION_ID], true],
    [['chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/'], false],
    [[`chrome-extension://${CHROMIUM_EXTENSION_ID}`], false],
    [[`chrome-extension://${CHROMIUM_EXTENSION_ID}/x/`], false],
    [['/tmp/m.json', 'evil@example.com'], false],
    [[FIREFOX_EXTENSION_ID], false],
    [[], false],
  ])('%j -> %s', (args, allowed) => {
    expect(isAllowedCaller(args)).toBe(allowed)
  })
})

/** Runs a session over in-memory pipes: feeds `input`, returns every answer frame decoded. */
async function session(args: string[], input: Buffer[], d = deps([account('a1', ['monex.co.jp'])]).d) {
  const stdin = new PassThrough()
  const written: Buffer[] = []
  const done = runHostSession({ args, input: stdin, write: (f) => Promise.resolve(void written.push(f)), deps: d })
  for (const chunk of input) stdin.write(chunk)
  stdin.end()
  const code = await done
  const answers: unknown[] = []
  for await (const frame of readFrames([Buffer.concat(written)]))
    answers.push(frame.kind === 'message' ? frame.value : frame)
  return { code, answers }
}

describe('runHostSession', () => {
  it('answers each frame in order and exits 0 when the browser closes the port', async () => {
    const frames = Buffer.concat([encodeFrame({ v: 1, type: 'ping' }), encodeFrame(page('https://monex.co.jp/'))])
    // Split mid-length and mid-body: pipes deliver in any chunks.
    const { code, answers } = await session(CHROME_CALLER, [
      frames.subarray(0, 2),
      frames.subarray(2, 17),
      frames.subarray(17),
    ])
    expect(code).toBe(0)
    expect(answers).toEqual([
      { v: 1, type: 'pong', version: '9.9.9' },
      expect.objectContaining({ type: 'code', code: '996554' }),
    ])
  })

  it('refuses another extension with an error answer and exit 1, reading nothing', async () => {
    const { code, answers } = await session(
      ['chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/'],
      [encodeFrame(page('https://monex.co.jp/'))],
    )
    expect(code).toBe(1)
    expect(answers).toEqual([expect.objectContaining({ type: 'error', code: 'caller-not-allowed' })])
  })

  it('answers bad JSON and bad UTF-8 with an error and goes on', async () => {
    const raw = (body: Buffer) => Buffer.concat([lengthPrefix(body.length), body])
    const { code, answers } = await session(CHROME_CALLER, [
      raw(Buffer.from('{not json')),
      raw(Buffer.from([0x22, 0xff, 0x22])),
      encodeFrame({ v: 1, type: 'ping' }),
    ])
    expect(code).toBe(0)
    expect(answers).toEqual([
      expect.objectContaining({ type: 'error', code: 'bad-json' }),
      expect.objectContaining({ type: 'error', code: 'bad-json' }),
      expect.objectContaining({ type: 'pong' }),
    ])
  })

  it('answers a frame over the limit with an error and exits 1 without reading its body', async () => {
    const { code, answers } = await session(CHROME_CALLER, [
      lengthPrefix(MAX_BROWSER_MESSAGE_BYTES + 1),
      Buffer.from('{}'),
    ])
    expect(code).toBe(1)
    expect(answers).toEqual([expect.objectContaining({ type: 'error', code: 'message-too-large' })])
  })

  it('ends quietly (exit 0) when the browser closed its end before the answer was written', async () => {
    const stdin = new PassThrough()
    stdin.end(encodeFrame({ v: 1, type: 'ping' }))
    const code = await runHostSession({
      args: CHROME_CALLER,
      input: stdin,
      write: () => Promise.reject(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })),
      deps: deps([]).d,
    })
    expect(code).toBe(0)
  })

  it('ends quietly on a partial frame (the browser went away)', async () => {
    const { code, answers } = await session(CHROME_CALLER, [encodeFrame({ v: 1, type: 'ping' }).subarray(0, 6)])
    expect(code).toBe(0)
    expect(answers).toEqual([])
  })
})

function lengthPrefix(n: number): Buffer {
  const b = Buffer.alloc(4)
  if (endianness() === 'LE') b.writeUInt32LE(n)
  else b.writeUInt32BE(n)
  return b
}
