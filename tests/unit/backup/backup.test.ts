import { createDecipheriv, scryptSync } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readAegisEncrypted, writeAegisEncrypted } from '../../../electron/backup/aegis-encrypted'
import { commitImport, exportBackup, previewImport, backupStatus } from '../../../electron/backup/index'
import { Vault } from '../../../electron/vault/vault'
import { readAegisFile } from '../../../shared/formats/aegis'
import { AppError } from '../../../shared/errors'
import type { OtpParams } from '../../../shared/otp/account'
import { MemorySecretStore } from '../../support/memory-secret-store'

const projectRoot = path.resolve(__dirname, '..', '..', '..')
const fixtures = path.join(path.resolve(projectRoot, '..', 'shared', 'formats'), 'aegis-test-fixtures')
const hasFixtures = existsSync(fixtures)
const FAST = { n: 1024, r: 8, p: 1 }

const ACCOUNTS: OtpParams[] = [
  {
    type: 'totp',
    secret: 'JBSWY3DPEHPK3PXP',
    issuer: 'ACME',
    label: 'alice',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  },
  {
    type: 'totp',
    secret: 'GEZDGNBVGY3TQOJQ',
    issuer: 'Monex',
    label: 'taro',
    algorithm: 'SHA256',
    digits: 8,
    period: 60,
  },
  {
    type: 'hotp',
    secret: 'KUVJJOM753IHTNDSZVCNKL7GII',
    issuer: '',
    label: 'x:y',
    algorithm: 'SHA1',
    digits: 6,
    counter: 7,
  },
]

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'warifu-backup-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function vaultWith(accounts: OtpParams[], sub = 'vault'): Promise<Vault> {
  const vault = await Vault.open({ dir: path.join(dir, sub), store: new MemorySecretStore() })
  await vault.addMany(accounts)
  return vault
}

const strip = (a: OtpParams) => a
const paramsOf = (v: Vault) => v.list().map((a) => strip(v.params(a.id)))

describe.skipIf(!hasFixtures)('importers against the Aegis test fixtures', () => {
  const truth = () => readAegisFile(readFileSync(path.join(fixtures, 'aegis_plain.json'), 'utf8'))
  const key = (a: OtpParams) => JSON.stringify(a)
  it.each([
    'aegis_plain.json',
    'aegis_encrypted.json',
    '2fas_authenticator_plain_v3.2fas',
    '2fas_authenticator_plain_v4.2fas',
    '2fas_authenticator_encrypted_v3.2fas',
    '2fas_authenticator_encrypted_v4.2fas',
    'ente_auth.txt',
    'plain.txt',
  ])('reads %s to the accounts of aegis_plain.json', async (name) => {
    const expected = truth()
    expect(expected.kind).toBe('plain')
    const vault = await vaultWith([])
    const preview = await previewImport(vault, [{ kind: 'file', path: path.join(fixtures, name) }], {
      password: 'test',
    })
    const added = await commitImport(vault, preview)
    const { aegisEntries } = await import('../../../shared/formats/aegis')
    const want = aegisEntries((expected as { content: unknown }).content)
      .accounts.map(key)
      .sort()
    const got = added.map((a) => key(vault.params(a.id))).sort()
    // The v4 2FAS files hold 4 of the 6 standard accounts; every one must match the ground truth.
    if (name.includes('v4')) expect(got.every((g) => want.includes(g)) && got.length === 4).toBe(true)
    else expect(got).toEqual(want)
    // The Steam entry is listed with a reason, never dropped silently.
    expect(preview.rejected.some((r) => r.code === 'UNSUPPORTED_TYPE' && r.issuer === 'Boeing')).toBe(
      !name.includes('v3'),
    )
  })
  it('lists every fixture folder file it does not read', () => {
    console.info(
      `fixtures not imported (other apps' formats): ${readdirSync(fixtures)
        .filter((f) => /bitwarden|proton/.test(f))
        .join(', ')}`,
    )
  })
  it('rejects the encrypted fixture with a wrong password', async () => {
    const vault = await vaultWith([])
    await expect(
      previewImport(vault, [{ kind: 'file', path: path.join(fixtures, 'aegis_encrypted.json') }], { password: 'nope' }),
    ).rejects.toMatchObject({ code: 'BACKUP_WRONG_PASSWORD' })
  })
})
if (!hasFixtures) console.warn(`Skipping fixture tests: ${fixtures} is absent.`)

