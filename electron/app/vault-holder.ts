/**
 * Main process: opens the vault once, lazily. If the keychain is unavailable
 * the window still opens; every vault call then fails with KEYCHAIN_UNAVAILABLE
 * and the next call (the renderer's "try again") tries to open it again.
 */
import { AppError } from '../../shared/errors'
import type { AppStatus } from '../../shared/ipc/channels'
import { describeProblem, type Vault } from '../vault/vault'

export class VaultHolder {
  private vault: Vault | undefined
  private opening: Promise<Vault> | undefined

  constructor(private readonly open: () => Promise<Vault>) {}

  /** The open vault; opens it (again) if it is not open yet. Concurrent callers share one attempt. */
  get(): Promise<Vault> {
    if (this.vault) return Promise.resolve(this.vault)
    this.opening ??= this.open().then(
      (vault) => {
        this.vault = vault
        this.opening = undefined
        return vault
      },
      (error: unknown) => {
        this.opening = undefined
        throw error
      },
    )
    return this.opening
  }

  /** Tries to open the vault and says how it went, without throwing. */
  async status(): Promise<AppStatus> {
    try {
      const vault = await this.get()
      return { vault: 'ready', problems: vault.problems.map(describeProblem) }
    } catch (error) {
      if (error instanceof AppError)
        return { vault: 'unavailable', error: { code: error.code, message: error.message } }
      return { vault: 'unavailable', error: { code: 'INTERNAL', message: 'The vault could not be opened.' } }
    }
  }
}
