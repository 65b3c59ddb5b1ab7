/**
 * A second writer for the concurrency test, run with `node --import tsx`:
 *   add-many-child.ts <name> <count>   opens the vault (WARIFU_HOME, WARIFU_KEYCHAIN_SERVICE) on the
 *   real keychain and adds <count> accounts labelled <name>-0 ... one at a time.
 */
import { randomBytes } from 'node:crypto'
import { base32FromBytes } from '../../shared/otp/secret'
import { KeytarSecretStore } from '../../electron/secrets/secret-store'
import { dataDir, keychainService } from '../../electron/vault/paths'
import { Vault } from '../../electron/vault/vault'

const [name, count] = process.argv.slice(2)
const vault = await Vault.open({ dir: dataDir(), store: new KeytarSecretStore(keychainService()) })
for (let i = 0; i < Number(count); i++) {
  await vault.add({
    type: 'totp',
    secret: base32FromBytes(randomBytes(20)),
    issuer: 'Both',
    label: `${name}-${i}`,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  })
}
