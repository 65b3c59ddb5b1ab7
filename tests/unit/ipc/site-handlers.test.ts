import { beforeEach, describe, expect, it } from 'vitest'
import type { Handlers } from '../../../electron/ipc/handlers'
import { knownSites } from '../../../electron/ipc/site-handlers'
import type { ManualEntry } from '../../../shared/ipc/channels'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'
import { channelCaller, handlerTable } from './handler-table'

const MONEX_URI =
  'otpauth://totp/%E3%83%9E%E3%83%8D%E3%83%83%E3%82%AF%E3%82%B9%E8%A8%BC%E5%88%B8:taro?secret=JBSWY3DPEHPK3PXP&issuer=%E3%83%9E%E3%83%8D%E3%83%83%E3%82%AF%E3%82%B9%E8%A8%BC%E5%88%B8'
const OTHER_URI = 'otpauth://totp/Nowhere:me?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Nowhere%20Widgets'

const manual = (over: Partial<ManualEntry> = {}): ManualEntry => ({
  secret: 'KRSX G5CT MVRX EZLU',
  issuer: 'Monex',
  label: 'hanako',
  algorithm: 'SHA1',
  digits: 6,
  type: 'totp',
  period: 30,
  counter: 0,
  ...over,
})

describe('the site channels', () => {
  const tempDir = useTempDir()
  let dir: string
  let store: MemorySecretStore
  let handlers: Handlers

  beforeEach(() => {
    dir = tempDir()
    store = new MemorySecretStore()
    handlers = handlerTable(dir, store, {
      locale: () => 'ja-JP',
    })
  })

  const { value, errorOf: code } = channelCaller(() => handlers)

  it('proposes the known service\u2019s site in a scan or typed preview, and nothing for an unknown issuer', async () => {
    expect((await value('accounts:preview-uri', MONEX_URI)).suggestedSites).toEqual(['monex.co.jp'])
    expect((await value('accounts:preview-manual', manual())).suggestedSites).toEqual(['monex.co.jp'])
    expect((await value('accounts:preview-uri', OTHER_URI)).suggestedSites).toEqual([])
  })

  it('saves the sites the user kept with the account, in the same add', async () => {
    const a = await value('accounts:add-from-uri', MONEX_URI, ['https://www.monex.co.jp/login'])
    expect(a.sites).toEqual(['monex.co.jp'])
    const b = await value('accounts:add-manual', manual(), ['monex.co.jp', 'MONEX.CO.JP'])
    expect(b.sites).toEqual(['monex.co.jp'])
    // Without the argument (an older page): no sites.
    expect((await value('accounts:add-from-uri', OTHER_URI)).sites).toEqual([])
    expect((await value('accounts:list')).map((x) => x.sites)).toEqual([['monex.co.jp'], ['monex.co.jp'], []])
  })

  it('refuses a bad site on add with INVALID_SITE and saves nothing', async () => {
    expect(await code('accounts:add-from-uri', MONEX_URI, ['co.jp'])).toBe('INVALID_SITE')
    expect(await code('accounts:add-manual', manual(), ['127.0.0.1'])).toBe('INVALID_SITE')
    expect(await code('accounts:add-from-uri', MONEX_URI, 'monex.co.jp')).toBe('USAGE')
    expect(await code('accounts:add-from-uri', MONEX_URI, [42])).toBe('USAGE')
    expect(await value('accounts:list')).toEqual([])
    expect(store.entries.size).toBe(0)
  })

  it('accounts:set-sites replaces the sites, parsed in main; bad input changes nothing', async () => {
    const { id } = await value('accounts:add-from-uri', MONEX_URI)
    const saved = await value('accounts:set-sites', id, ['https://www.monex.co.jp/', 'monex.com'])
    expect(saved).toMatchObject({ id, sites: ['monex.co.jp', 'monex.com'] })
    expect(await code('accounts:set-sites', id, ['monex.co.jp', 'evil..example'])).toBe('INVALID_SITE')
    const seventeen = Array.from({ length: 17 }, (_, i) => `s${i}.com`)
    expect(await code('accounts:set-sites', id, seventeen)).toBe('INVALID_SITE')
    expect(await code('accounts:set-sites', id, Array(65).fill('a.com'))).toBe('USAGE')
    expect(await code('accounts:set-sites', id, 'monex.co.jp')).toBe('USAGE')
    expect(await code('accounts:set-sites', 'fedcba9876543210', ['monex.co.jp'])).toBe('ACCOUNT_NOT_FOUND')
    expect((await value('accounts:list'))[0]!.sites).toEqual(['monex.co.jp', 'monex.com'])
    expect((await value('accounts:set-sites', id, [])).sites).toEqual([])
  })

  it('suggests sites once for existing accounts with a known issuer and no sites, until dismissed', async () => {
    const monex = await value('accounts:add-from-uri', MONEX_URI)
    await value('accounts:add-from-uri', OTHER_URI)
    const withSite = await value('accounts:add-manual', manual(), ['monex.co.jp'])
    expect(await value('accounts:site-suggestions')).toEqual([{ id: monex.id, sites: ['monex.co.jp'] }])
    await value('accounts:dismiss-site-suggestion', monex.id)
    expect(await value('accounts:site-suggestions')).toEqual([])
    expect(await code('accounts:dismiss-site-suggestion', 'not-an-id')).toBe('USAGE')
    expect(await code('accounts:dismiss-site-suggestion', 'fedcba9876543210')).toBe('ACCOUNT_NOT_FOUND')
    expect(withSite.sites).toEqual(['monex.co.jp'])
  })

  it('sites:check compares with every live account\u2019s sites, grouped by site', async () => {
    const a = await value('accounts:add-from-uri', MONEX_URI, ['monex.co.jp'])
    await value('accounts:add-manual', manual(), ['monex.co.jp'])
    const fake = await value('sites:check', 'https://monex.co.jp.account-verify.com/login')
    expect(fake.worst).toBe('lookalike')
    expect(fake.findings[0]).toMatchObject({ site: 'monex.co.jp' })
    const real = await value('sites:check', 'https://www.monex.co.jp/')
    expect(real.worst).toBe('yours')
    expect(real.findings[0]!.accounts).toHaveLength(2)
    // A deleted account's sites are not "yours" any more.
    await value('accounts:remove', a.id)
    expect((await value('sites:check', 'https://www.monex.co.jp/')).findings[0]!.accounts).toHaveLength(1)
    expect(await code('sites:check', 'x'.repeat(256 * 1024 + 1))).toBe('USAGE')
    expect(await code('sites:check', 42)).toBe('USAGE')
  })

  it('knownSites groups accounts by site in list order', () => {
    const summary = (issuer: string, sites: string[]) =>
      ({ issuer, label: '', sites }) as unknown as Parameters<typeof knownSites>[0][number]
    expect(knownSites([summary('A', ['a.com', 'b.com']), summary('B', ['b.com'])])).toEqual([
      { site: 'a.com', accounts: [{ issuer: 'A', label: '' }] },
      {
        site: 'b.com',
        accounts: [
          { issuer: 'A', label: '' },
          { issuer: 'B', label: '' },
        ],
      },
    ])
  })
})
