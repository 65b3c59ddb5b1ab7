import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../electron/ipc/dispatch'
import type { Handlers } from '../../../electron/ipc/handlers'
import { InvalidSecretError } from '../../../shared/errors'
import { argParsers, CHANNEL_NAMES, type ChannelName } from '../../../shared/ipc/channels'

const ORIGINS = {}
const OURS = { url: 'warifu://app/index.html', isMainFrame: true }
const ID = '0123456789abcdef'
const SESSION = '0b5f3c1e-9a7d-4c2b-8e6f-1a2b3c4d5e6f'
const ENTRY = {
  secret: 'JBSWY3DPEHPK3PXP',
  issuer: 'A',
  label: 'b',
  algorithm: 'SHA1',
  digits: 6,
  type: 'totp',
  period: 30,
  counter: 0,
}

/** One valid argument list per channel: the parser accepts it (checked below). */
const GOOD: Record<ChannelName, unknown[]> = {
  'app:status': [],
  'accounts:list': [],
  'accounts:preview-uri': ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP'],
  'accounts:add-from-uri': ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP'],
  'accounts:preview-manual': [ENTRY],
  'accounts:add-manual': [ENTRY],
  'accounts:set-sites': [ID, ['monex.co.jp']],
  'accounts:site-suggestions': [],
  'accounts:dismiss-site-suggestion': [ID],
  'sites:check': ['https://monex.co.jp.account-verify.com/login'],
  'accounts:set-pinned': [ID, true],
  'accounts:set-tags': [ID, ['証券']],
  'settings:set-sort': ['recent'],
  'accounts:rename': [ID, { issuer: 'a', label: 'b' }],
  'accounts:move': [ID, 0],
  'accounts:remove': [ID],
  'accounts:deleted': [],
  'accounts:restore': [ID],
  'accounts:delete-forever': [ID],
  'accounts:reveal-secret': [ID],
  'accounts:undo-add': [ID],
  'accounts:qr-matrix': [ID],
  'codes:current': [],
  'codes:next-hotp': [ID],
  'clipboard:copy-code': [ID],
  'scan:open-image': [],
  'scan:prepare-screens': [],
  'backup:status': [],
  'backup:export': [{ format: 'aegis', password: 'correct horse' }],
  'backup:phone-codes': [],
  'import:add-files': [SESSION],
  'import:add-texts': [SESSION, ['otpauth-migration://offline?data=AA'], 'Screenshot'],
  'import:preview': [SESSION, 'pw'],
  'import:commit': [SESSION],
  'import:discard': [SESSION],
  'settings:get': [],
  'settings:set-language': ['ja'],
  'settings:update': [{ theme: 'dark', density: 'compact', clipboardSeconds: 60 }],
  'browser:status': [],
  'browser:connect': [['chrome', 'firefox']],
  'browser:remove-access': [],
  'browser:open-extension-folder': ['chromium'],
}

/** Arguments where null is a valid value (a new import; no password yet). */
const NULL_ALLOWED = new Set(['import:add-files 0', 'import:add-texts 0', 'import:preview 1'])

/** Argument lists every channel must refuse. */
function badArgs(channel: ChannelName): unknown[][] {
  const good = GOOD[channel]
  const bad: unknown[][] = [[...good, 'extra']]
  if (good.length > 0) bad.push(good.slice(0, -1))
  good.forEach((value, i) => {
    const wrongs: unknown[] = [null, undefined, {}, [], true, Object.create(null)]
    if (typeof value === 'string') wrongs.push(42, channel === 'sites:check' ? 'x'.repeat(300_000) : 'x'.repeat(10_000))
    if (value === ID) wrongs.push('../../etc/passwd', ID.toUpperCase(), `${ID}0`)
    if (typeof value === 'number') wrongs.push('0', -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY)
    if (channel === 'settings:set-language') wrongs.push('fr', 'JA')
    if (channel === 'settings:update') wrongs.push({ theme: 'sepia' }, { clipboardSeconds: 45 }, { density: 'dense' })
    if (value === SESSION) wrongs.push(SESSION.toUpperCase(), `${SESSION}0`, '../vault.json')
    if (channel === 'backup:export') {
      wrongs.push(
        { format: 'aegis', password: '' },
        { format: 'aegis', password: 'seven77' },
        { format: 'aegis' },
        { format: 'otpauth' },
        { format: 'otpauth', confirmPlain: 'yes' },
        { format: 'aegis-plain', confirmPlain: 1 },
        { format: 'ga-qr', confirmPlain: true },
        { format: 'aegis', password: 'x'.repeat(2000) },
      )
    }
    if (channel === 'import:add-texts' && i === 1) wrongs.push(Array(65).fill('a'), ['x'.repeat(1_000_001)], [42])
    if (channel === 'accounts:set-sites' && i === 1) {
      // An empty list is valid here (it clears the sites).
      wrongs.splice(
        wrongs.findIndex((w) => Array.isArray(w) && w.length === 0),
        1,
      )
      wrongs.push(Array(65).fill('a.jp'), [42], ['x'.repeat(3000)], 'monex.co.jp')
    }
    if (channel === 'accounts:set-pinned' && i === 1) {
      wrongs.splice(wrongs.indexOf(true), 1)
      wrongs.push('true', 1, 0)
    }
    if (channel === 'accounts:set-tags' && i === 1) {
      // An empty list is valid here (it clears the tags).
      wrongs.splice(
        wrongs.findIndex((w) => Array.isArray(w) && w.length === 0),
        1,
      )
      wrongs.push(Array(33).fill('a'), [42], ['x'.repeat(300)], '証券')
    }
    if (channel === 'settings:set-sort') wrongs.push('random', 'Manual', 'name ')
    if (NULL_ALLOWED.has(`${channel} ${i}`)) wrongs.splice(wrongs.indexOf(null), 1)
    for (const wrong of wrongs) {
      const args = [...good]
      args[i] = wrong
      bad.push(args)
    }
  })
  return bad
}

