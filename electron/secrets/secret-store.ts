/**
 * Where account secrets live: the OS keychain through keytar (Secret Service on
 * Linux, Keychain on macOS, Credential Manager on Windows). This is the only
 * module that imports keytar. There is no plain-text fallback.
 */
import { KeychainUnavailableError } from '../../shared/errors'

/** A place to keep one secret per account id. */
export interface SecretStore {
  /** Fails with KEYCHAIN_UNAVAILABLE unless the keychain can be read and written now. */
  probe(): Promise<void>
  get(id: string): Promise<string | null>
  set(id: string, secret: string): Promise<void>
  /** True when there was an entry to delete. */
  delete(id: string): Promise<boolean>
  /** Every account id of this service with its secret. Only after probe() succeeded. */
  list(): Promise<Map<string, string>>
}

type Keytar = typeof import('keytar')

/** The entry that proves the keychain is readable and writable; never an account id. */
export const PROBE_ACCOUNT = '.warifu-probe'
const PROBE_VALUE = 'usable'
export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 20_000

/** What to do about an unusable keychain, for this platform. */
export function keychainAdvice(platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'darwin':
      return 'Unlock your login keychain (Keychain Access) and allow Warifu to use it, then try again.'
    case 'win32':
      return 'Make sure Windows Credential Manager is running and you are signed in, then try again.'
    default:
      return (
        'Install and start a Secret Service keyring such as gnome-keyring or KWallet ' +
        '(Debian/Ubuntu: apt install gnome-keyring), unlock it, and try again.'
      )
  }
}

function unavailable(reason: string, cause?: unknown): KeychainUnavailableError {
  return new KeychainUnavailableError(
    `No usable OS keychain (${reason}). ${keychainAdvice()} Warifu never stores secrets in a plain file.`,
    { cause },
  )
}

/** A short, single-line reason from a library error; keytar's messages are D-Bus or OS errors. */
function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0]!.slice(0, 160) || 'unknown error'
}

/** The OS keychain, one entry per account id under `service`. */
export class KeytarSecretStore implements SecretStore {
  private keytar: Keytar | undefined
  private usable = false
  /**
   * True once a call timed out. Its native thread stays blocked, and Node's normal
   * exit joins the thread pool, so a process with a hung call must end by a signal.
   */
  hasHungCall = false

  constructor(
    readonly service: string,
    private readonly timeoutMs = DEFAULT_KEYCHAIN_TIMEOUT_MS,
  ) {}

  private async load(): Promise<Keytar> {
    if (this.keytar) return this.keytar
    try {
      const mod = (await import('keytar')) as Keytar & { default?: Keytar }
      this.keytar = mod.default ?? mod
      return this.keytar
    } catch (error) {
      // Typically libsecret missing on Linux: keytar's native module cannot load.
      throw unavailable(`the keychain library could not be loaded: ${reasonOf(error)}`, error)
    }
  }

  /** Every keychain call is bounded: a hidden unlock prompt would otherwise hang forever. */
  private async call<T>(what: string, run: (keytar: Keytar) => Promise<T>): Promise<T> {
    const keytar = await this.load()
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.hasHungCall = true
        const seconds = Math.round(this.timeoutMs / 1000)
        reject(unavailable(`it did not answer within ${seconds} s; is it waiting to be unlocked?`))
      }, this.timeoutMs)
    })
    try {
      return await Promise.race([run(keytar), timeout])
    } catch (error) {
      if (error instanceof KeychainUnavailableError) throw error
      throw unavailable(`${what} failed: ${reasonOf(error)}`, error)
    } finally {
      clearTimeout(timer)
    }
  }

  async probe(): Promise<void> {
    if (this.usable) return
    // A locked Secret Service collection answers reads with "nothing" rather than an
    // error, so a missing probe entry is written and read back to tell the two apart.
    const seen = await this.call('reading', (k) => k.getPassword(this.service, PROBE_ACCOUNT))
    if (seen !== PROBE_VALUE) {
      await this.call('writing', (k) => k.setPassword(this.service, PROBE_ACCOUNT, PROBE_VALUE))
      const back = await this.call('reading', (k) => k.getPassword(this.service, PROBE_ACCOUNT))
      if (back !== PROBE_VALUE) throw unavailable('it is locked')
    }
    this.usable = true
  }

  async get(id: string): Promise<string | null> {
    await this.probe()
    return this.call('reading', (k) => k.getPassword(this.service, id))
  }

  async set(id: string, secret: string): Promise<void> {
    await this.probe()
    await this.call('writing', (k) => k.setPassword(this.service, id, secret))
  }

  async delete(id: string): Promise<boolean> {
    await this.probe()
    return this.call('deleting', (k) => k.deletePassword(this.service, id))
  }

  async list(): Promise<Map<string, string>> {
    // keytar's findCredentials segfaults on a locked collection: only after a good probe.
    await this.probe()
    const found = await this.call('listing', (k) => k.findCredentials(this.service))
    const entries = new Map<string, string>()
    for (const { account, password } of found) {
      if (account !== PROBE_ACCOUNT) entries.set(account, password)
    }
    return entries
  }
}