describe('exportBackup round trips', () => {
  it.each(['aegis', 'aegis-plain', 'otpauth'] as const)(
    'vault -> %s -> empty vault gives the same accounts',
    async (format) => {
      const source = await vaultWith(ACCOUNTS)
      const outPath = path.join(dir, `out-${format}`)
      const result = await exportBackup(source, {
        format,
        outPath,
        password: 'pw',
        confirmPlain: true,
        testOnlyScryptCost: FAST,
      })
      expect(result.exported).toBe(3)
      expect((await stat(outPath)).mode & 0o777).toBe(0o600)
      expect(source.lastBackupAt).toBeDefined()
      const target = await vaultWith([], 'target')
      await commitImport(target, await previewImport(target, [{ kind: 'file', path: outPath }], { password: 'pw' }))
      expect(paramsOf(target)).toEqual(ACCOUNTS)
    },
  )
  it('writes GA QR codes and leaves out what GA cannot show', async () => {
    const source = await vaultWith(ACCOUNTS)
    const result = await exportBackup(source, { format: 'ga-qr', outPath: path.join(dir, 'ga.png') })
    expect(result.files).toEqual([path.join(dir, 'ga-1.png')])
    expect(result.leftOut.map((l) => l.account.issuer)).toEqual(['Monex'])
    const target = await vaultWith([], 'target')
    await commitImport(target, await previewImport(target, [{ kind: 'file', path: result.files[0]! }]))
    expect(paramsOf(target)).toEqual([ACCOUNTS[0], ACCOUNTS[2]])
  })
  it('refuses a plain export without confirmation', async () => {
    const source = await vaultWith(ACCOUNTS)
    await expect(exportBackup(source, { format: 'otpauth', outPath: path.join(dir, 'x') })).rejects.toMatchObject({
      code: 'PLAIN_EXPORT_NOT_CONFIRMED',
    })
    expect(existsSync(path.join(dir, 'x'))).toBe(false)
  })
  it('uses the real N=32768 by default and an independent decryptor reads it', async () => {
    const text = await writeAegisEncrypted(ACCOUNTS.slice(0, 1), 'pässwörd')
    const file = JSON.parse(text)
    const slot = file.header.slots[0]
    expect([slot.type, slot.n, slot.r, slot.p, slot.salt.length]).toEqual([1, 32768, 8, 1, 64])
    // Aegis docs/vault.md, by hand with node:crypto.
    const derived = scryptSync(Buffer.from('pässwörd', 'utf8'), Buffer.from(slot.salt, 'hex'), 32, {
      N: 32768,
      r: 8,
      p: 1,
      maxmem: 64 * 1024 * 1024,
    })
    const unwrap = createDecipheriv('aes-256-gcm', derived, Buffer.from(slot.key_params.nonce, 'hex'))
    unwrap.setAuthTag(Buffer.from(slot.key_params.tag, 'hex'))
    const master = Buffer.concat([unwrap.update(Buffer.from(slot.key, 'hex')), unwrap.final()])
    const dec = createDecipheriv('aes-256-gcm', master, Buffer.from(file.header.params.nonce, 'hex'))
    dec.setAuthTag(Buffer.from(file.header.params.tag, 'hex'))
    const db = JSON.parse(Buffer.concat([dec.update(Buffer.from(file.db, 'base64')), dec.final()]).toString('utf8'))
    expect(db.version).toBe(1)
    expect(db.entries[0]).toMatchObject({
      type: 'totp',
      name: 'alice',
      issuer: 'ACME',
      info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30 },
    })
  })
})

describe('bad input', () => {
  it('rejects a small encrypted export with any one byte flipped', async () => {
    const text = await writeAegisEncrypted(ACCOUNTS.slice(0, 1), 'pw', FAST)
    const bytes = Buffer.from(text, 'utf8')
    // The slot's uuid is the one field the Aegis format authenticates nowhere (no GCM covers it);
    // it names the slot and carries nothing of the accounts or keys, so flips there are not tampering.
    const uuid = JSON.parse(text).header.slots[0].uuid as string
    const uuidAt = text.indexOf(uuid)
    const accepted: number[] = []
    for (let i = 0; i < bytes.length; i++) {
      if (i >= uuidAt && i < uuidAt + uuid.length) continue
      const copy = Buffer.from(bytes)
      copy[i] = copy[i]! ^ 0x01
      try {
        const file = readAegisFile(new TextDecoder('utf-8', { fatal: true }).decode(copy))
        if (file.kind !== 'encrypted') throw new Error('plain')
        await readAegisEncrypted(file, 'pw')
        accepted.push(i)
      } catch (error) {
        if (!(error instanceof AppError) && (error as Error).message !== 'plain') throw error
      }
    }
    expect(accepted).toEqual([])
  }, 300_000)
  it.each([
    ['a JSON bomb', '['.repeat(100_000) + ']'.repeat(100_000), 'BACKUP_TOO_LARGE'],
    ['an unknown version', JSON.stringify({ version: 9, header: {}, db: {} }), 'BACKUP_UNSUPPORTED'],
    ['a truncated file', '{"version":1,"header":{"slots":null,', 'BACKUP_CORRUPT'],
  ])('rejects %s and leaves the vault unchanged', async (_name, text, code) => {
    const vault = await vaultWith(ACCOUNTS)
    const file = path.join(dir, 'bad.json')
    await writeFile(file, text)
    await expect(previewImport(vault, [{ kind: 'file', path: file }])).rejects.toMatchObject({ code })
    expect(paramsOf(vault)).toEqual(ACCOUNTS)
  })
  it('reports accounts added since the last verified backup', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z')
    const vault = await Vault.open({ dir: path.join(dir, 'v'), store: new MemorySecretStore(), now: () => now })
    await vault.addMany(ACCOUNTS.slice(0, 1))
    expect(backupStatus(vault)).toMatchObject({ needsBackup: true, addedSinceBackup: 1 })
    now += 1000
    await exportBackup(vault, {
      format: 'aegis',
      outPath: path.join(dir, 'b'),
      password: 'pw',
      testOnlyScryptCost: FAST,
    })
    expect(backupStatus(vault)).toMatchObject({ needsBackup: false, addedSinceBackup: 0 })
    now += 1000
    await vault.addMany(ACCOUNTS.slice(1, 2))
    expect(backupStatus(vault)).toMatchObject({ needsBackup: true, addedSinceBackup: 1 })
    expect(await readFile(path.join(dir, 'b'), 'utf8')).not.toContain('JBSWY3DP')
  })
})
