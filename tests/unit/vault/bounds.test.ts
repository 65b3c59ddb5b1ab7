import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import { MAX_HOTP_COUNTER, type OtpParams } from '../../../shared/otp/account'
import { hotpCode } from '../../../shared/otp/codes'
import { parseOtpUri } from '../../../shared/otp/uri'
import { serializeMetadata, type AccountRecord, type MetadataFile } from '../../../electron/vault/metadata'
import { Vault } from '../../../electron/vault/vault'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
const hotpAt = (counter: number): OtpParams => ({
  type: 'hotp',
  secret: SECRET,
  issuer: 'Bank',
  label: 'h',
  algorithm: 'SHA1',
  digits: 6,
  counter,
})
const record: AccountRecord = {
  id: '0123456789abcdef',
  type: 'hotp',
  issuer: 'Bank',
  label: 'h',
  algorithm: 'SHA1',
  digits: 6,
  counter: 1,
  sites: [],
  createdAt: '2026-01-01T00:00:00.000Z',
}
const fileWith = (r: AccountRecord): MetadataFile => ({ format: 'warifu-vault', version: 1, accounts: [r] })

function codeOf(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (error instanceof AppError) return error.code
    throw error
  }
  return 'no error'
}

async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof AppError) return error.code
    throw error
  }
  return 'no error'
}

describe('vault bounds', () => {
  const tempDir = useTempDir()
  const open = (dir: string, store: MemorySecretStore) => Vault.open({ dir, store, now: () => 1_700_000_000_000 })

  it('refuses the next code at counter 2^53-1 and the vault still opens (it used to write 2^53 and brick it)', async () => {
    const dir = tempDir()
    const store = new MemorySecretStore()
    const vault = await open(dir, store)
    const uri = `otpauth://hotp/Bank:h?secret=${SECRET}&counter=${MAX_HOTP_COUNTER}`
    const account = await vault.add(parseOtpUri(uri))
    expect(await rejectionCode(vault.nextHotp(account.id))).toBe('INVALID_COUNTER')
    const reopened = await open(dir, store)
    expect(reopened.get(account.id)).toMatchObject({ type: 'hotp', counter: MAX_HOTP_COUNTER })
  })

  it('gives the last code below the bound, then refuses', async () => {
    const dir = tempDir()
    const store = new MemorySecretStore()
    const vault = await open(dir, store)
    const account = await vault.add(hotpAt(MAX_HOTP_COUNTER - 1))
    const next = await vault.nextHotp(account.id)
    expect(next.counter).toBe(MAX_HOTP_COUNTER - 1)
    expect(next.code).toBe(hotpCode(hotpAt(0), MAX_HOTP_COUNTER - 1))
    expect(await rejectionCode(vault.nextHotp(account.id))).toBe('INVALID_COUNTER')
    expect((await open(dir, store)).get(account.id)).toMatchObject({ counter: MAX_HOTP_COUNTER })
  })

  it('refuses a counter past 2^53-1 from the form or a URI', () => {
    expect(codeOf(() => parseOtpUri(`otpauth://hotp/x?secret=${SECRET}&counter=9007199254740992`))).toBe(
      'INVALID_COUNTER',
    )
  })

  it.each([
    ['a counter of 2^53', { ...record, counter: 2 ** 53 }],
    ['a negative counter', { ...record, counter: -1 }],
    ['a fractional counter', { ...record, counter: 1.5 }],
    ['a right-to-left override in a name', { ...record, issuer: '\u202emoc.xenom' }],
    ['a control character in a name', { ...record, label: 'a\nb' }],
    ['11 digits', { ...record, digits: 11 }],
    ['a bad id', { ...record, id: 'x' }],
  ] as [string, AccountRecord][])('writes nothing with %s (VAULT_WRITE_REFUSED)', async (_name, bad) => {
    const dir = tempDir()
    const store = new MemorySecretStore()
    const vault = await open(dir, store)
    await vault.add(hotpAt(3))
    const before = readFileSync(join(dir, 'vault.json'), 'utf8')
    expect(codeOf(() => serializeMetadata(fileWith(bad)))).toBe('VAULT_WRITE_REFUSED')
    expect(readFileSync(join(dir, 'vault.json'), 'utf8')).toBe(before)
  })

  it('stores names cleaned of bidi overrides and controls', async () => {
    const dir = tempDir()
    const store = new MemorySecretStore()
    const vault = await open(dir, store)
    const added = await vault.add({ ...hotpAt(0), issuer: '\u202emoc.xenom\u202c', label: 'taro\u0085\u001b[2J' })
    expect(added).toMatchObject({ issuer: 'moc.xenom', label: 'taro [2J' })
    expect(readFileSync(join(dir, 'vault.json'), 'utf8')).not.toMatch(
      /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/,
    )
  })

  it('opens a file an older Warifu wrote with a bidi override in a name, showing it cleaned', async () => {
    const dir = tempDir()
    const store = new MemorySecretStore()
    await store.set(record.id, SECRET)
    const raw = { format: 'warifu-vault', version: 1, accounts: [{ ...record, issuer: 'Ba\u202enk' }] }
    writeFileSync(join(dir, 'vault.json'), JSON.stringify(raw))
    const vault = await open(dir, store)
    expect(vault.get(record.id).issuer).toBe('Bank')
  })
})
