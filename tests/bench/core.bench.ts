/**
 * Core benchmark (`npm run bench`, inside tests/with-keyring.sh): each figure
 * against a baseline measured in the same run.
 *  1. Opening a vault of 1,000 accounts vs keytar's own findCredentials for those entries (target: overhead < 25%).
 *  2. Generating 1,000 TOTP codes (target: < 5 ms), vs 1,000 bare node:crypto HMACs.
 * (`warifu code` start-up against `node -e 0` is bench:cli's.)
 */
import { createHmac, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import keytar from 'keytar'
import { totpCode } from '../../shared/otp/codes'
import { base32FromBytes } from '../../shared/otp/secret'
import { KeytarSecretStore } from '../../electron/secrets/secret-store'
import { serializeMetadata, type AccountRecord } from '../../electron/vault/metadata'
import { Vault } from '../../electron/vault/vault'
import { newHexId } from '../../electron/vault/ids'
import { entryName } from '../../electron/vault/vault-keychain'
import { median, ms, report, sample } from './measure'

const N = 1000

async function benchOpen(): Promise<void> {
  const service = `warifu-bench-${randomBytes(4).toString('hex')}`
  const dir = mkdtempSync(join(tmpdir(), 'warifu-bench-'))
  try {
    console.log(`[1] filling a keychain service with ${N} entries (gnome-keyring rewrites its file per write: slow)...`)
    const records: AccountRecord[] = []
    // Named as a vault writes them ("<vault id>/<account id>"), so no open has anything to move.
    const vaultId = newHexId()
    for (let i = 0; i < N; i++) {
      const id = randomBytes(8).toString('hex')
      await keytar.setPassword(service, entryName(vaultId, id), base32FromBytes(randomBytes(20)))
      const base = { id, issuer: `Issuer ${i}`, label: `user${i}@example.com`, algorithm: 'SHA1' as const, digits: 6 }
      records.push({ ...base, type: 'totp', period: 30, createdAt: new Date(0).toISOString(), sites: [] })
    }
    writeFileSync(
      join(dir, 'vault.json'),
      serializeMetadata({ format: 'warifu-vault', version: 1, vaultId, accounts: records }),
    )

    const runs = 7
    const base: number[] = []
    const ours: number[] = []
    // Interleaved so that drift in the keyring daemon hits both alike.
    for (let i = 0; i < runs + 1; i++) {
      const b = await sample(() => keytar.findCredentials(service), 1, 0)
      const o = await sample(
        async () => {
          const vault = await Vault.open({ dir, store: new KeytarSecretStore(service) })
          if (vault.list().length !== N || vault.problems.length !== 0)
            throw new Error('bench vault did not open whole')
        },
        1,
        0,
      )
      if (i > 0) {
        base.push(...b)
        ours.push(...o)
      }
    }
    const overhead = median(ours) / median(base) - 1
    report(
      `open a vault of ${N} accounts (probe + metadata + findCredentials + checks) vs findCredentials alone, median of ${runs}`,
      median(ours),
      median(base),
      'overhead < 25%',
      overhead < 0.25,
    )
    console.log(`    overhead ${(overhead * 100).toFixed(1)}%`)
  } finally {
    for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account)
    rmSync(dir, { recursive: true, force: true })
  }
}

async function benchCodes(): Promise<void> {
  const accounts = Array.from({ length: N }, (_, i) => ({
    secret: base32FromBytes(randomBytes(20)),
    algorithm: (['SHA1', 'SHA256', 'SHA512'] as const)[i % 3]!,
    digits: 6,
    period: 30,
  }))
  const keys = accounts.map(() => randomBytes(20))
  const msg = Buffer.alloc(8)
  const now = Date.now()
  const ours = await sample(() => accounts.map((a) => totpCode(a, now).code), 50, 5)
  const base = await sample(
    () => keys.map((k, i) => createHmac(accounts[i]!.algorithm.replace('SHA', 'sha'), k).update(msg).digest()),
    50,
    5,
  )
  report(
    `generate ${N} TOTP codes (mixed SHA1/256/512) vs ${N} bare HMACs, median of 50`,
    median(ours),
    median(base),
    '< 5 ms',
    median(ours) < 5,
  )
}

console.log(`warifu core benchmark: node ${process.version}, ${new Date().toISOString()}`)
await benchCodes()
if (process.env.WARIFU_IN_KEYRING_SESSION === '1') {
  await benchOpen()
} else {
  console.log('[1] skipped: run inside tests/with-keyring.sh (npm run bench does) for the keychain figures')
}
console.log(`done (${ms(performance.now())} total)`)
