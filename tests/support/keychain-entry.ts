/** Where a vault keeps an account's secret in the keychain, for tests that look there directly. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { entryName } from '../../electron/vault/vault-keychain'
import { METADATA_FILE } from '../../electron/vault/paths'

/** The id the vault at `dataDir` recorded in its metadata file, or undefined before its first write. */
export function vaultIdOf(dataDir: string): string | undefined {
  return (JSON.parse(readFileSync(join(dataDir, METADATA_FILE), 'utf8')) as { vaultId?: string }).vaultId
}

/** The keychain account name of `accountId`'s secret in the vault at `dataDir` ("<vault id>/<account id>"). */
export function keychainEntry(dataDir: string, accountId: string): string {
  const vaultId = vaultIdOf(dataDir)
  if (!vaultId) throw new Error(`the vault in ${dataDir} has no id yet (it records one with its first write)`)
  return entryName(vaultId, accountId)
}
