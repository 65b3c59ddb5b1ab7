/**
 * Bad input the backup tests did not cover yet: encrypted 2FAS files of our own making (right
 * password, wrong password, no password check, changed data) and files over the size cap. Each
 * failure is a clear error and leaves the vault as it was.
 */
import { createCipheriv, pbkdf2Sync, randomBytes } from 'node:crypto'
import { closeSync, openSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { previewImport } from '../../../electron/backup/import'
import { Vault } from '../../../electron/vault/vault'
import { MAX_BACKUP_BYTES } from '../../../shared/formats/safe-json'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'

const PASSWORD = 'correct horse battery staple'
const SERVICES = [
  {
    name: 'Monex',
    secret: 'JBSWY3DPEHPK3PXP',
    otp: { account: 'taro', issuer: 'Monex', digits: 6, period: 30, algorithm: 'SHA1', tokenType: 'TOTP' },
  },
]

/** 2FAS's sealing, written here from its description: PBKDF2-SHA256 10,000 rounds, AES-256-GCM, tag after the data. */
function seal(text: string, password: string): string {
  const salt = randomBytes(256)
  const iv = randomBytes(12)
  const key = pbkdf2Sync(password, salt, 10_000, 32, 'sha256')
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()])
  return [sealed, salt, iv].map((b) => b.toString('base64')).join(':')
}

function twoFas(password: string, options: { reference?: boolean; flipServicesByte?: boolean } = {}): string {
  let servicesEncrypted = seal(JSON.stringify(SERVICES), password)
  if (options.flipServicesByte) {
    const [sealed, ...rest] = servicesEncrypted.split(':')
    const bytes = Buffer.from(sealed!, 'base64')
    bytes[0]! ^= 0x01
    servicesEncrypted = [bytes.toString('base64'), ...rest].join(':')
  }
  return JSON.stringify({
    schemaVersion: 4,
    appVersionCode: 5000000,
    services: [],
    servicesEncrypted,
    ...(options.reference === false
      ? {}
      : {
          reference: seal(
            'tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbBJhtYgpK6fMl1D6mtsy92R3HkdGfwuXbzLebqVFJsR7IZ2w58t938iymwG4824igYy1wi6n2WDpO1Q1P69zwJGs2F5a1qP4MyIiDSD7NCV2OvidXQCBnDlGfmz0f1BQySRkkt4ryiJeCjD2o4QsveJ9uDBUn8ELyOrESv5R5DMDkD4iAF8TqEFIdfAjvu',
            password,
          ),
        }),
  })
}

describe('backup input that must be refused', () => {
  const tempDir = useTempDir()
  let dir: string
  let store: MemorySecretStore
  let vault: Vault

  beforeEach(async () => {
    dir = tempDir()
    store = new MemorySecretStore()
    vault = await Vault.open({ dir: join(dir, 'data'), store })
  })

  const file = (name: string, content: string) => {
    const path = join(dir, name)
    writeFileSync(path, content)
    return { kind: 'file' as const, path }
  }
  const unchanged = () => {
    expect(vault.list()).toEqual([])
    expect(store.entries.size).toBe(0)
  }

  it('opens an encrypted 2FAS file of our own making with the right password', async () => {
    const preview = await previewImport(vault, [file('ok.2fas', twoFas(PASSWORD))], { password: PASSWORD })
    expect(preview.sources).toEqual([{ name: 'ok.2fas', format: '2fas-encrypted' }])
    expect(preview.toAdd.map((a) => [a.issuer, a.label])).toEqual([['Monex', 'taro']])
  })

  it('says the password is wrong, with or without 2FAS\u2019s password check, and imports nothing', async () => {
    for (const reference of [true, false]) {
      const source = file(`wrong-${reference}.2fas`, twoFas(PASSWORD, { reference }))
      await expect(previewImport(vault, [source], { password: 'not the password' })).rejects.toMatchObject({
        code: 'BACKUP_WRONG_PASSWORD',
      })
      await expect(previewImport(vault, [source])).rejects.toMatchObject({ code: 'BACKUP_PASSWORD_REQUIRED' })
    }
    unchanged()
  })

  it('tells changed data from a wrong password when the password check opens', async () => {
    const source = file('changed.2fas', twoFas(PASSWORD, { flipServicesByte: true }))
    await expect(previewImport(vault, [source], { password: PASSWORD })).rejects.toMatchObject({
      code: 'BACKUP_CORRUPT',
    })
    unchanged()
  })

  it('refuses a file or pasted text one byte over the 32 MiB cap', async () => {
    const big = join(dir, 'huge.json')
    // Sparse: the size is what counts, and the test stays fast.
    closeSync(openSync(big, 'w'))
    truncateSync(big, MAX_BACKUP_BYTES + 1)
    await expect(previewImport(vault, [{ kind: 'file', path: big }])).rejects.toMatchObject({
      code: 'BACKUP_TOO_LARGE',
    })
    const text = 'x'.repeat(MAX_BACKUP_BYTES + 1)
    await expect(previewImport(vault, [{ kind: 'text', text }])).rejects.toMatchObject({ code: 'BACKUP_TOO_LARGE' })
    unchanged()
  })
})
