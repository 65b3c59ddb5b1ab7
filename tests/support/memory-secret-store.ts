/** A keychain in memory, for unit tests of the layers above the keychain only. */
import { KeychainUnavailableError } from '../../shared/errors'
import type { SecretStore } from '../../electron/secrets/secret-store'

export class MemorySecretStore implements SecretStore {
  readonly entries = new Map<string, string>()
  available = true
  /** Fails the next set() once, to test what happens when the keychain refuses a write. */
  failNextSet = false

  private check(): void {
    if (!this.available) throw new KeychainUnavailableError('No usable OS keychain (test keychain switched off).')
  }
  probe(): Promise<void> {
    this.check()
    return Promise.resolve()
  }
  get(id: string): Promise<string | null> {
    this.check()
    return Promise.resolve(this.entries.get(id) ?? null)
  }
  set(id: string, secret: string): Promise<void> {
    this.check()
    if (this.failNextSet) {
      this.failNextSet = false
      return Promise.reject(new KeychainUnavailableError('No usable OS keychain (test refusal).'))
    }
    this.entries.set(id, secret)
    return Promise.resolve()
  }
  delete(id: string): Promise<boolean> {
    this.check()
    return Promise.resolve(this.entries.delete(id))
  }
  /** The secret a vault keeps for `accountId` (its entry "<vault id>/<account id>"), if any. */
  secretOf(accountId: string): string | undefined {
    for (const [name, secret] of this.entries) if (name.endsWith(`/${accountId}`)) return secret
    return undefined
  }
  list(): Promise<Map<string, string>> {
    this.check()
    return Promise.resolve(new Map(this.entries))
  }
}
