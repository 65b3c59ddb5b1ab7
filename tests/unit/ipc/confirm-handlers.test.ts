/**
 * Disclosure and deletion are decided by main's own confirmation (deps.confirm), never by the page:
 * a refusal changes nothing and nothing secret reaches the renderer unless confirm said true.
 * Also the "Recently deleted" channels.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import type { ConfirmRequest } from '../../../electron/app/native-confirm'
import type { Handlers } from '../../../electron/ipc/handlers'
import { METADATA_FILE } from '../../../electron/vault/paths'
import { Vault } from '../../../electron/vault/vault'
import { CHANNEL_NAMES, type ChannelName } from '../../../shared/ipc/channels'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'
import { channelCaller, handlerTable } from './handler-table'

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
const BROKER = `otpauth://totp/Monex:taro?secret=${SECRET}&issuer=Monex`
const BANK = 'otpauth://totp/Bank:hanako?secret=JBSWY3DPEHPK3PXP&issuer=Bank'
const T = Date.parse('2026-11-24T09:00:00Z')
const manualBank = {
  secret: 'JBSWY3DPEHPK3PXP',
  issuer: 'Bank',
  label: 'hanako',
  algorithm: 'SHA1',
  digits: 6,
  type: 'totp',
  period: 30,
  counter: 0,
}
const DAY = 24 * 60 * 60 * 1000

describe('confirmed actions in the handler table', () => {
  const tempDir = useTempDir()
  let dir: string
  let store: MemorySecretStore
  let now: number
  let answer: boolean | 'throw'
  let asked: ConfirmRequest[]
  let handlers: Handlers

  beforeEach(() => {
    dir = tempDir()
    store = new MemorySecretStore()
    now = T
    answer = false
    asked = []
    handlers = handlerTable(dir, store, {
      now: () => now,
      confirm: (request) => {
        asked.push(request)
        return answer === 'throw' ? Promise.reject(new Error('dialog failed')) : Promise.resolve(answer)
      },
    })
  })

  const { call, value } = channelCaller(() => handlers)
  const metadata = () => readFileSync(join(dir, METADATA_FILE), 'utf8')
  const NOT_CONFIRMED = { ok: false, error: { code: 'NOT_CONFIRMED' } }

  it('reveals a secret only when main’s confirmation says yes, naming the account', async () => {
    const { id } = await value('accounts:add-from-uri', BROKER)
    const refused = await call('accounts:reveal-secret', id)
    expect(refused).toMatchObject(NOT_CONFIRMED)
    expect(JSON.stringify(refused)).not.toContain(SECRET)
    expect(asked).toEqual([{ kind: 'reveal-secret', accounts: [{ issuer: 'Monex', label: 'taro' }] }])

    answer = 'throw'
    const failed = await call('accounts:reveal-secret', id)
    expect(failed).toMatchObject(NOT_CONFIRMED)
    expect(JSON.stringify(failed)).not.toContain(SECRET)

    answer = true
    expect(await value('accounts:reveal-secret', id)).toEqual({ secret: SECRET })
  })

  it('asks nothing for an account that does not exist', async () => {
    answer = true
    expect(await call('accounts:reveal-secret', '0123456789abcdef')).toMatchObject({
      error: { code: 'ACCOUNT_NOT_FOUND' },
    })
    expect(await call('accounts:remove', '0123456789abcdef')).toMatchObject({ error: { code: 'ACCOUNT_NOT_FOUND' } })
    expect(await call('accounts:delete-forever', '0123456789abcdef')).toMatchObject({
      error: { code: 'ACCOUNT_NOT_FOUND' },
    })
    expect(asked).toEqual([])
  })

  it('gives the phone codes only after main’s confirmation, naming the accounts they carry', async () => {
    await value('accounts:add-from-uri', BROKER)
    await value('accounts:add-from-uri', BANK)
    const refused = await call('backup:phone-codes')
    expect(refused).toMatchObject(NOT_CONFIRMED)
    expect(JSON.stringify(refused)).not.toContain('codes')
    expect(asked).toEqual([
      {
        kind: 'phone-codes',
        accounts: [
          { issuer: 'Monex', label: 'taro' },
          { issuer: 'Bank', label: 'hanako' },
        ],
      },
    ])
    answer = true
    expect((await value('backup:phone-codes')).exported).toBe(2)
  })

  it('removes only after main’s confirmation; a refusal changes nothing', async () => {
    const a = await value('accounts:add-from-uri', BROKER)
    const before = metadata()
    expect(await call('accounts:remove', a.id)).toMatchObject(NOT_CONFIRMED)
    expect(metadata()).toBe(before)
    expect((await value('accounts:list')).map((x) => x.id)).toEqual([a.id])
    expect(asked).toEqual([{ kind: 'remove', accounts: [{ issuer: 'Monex', label: 'taro' }] }])

    answer = true
    expect(await value('accounts:remove', a.id)).toEqual([])
    expect(store.secretOf(a.id)).toBe(SECRET)
    expect(await value('accounts:deleted')).toEqual([{ ...a, deletedAt: new Date(T).toISOString(), daysLeft: 30 }])
  })

  it('undoes a removal without asking, and deletes forever only after main’s confirmation', async () => {
    const a = await value('accounts:add-from-uri', BROKER)
    const b = await value('accounts:add-from-uri', BANK)
    answer = true
    await value('accounts:remove', a.id)
    await value('accounts:remove', b.id)
    asked = []
    answer = false
    expect((await value('accounts:restore', a.id)).map((x) => x.id)).toEqual([a.id])
    expect(asked).toEqual([])

    const before = metadata()
    expect(await call('accounts:delete-forever', b.id)).toMatchObject(NOT_CONFIRMED)
    expect(metadata()).toBe(before)
    expect(store.secretOf(b.id)).toBeDefined()
    expect(asked).toEqual([{ kind: 'delete-forever', accounts: [{ issuer: 'Bank', label: 'hanako' }] }])

    answer = true
    expect(await value('accounts:delete-forever', b.id)).toEqual([])
    expect(store.secretOf(b.id)).toBeUndefined()
    // Only what is in Recently deleted can be deleted for good.
    expect(await call('accounts:delete-forever', a.id)).toMatchObject({ error: { code: 'ACCOUNT_NOT_FOUND' } })
    expect(store.secretOf(a.id)).toBeDefined()
  })

  it('keeps deleted accounts out of codes, copies, exports and the backup reminder', async () => {
    const a = await value('accounts:add-from-uri', BROKER)
    const b = await value('accounts:add-from-uri', BANK)
    answer = true
    await value('accounts:remove', a.id)
    expect((await value('codes:current')).map((c) => c.id)).toEqual([b.id])
    expect(await call('clipboard:copy-code', a.id)).toMatchObject({ error: { code: 'ACCOUNT_NOT_FOUND' } })
    expect(await call('codes:next-hotp', a.id)).toMatchObject({ error: { code: 'ACCOUNT_NOT_FOUND' } })
    expect(await value('backup:phone-codes')).toMatchObject({ exported: 1 })
    expect(asked.at(-1)).toEqual({ kind: 'phone-codes', accounts: [{ issuer: 'Bank', label: 'hanako' }] })
    expect(await value('backup:status')).toMatchObject({ addedSinceBackup: 1 })
  })

  it('lets no secret out through any channel while main’s confirmation says no', async () => {
    const a = await value('accounts:add-from-uri', BROKER)
    const gone = await value('accounts:add-manual', {
      secret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU',
      issuer: 'Gone',
      label: 'x',
      algorithm: 'SHA1',
      digits: 6,
      type: 'totp',
      period: 30,
      counter: 0,
    })
    // Undo of a fresh scan deletes its account for good: it gets one of its own, not `a`.
    const undone = await value(
      'accounts:add-from-uri',
      'otpauth://totp/Undo:x?secret=GEZDGNBVGY3TQOJQGEZDGNBV&issuer=Undo',
    )
    answer = true
    await value('accounts:remove', gone.id)
    answer = false
    const session = '0b5f3c1e-9a7d-4c2b-8e6f-1a2b3c4d5e6f'
    // Every channel, so a new one must be added here (and thought about) to pass the typecheck.
    const calls: Record<ChannelName, unknown[]> = {
      'app:status': [],
      'accounts:list': [],
      'accounts:preview-uri': [BANK],
      'accounts:add-from-uri': [BANK],
      'accounts:preview-manual': [{ ...manualBank }],
      'accounts:add-manual': [{ ...manualBank }],
      'accounts:set-sites': [a.id, ['monex.co.jp']],
      'accounts:site-suggestions': [],
      'accounts:dismiss-site-suggestion': [a.id],
      'sites:check': ['https://monex.co.jp.account-verify.com/'],
      'accounts:set-pinned': [a.id, true],
      'accounts:set-tags': [a.id, ['証券']],
      'settings:set-sort': ['name'],
      'accounts:rename': [a.id, { issuer: 'Monex', label: 'taro' }],
      'accounts:move': [a.id, 0],
      'accounts:remove': [a.id],
      'accounts:deleted': [],
      'accounts:restore': [gone.id],
      'accounts:delete-forever': [a.id],
      'accounts:reveal-secret': [a.id],
      'accounts:undo-add': [undone.id],
      'accounts:qr-matrix': [a.id],
      'codes:current': [],
      'codes:next-hotp': [a.id],
      'clipboard:copy-code': [a.id],
      'scan:open-image': [],
      'scan:prepare-screens': [],
      'backup:status': [],
      'backup:export': [{ format: 'otpauth', confirmPlain: true }],
      'backup:phone-codes': [],
      'import:add-files': [null],
      'import:add-texts': [null, [BROKER], 'Pasted'],
      'import:preview': [session, null],
      'import:commit': [session],
      'import:discard': [session],
      'settings:get': [],
      'settings:set-language': ['en'],
      'settings:update': [{ theme: 'dark' }],
      'browser:status': [],
      'browser:connect': [['chrome']],
      'browser:remove-access': [],
      'browser:open-extension-folder': ['chromium'],
    }
    const secrets = [SECRET, 'JBSWY3DPEHPK3PXP', 'KRSXG5CTMVRXEZLU', 'GEZDGNBVGY3TQOJQ']
    for (const channel of CHANNEL_NAMES) {
      const result = JSON.stringify(await call(channel, ...calls[channel]))
      for (const secret of secrets) expect(result, channel).not.toContain(secret)
    }
    expect(await call('backup:phone-codes')).toMatchObject(NOT_CONFIRMED)
    expect(await call('accounts:reveal-secret', a.id)).toMatchObject(NOT_CONFIRMED)
    expect(await call('accounts:qr-matrix', a.id)).toMatchObject(NOT_CONFIRMED)
    expect(new Set(asked.map((r) => r.kind))).toEqual(new Set(['reveal-secret', 'phone-codes', 'account-qr', 'remove']))
  })

  it('counts days left at main’s clock and purges after 30 days when the vault is next opened', async () => {
    const a = await value('accounts:add-from-uri', BROKER)
    answer = true
    await value('accounts:remove', a.id)
    now = T + 20 * DAY
    expect((await value('accounts:deleted')).map((d) => d.daysLeft)).toEqual([10])
    now = T + 30 * DAY
    // The next process (or start) to open the vault purges it.
    await Vault.open({ dir, store, now: () => now })
    expect(await value('accounts:deleted')).toEqual([])
    expect(store.secretOf(a.id)).toBeUndefined()
  })
})
