/**
 * Backup benchmark: export and import of 1,000 accounts in the encrypted Aegis format,
 * reported as the time beyond the KDF's own (scrypt N=32768 r=8 p=1, measured in this run).
 * Export runs scrypt twice (write, then verify by reading back), import once. The vault's
 * keychain is the in-memory store here: keychain speed is the core benchmark's business.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AEGIS_SCRYPT_COST, scryptKey } from '../../electron/backup/crypto'
import { commitImport, exportBackup, previewImport } from '../../electron/backup/index'
import { Vault } from '../../electron/vault/vault'
import { base32FromBytes } from '../../shared/otp/secret'
import type { OtpParams } from '../../shared/otp/account'
import { MemorySecretStore } from '../support/memory-secret-store'
import { median, ms, report, sample } from './measure'

const N = 1000
const dir = await mkdtemp(join(tmpdir(), 'warifu-bench-backup-'))
try {
  const accounts: OtpParams[] = Array.from({ length: N }, (_, i) => ({
    type: 'totp',
    secret: base32FromBytes(randomBytes(20)),
    issuer: `Issuer ${i}`,
    label: `user${i}@example.com`,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  }))
  const source = await Vault.open({ dir: join(dir, 'source'), store: new MemorySecretStore() })
  await source.addMany(accounts)
  const kdf = median(await sample(() => scryptKey('bench password', randomBytes(32), AEGIS_SCRYPT_COST), 5))
  const out = join(dir, 'backup.json')
  let round = 0
  const exportTimes = await sample(
    () => exportBackup(source, { format: 'aegis', outPath: out, password: 'bench password' }),
    3,
  )
  const importTimes = await sample(async () => {
    const target = await Vault.open({ dir: join(dir, `target-${round++}`), store: new MemorySecretStore() })
    const preview = await previewImport(target, [{ kind: 'file', path: out }], { password: 'bench password' })
    const added = await commitImport(target, preview)
    if (added.length !== N) throw new Error(`imported ${added.length}`)
  }, 3)
  const exportBeyond = median(exportTimes) - 2 * kdf
  const importBeyond = median(importTimes) - kdf
  console.log(`backup: ${N} accounts, scrypt N=32768 r=8 p=1 takes ${ms(kdf)} (median of 5)`)
  report(`export ${N} (aegis, beyond 2 KDF runs)`, exportBeyond, kdf, '< 1000 ms', exportBeyond < 1000)
  report(`import ${N} (aegis, preview + commit, beyond 1 KDF run)`, importBeyond, kdf, '< 1000 ms', importBeyond < 1000)
} finally {
  await rm(dir, { recursive: true, force: true })
}
