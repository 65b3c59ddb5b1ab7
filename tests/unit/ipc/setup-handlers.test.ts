/**
 * The scan result's channels: add-from-uri with typed names (both empty refused), accounts:undo-add
 * (only this session's own add, only for UNDO_ADD_MS, for good), and accounts:qr-matrix (one account as a
 * QR code, only after main's own dialog said yes).
 */
import jsQR from 'jsqr'
import { beforeEach, describe, expect, it } from 'vitest'
import type { ConfirmRequest } from '../../../electron/app/native-confirm'
import { VaultHolder } from '../../../electron/app/vault-holder'
import type { Handlers } from '../../../electron/ipc/handlers'
import { UNDO_ADD_MS } from '../../../electron/ipc/undo-add'
import { Vault } from '../../../electron/vault/vault'
import type { QrMatrix } from '../../../shared/backup/preview'
import { parseOtpUri } from '../../../shared/otp/uri'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'
import { channelCaller, handlerTable } from './handler-table'

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
const BROKER = `otpauth://totp/Monex:taro?secret=${SECRET}&issuer=Monex`
const NAMELESS = `otpauth://totp/?secret=${SECRET}`
const T = Date.parse('2026-11-24T09:00:00Z')

/** Reads a QR matrix back with jsqr (an independent decoder), 4 px a module with a quiet zone. */
function readMatrix(m: QrMatrix): string | undefined {
  const scale = 4
  const side = (m.size + 8) * scale
  const data = new Uint8ClampedArray(side * side * 4)
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scale) - 4
      const my = Math.floor(y / scale) - 4
      const dark = mx >= 0 && my >= 0 && mx < m.size && my < m.size && m.modules[my * m.size + mx] === 1
      data.fill(dark ? 0 : 255, (y * side + x) * 4, (y * side + x) * 4 + 3)
      data[(y * side + x) * 4 + 3] = 255
    }
  }
  return jsQR(data, side, side)?.data
}

describe('the scan result channels', () => {
  const tempDir = useTempDir()
  let dir: string
  let store: MemorySecretStore
  let now: number
  let answer: boolean
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
        return Promise.resolve(answer)
      },
    })
  })

  const { value, errorOf } = channelCaller(() => handlers)

  it('saves a scanned account under the names typed on the scan result, cleaned', async () => {
    const a = await value('accounts:add-from-uri', NAMELESS, [], { issuer: ' マネックス証券 ', label: 'taro\u202e' })
    expect(a).toMatchObject({ issuer: 'マネックス証券', label: 'taro' })
    expect(store.secretOf(a.id)).toBe(SECRET)
  })

  it('refuses a scanned account with neither an issuer nor a name (INVALID_ACCOUNT, nothing saved)', async () => {
    expect(await errorOf('accounts:add-from-uri', NAMELESS)).toBe('INVALID_ACCOUNT')
    expect(await errorOf('accounts:add-from-uri', BROKER, [], { issuer: '', label: ' ' })).toBe('INVALID_ACCOUNT')
    expect(await errorOf('accounts:add-from-uri', BROKER, [], { issuer: 1, label: '' })).toBe('USAGE')
    expect(await value('accounts:list')).toEqual([])
    expect(store.entries.size).toBe(0)
    // Names left out by the bridge still arrive as a trailing undefined: the QR's own names are kept.
    expect(await value('accounts:add-from-uri', BROKER, undefined, undefined)).toMatchObject({ issuer: 'Monex' })
  })

  it('undoes its own add of a moment ago for good, keychain entry included, without asking', async () => {
    const other = await value('accounts:add-from-uri', BROKER.replace('taro', 'hanako'))
    const a = await value('accounts:add-from-uri', BROKER)
    now += UNDO_ADD_MS
    expect((await value('accounts:undo-add', a.id)).map((s) => s.id)).toEqual([other.id])
    expect(store.secretOf(a.id)).toBeUndefined()
    expect(await value('accounts:deleted')).toEqual([])
    expect(asked).toEqual([])
    // Once only.
    expect(await errorOf('accounts:undo-add', a.id)).toBe('ACCOUNT_NOT_FOUND')
  })

  it('refuses to undo an add older than UNDO_ADD_MS, or one this session did not make from a scan', async () => {
    const late = await value('accounts:add-from-uri', BROKER)
    const typed = await value('accounts:add-manual', {
      secret: 'JBSWY3DPEHPK3PXP',
      issuer: 'Bank',
      label: 'h',
      algorithm: 'SHA1',
      digits: 6,
      type: 'totp',
      period: 30,
      counter: 0,
    })
    const before = await (
      await new VaultHolder(() => Vault.open({ dir, store, now: () => now })).get()
    ).add(parseOtpUri('otpauth://totp/CLI:x?secret=JBSWY3DPEHPK3PXQ'))
    now += UNDO_ADD_MS + 1
    for (const id of [late.id, typed.id, before.id, '0123456789abcdef']) {
      expect(await errorOf('accounts:undo-add', id)).toBe('ACCOUNT_NOT_FOUND')
    }
    expect((await value('accounts:list')).map((a) => a.id).sort()).toEqual([late.id, typed.id, before.id].sort())
    expect(store.entries.size).toBe(3)
  })

  it('shows one account as a QR code only after main’s own dialog, naming it, said yes', async () => {
    const a = await value('accounts:add-from-uri', BROKER)
    expect(await errorOf('accounts:qr-matrix', a.id)).toBe('NOT_CONFIRMED')
    expect(asked).toEqual([{ kind: 'account-qr', accounts: [{ issuer: 'Monex', label: 'taro' }] }])
    answer = true
    const matrix = await value('accounts:qr-matrix', a.id)
    const text = readMatrix(matrix)
    expect(text).toBeDefined()
    expect(parseOtpUri(text!)).toEqual(parseOtpUri(BROKER))
    // Unknown accounts fail before any dialog.
    asked = []
    expect(await errorOf('accounts:qr-matrix', '0123456789abcdef')).toBe('ACCOUNT_NOT_FOUND')
    expect(asked).toEqual([])
  })
})
