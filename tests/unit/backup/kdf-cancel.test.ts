/**
 * Password hashing that "Start over" really stops: the KDF runs in a worker thread that discarding
 * the import terminates, and a second password try cancels the first instead of stacking (issue 9).
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { writeAegisEncrypted } from '../../../electron/backup/aegis-encrypted'
import { liveKdfWorkers } from '../../../electron/backup/kdf'
import { createBackupHandlers } from '../../../electron/ipc/backup-handlers'
import { Vault } from '../../../electron/vault/vault'
import { MAX_SCRYPT_WORK } from '../../../shared/formats/aegis'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'

const PASSWORD = 'correct horse battery staple'
const ACCOUNT = {
  type: 'totp' as const,
  secret: 'JBSWY3DPEHPK3PXP',
  issuer: 'ACME',
  label: 'alice',
  algorithm: 'SHA1' as const,
  digits: 6,
  period: 30,
}

/** An Aegis file with four password slots at the highest cost we accept: seconds of work for a wrong password. */
async function slowBackup(path: string): Promise<void> {
  const text = await writeAegisEncrypted([ACCOUNT], PASSWORD, { n: MAX_SCRYPT_WORK / 8, r: 8, p: 1 })
  const file = JSON.parse(text) as { header: { slots: { uuid: string }[] } }
  const slot = file.header.slots[0]!
  file.header.slots = [0, 1, 2, 3].map((i) => ({ ...slot, uuid: `${slot.uuid.slice(0, -1)}${i}` }))
  writeFileSync(path, JSON.stringify(file))
}

function setUp(dir: string, path: string) {
  const vault = Vault.open({ dir: join(dir, 'data'), store: new MemorySecretStore() })
  const handlers = createBackupHandlers(
    { pickSavePath: () => Promise.resolve(null), pickImportFiles: () => Promise.resolve([path]) },
    () => Promise.resolve(false),
    () => vault,
    async (change) => change(await vault),
  )
  return handlers
}

describe('KDF runs that can be stopped', () => {
  const tempDir = useTempDir()

  it('terminates the password hashing when the import is discarded', async () => {
    const dir = tempDir()
    const path = join(dir, 'slow.json')
    await slowBackup(path)
    const handlers = setUp(dir, path)
    const { session } = (await handlers['import:add-files'](null))!
    const reading = handlers['import:preview'](session, 'not the password')
    const outcome = reading.then(
      () => 'finished',
      (error: { code?: string }) => error.code,
    )
    await vi.waitFor(() => expect(liveKdfWorkers()).toBe(1), { timeout: 10_000 })
    await handlers['import:discard'](session)
    expect(await outcome).toBe('USAGE')
    await vi.waitFor(() => expect(liveKdfWorkers()).toBe(0), { timeout: 10_000 })
  }, 30_000)

  it('cancels a running password try when another one starts, and the newer one answers', async () => {
    const dir = tempDir()
    const path = join(dir, 'slow.json')
    await slowBackup(path)
    const handlers = setUp(dir, path)
    const { session } = (await handlers['import:add-files'](null))!
    const first = handlers['import:preview'](session, 'not the password').then(
      () => 'finished',
      (error: { code?: string }) => error.code,
    )
    await vi.waitFor(() => expect(liveKdfWorkers()).toBe(1), { timeout: 10_000 })
    const second = handlers['import:preview'](session, PASSWORD)
    expect(await first).toBe('USAGE')
    expect((await second).toAdd.map((a) => a.label)).toEqual(['alice'])
    await vi.waitFor(() => expect(liveKdfWorkers()).toBe(0), { timeout: 10_000 })
  }, 30_000)
})
