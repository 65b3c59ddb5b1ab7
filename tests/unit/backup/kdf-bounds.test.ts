/**
 * The password-hashing cost a backup file asks for is bounded before any work: an "Aegis" file
 * with 64 slots of scrypt N=2^20, r=32, p=16 (4 GiB and hours a slot) was accepted (issue 9).
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeAegisEncrypted } from '../../../electron/backup/aegis-encrypted'
import { previewImport } from '../../../electron/backup/import'
import { Vault } from '../../../electron/vault/vault'
import { MAX_PASSWORD_SLOTS, readAegisFile } from '../../../shared/formats/aegis'
import { identifySource } from '../../../shared/formats/detect'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'

const hex = (n: number) => randomBytes(n).toString('hex')

function slot(cost: { n: number; r: number; p: number }, type = 1) {
  return {
    type,
    uuid: randomUUID(),
    key: hex(32),
    key_params: { nonce: hex(12), tag: hex(16) },
    ...cost,
    salt: hex(32),
  }
}

function aegisWith(slots: unknown[]): string {
  return JSON.stringify({
    version: 1,
    header: { slots, params: { nonce: hex(12), tag: hex(16) } },
    db: randomBytes(64).toString('base64'),
  })
}

describe('KDF cost taken from a backup file', () => {
  const tempDir = useTempDir()

  it('refuses 64 slots of scrypt N=2^20, r=32, p=16 at once, with BACKUP_KDF_TOO_COSTLY', async () => {
    const text = aegisWith(Array.from({ length: 64 }, () => slot({ n: 2 ** 20, r: 32, p: 16 })))
    expect(() => readAegisFile(text)).toThrow(expect.objectContaining({ code: 'BACKUP_KDF_TOO_COSTLY' }))
    const dir = tempDir()
    const path = join(dir, 'hostile.json')
    writeFileSync(path, text)
    const vault = await Vault.open({ dir: join(dir, 'data'), store: new MemorySecretStore() })
    const started = performance.now()
    await expect(previewImport(vault, [{ kind: 'file', path }], { password: 'anything' })).rejects.toMatchObject({
      code: 'BACKUP_KDF_TOO_COSTLY',
    })
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it.each([
    [{ n: 2 ** 15, r: 8, p: 1 }, true],
    [{ n: 2 ** 17, r: 8, p: 1 }, true],
    [{ n: 2 ** 15, r: 8, p: 4 }, true],
    [{ n: 2 ** 18, r: 8, p: 1 }, false],
    [{ n: 2 ** 15, r: 32, p: 1 }, true],
    [{ n: 2 ** 15, r: 64, p: 1 }, false],
    [{ n: 2 ** 15, r: 8, p: 5 }, false],
    [{ n: 2 ** 10, r: 8, p: 2 ** 20 }, false],
  ])('takes %o only within 4x of what Aegis writes (%s)', (cost, accepted) => {
    const text = aegisWith([slot(cost)])
    if (accepted) expect(readAegisFile(text).kind).toBe('encrypted')
    else expect(() => readAegisFile(text)).toThrow(expect.objectContaining({ code: 'BACKUP_KDF_TOO_COSTLY' }))
  })

  it('tries at most four password slots and skips biometric ones', () => {
    const cost = { n: 1024, r: 8, p: 1 }
    const text = aegisWith([slot(cost, 2), ...Array.from({ length: 10 }, () => slot(cost)), slot(cost, 2)])
    const file = identifySource(text)
    expect(file.format).toBe('aegis-encrypted')
    if (file.format === 'aegis-encrypted') expect(file.file.slots).toHaveLength(MAX_PASSWORD_SLOTS)
  })

  it('still opens a backup at Aegis\u2019s own cost', async () => {
    const account = {
      type: 'totp' as const,
      secret: 'JBSWY3DPEHPK3PXP',
      issuer: 'ACME',
      label: 'alice',
      algorithm: 'SHA1' as const,
      digits: 6,
      period: 30,
    }
    const dir = tempDir()
    const path = join(dir, 'backup.json')
    writeFileSync(path, await writeAegisEncrypted([account], 'pw'))
    const vault = await Vault.open({ dir: join(dir, 'data'), store: new MemorySecretStore() })
    const preview = await previewImport(vault, [{ kind: 'file', path }], { password: 'pw' })
    expect(preview.toAdd.map((a) => a.label)).toEqual(['alice'])
  })
})
