/** The `warifu` process's CliIo: real stdin/stdout and clock, and the user's vault opened on first use. */
import type { KeytarSecretStore } from '../secrets/secret-store'
import type { Vault, VaultProblem } from '../vault/vault'
import { dataDir, keychainService, keychainTimeoutMs } from '../vault/paths'
import type { CliIo } from './io'

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * The io, and whether a keychain call never answered (the caller then ends the process by signal).
 * `ownerName` is what the 'busy' message of another Warifu calls this process while it holds the
 * vault's lock.
 */
export function realCliIo(ownerName: string): { io: CliIo; hasHungKeychainCall: () => boolean } {
  let store: KeytarSecretStore | undefined
  // Loaded on first use: keytar (a native library and its D-Bus client) and the vault with its
  // site checks cost start-up time that `warifu code --uri`, `scan` and `--help` never need.
  const load = async () => {
    const [{ KeytarSecretStore }, vaultModule, { setLockOwnerName }] = await Promise.all([
      import('../secrets/secret-store'),
      import('../vault/vault'),
      import('../vault/lock'),
    ])
    setLockOwnerName(ownerName)
    store = new KeytarSecretStore(keychainService(), keychainTimeoutMs())
    return { ...vaultModule, options: { dir: dataDir(), store } }
  }
  // Both open paths report what the vault found wrong on opening, one note a line.
  const report = (vault: Vault, describeProblem: (problem: VaultProblem) => string) => {
    for (const problem of vault.problems) process.stderr.write(`warifu: note: ${describeProblem(problem)}\n`)
    return vault
  }
  const io: CliIo = {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    readStdin,
    now: () => Date.now(),
    stdoutIsTerminal: process.stdout.isTTY === true,
    async openVault() {
      const { Vault, describeProblem, options } = await load()
      return report(await Vault.open(options), describeProblem)
    },
    async openVaultForOne(choose) {
      const { Vault, describeProblem, options } = await load()
      // Problems are empty unless it fell back to the full open, which reports as openVault() does.
      return report(await Vault.openForOne(options, choose), describeProblem)
    },
  }
  return { io, hasHungKeychainCall: () => store?.hasHungCall === true }
}

/** The lock owner name of `warifu <word>`: only a plain command word, since an argument may be a secret. */
export function commandOwnerName(word: string): string {
  return /^[a-z-]{1,20}$/.test(word) ? `warifu ${word}` : 'warifu'
}

/** Ends the process with `code`, by signal when a keychain call hung (it would block Node's normal exit). */
export function exitWith(code: number, hasHungKeychainCall: () => boolean): void {
  // A keychain call that never answered joins the native thread pool: the error line is already
  // written, so end by signal.
  if (hasHungKeychainCall()) process.kill(process.pid, 'SIGKILL')
  process.exitCode = code
}
