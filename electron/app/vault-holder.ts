/**
 * Main process: opens the vault once, lazily. If the keychain is unavailable
 * the window still opens; every vault call then fails with KEYCHAIN_UNAVAILABLE
 * and the next call (the renderer's "try again") tries to open it again.
 *
 * The `warifu` CLI may change the vault while the app runs. `fresh()` notices
 * a metadata file that changed under us (one stat) and re-reads the vault, so
 * the app never works from a stale list or a stale secret cache.
 */
import { stat } from 'node:fs/promises'
import { AppError } from '../../shared/errors'
import type { AppStatus } from '../../shared/ipc/channels'
import { describeProblem, type Vault } from '../vault/vault'

/** The metadata file's change stamp, or undefined when it does not exist. */
export type StampReader = () => Promise<string | undefined>

/** A stamp from mtime and size: changes whenever another process rewrites the file (atomic rename). */
export function fileStamp(path: string): StampReader {
  return () =>
    stat(path, { bigint: true }).then(
      (s) => `${s.mtimeNs}:${s.size}:${s.ino}`,
      () => undefined,
    )
}

export class VaultHolder {
  private vault: Vault | undefined
  private opening: Promise<Vault> | undefined
  private seen: string | undefined

  constructor(
    private readonly open: () => Promise<Vault>,
    private readonly stamp: StampReader = () => Promise.resolve(undefined),
  ) {}

  /** The open vault; opens it (again) if it is not open yet. Concurrent callers share one attempt. */
  get(): Promise<Vault> {
    if (this.vault) return Promise.resolve(this.vault)
    this.opening ??= this.open().then(
      async (vault) => {
        this.seen = await this.stamp()
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

  /** The vault, re-read first if another process changed it since we last looked; `changed` says so. */
  async fresh(): Promise<{ vault: Vault; changed: boolean }> {
    const vault = await this.get()
    const now = await this.stamp()
    if (now === this.seen) return { vault, changed: false }
    await vault.refresh()
    this.seen = now
    return { vault, changed: true }
  }

  /** Records the file as we just wrote it, so our own changes are not taken for another process's. */
  async markOwnWrite(): Promise<void> {
    this.seen = await this.stamp()
  }

  /** Tries to open (or re-read) the vault and says how it went, without throwing. */
  async status(): Promise<AppStatus> {
    try {
      const { vault } = await this.fresh()
      return { vault: 'ready', problems: vault.problems.map(describeProblem) }
    } catch (error) {
      if (error instanceof AppError)
        return { vault: 'unavailable', error: { code: error.code, message: error.message } }
      return { vault: 'unavailable', error: { code: 'INTERNAL', message: 'The vault could not be opened.' } }
    }
  }
}
