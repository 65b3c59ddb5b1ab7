/** The real process's CliIo (stdin, stdout, clock, the user's vault), for the packaged app's CLI and host modes. */
import { KeytarSecretStore } from '../secrets/secret-store'
import { dataDir, keychainService, keychainTimeoutMs } from '../vault/paths'
import { describeProblem, Vault } from '../vault/vault'
import type { CliIo } from './io'

/** A CliIo over this process, and whether a keychain call hung (the caller then ends by signal). */
export function createProcessIo(): { io: CliIo; hasHungKeychainCall: () => boolean } {
  let store: KeytarSecretStore | undefined
  const io: CliIo = {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    async readStdin() {
      const chunks: Buffer[] = []
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks).toString('utf8')
    },
    now: () => Date.now(),
    stdoutIsTerminal: process.stdout.isTTY === true,
    async openVault() {
      store = new KeytarSecretStore(keychainService(), keychainTimeoutMs())
      const vault = await Vault.open({ dir: dataDir(), store })
      for (const problem of vault.problems) process.stderr.write(`warifu: note: ${describeProblem(problem)}\n`)
      return vault
    },
  }
  return { io, hasHungKeychainCall: () => store?.hasHungCall === true }
}