/** A handler table that records every call. */
function spyHandlers(): { handlers: Handlers; calls: string[] } {
  const calls: string[] = []
  const handlers = Object.fromEntries(
    CHANNEL_NAMES.map((name) => [
      name,
      (...args: unknown[]) => {
        calls.push(name)
        return Promise.resolve({ echoed: args })
      },
    ]),
  ) as unknown as Handlers
  return { handlers, calls }
}

describe('IPC dispatch', () => {
  it('covers every channel in the table', () => {
    expect(Object.keys(GOOD).sort()).toEqual([...CHANNEL_NAMES].sort())
  })

  it.each(CHANNEL_NAMES)('%s accepts its well-formed arguments', async (channel) => {
    const { handlers, calls } = spyHandlers()
    const result = await dispatch(handlers, channel, GOOD[channel], OURS, ORIGINS)
    expect(result.ok).toBe(true)
    expect(calls).toEqual([channel])
  })

  it.each(CHANNEL_NAMES)('%s rejects bad arguments with USAGE and never runs the handler', async (channel) => {
    const { handlers, calls } = spyHandlers()
    for (const args of badArgs(channel)) {
      const result = await dispatch(handlers, channel, args, OURS, ORIGINS)
      expect(result, JSON.stringify(args).slice(0, 200)).toMatchObject({ ok: false, error: { code: 'USAGE' } })
    }
    expect(calls).toEqual([])
  })

  it.each(CHANNEL_NAMES)('%s rejects an untrusted sender', async (channel) => {
    const { handlers, calls } = spyHandlers()
    const senders = [
      { url: 'https://evil.example/', isMainFrame: true },
      { url: 'file:///tmp/other.html', isMainFrame: true },
      { url: 'warifu://app/index.html', isMainFrame: false },
      { url: 'http://127.0.0.1:5173/', isMainFrame: true },
      { url: undefined, isMainFrame: true },
      { url: 'not a url', isMainFrame: true },
    ]
    for (const sender of senders) {
      const result = await dispatch(handlers, channel, GOOD[channel], sender, ORIGINS)
      expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } })
    }
    expect(calls).toEqual([])
  })

  it('trusts the dev server only when one is configured', async () => {
    const { handlers } = spyHandlers()
    const dev = { url: 'http://127.0.0.1:5173/index.html', isMainFrame: true }
    expect((await dispatch(handlers, 'accounts:list', [], dev, ORIGINS)).ok).toBe(false)
    const withDev = { ...ORIGINS, devOrigin: 'http://127.0.0.1:5173' }
    expect((await dispatch(handlers, 'accounts:list', [], dev, withDev)).ok).toBe(true)
    const other = { url: 'http://127.0.0.1:5174/', isMainFrame: true }
    expect((await dispatch(handlers, 'accounts:list', [], other, withDev)).ok).toBe(false)
  })

  it('refuses an unknown channel', async () => {
    const { handlers } = spyHandlers()
    expect(await dispatch(handlers, 'fs:read', [], OURS, ORIGINS)).toMatchObject({
      ok: false,
      error: { code: 'USAGE' },
    })
    expect(await dispatch(handlers, '__proto__', [], OURS, ORIGINS)).toMatchObject({ ok: false })
  })

  it('passes an AppError through as its code and message', async () => {
    const handlers = {
      'accounts:list': () => Promise.reject(new InvalidSecretError('The secret is not valid base32.')),
    } as unknown as Handlers
    expect(await dispatch(handlers, 'accounts:list', [], OURS, ORIGINS)).toEqual({
      ok: false,
      error: { code: 'INVALID_SECRET', message: 'The secret is not valid base32.' },
    })
  })

  it('hides the details of any other error, logging only its name', async () => {
    const logged: string[] = []
    const handlers = {
      'accounts:list': () => Promise.reject(new TypeError('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP leaked')),
    } as unknown as Handlers
    const result = await dispatch(handlers, 'accounts:list', [], OURS, ORIGINS, (c, n) => logged.push(`${c} ${n}`))
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(result)).not.toContain('JBSWY3DP')
    expect(logged).toEqual(['accounts:list TypeError'])
  })

  it('parses without throwing anything but typed errors on hostile input', () => {
    for (const channel of CHANNEL_NAMES) {
      for (const raw of [null, undefined, 'text', 7, { length: 1 }] as unknown[]) {
        try {
          argParsers[channel](raw as unknown[])
        } catch (error) {
          expect((error as { code?: string }).code).toBe('USAGE')
        }
      }
    }
  })
})
