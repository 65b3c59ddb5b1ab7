/** Entry point of the `warifu` command: real stdin/stdout, clock and vault. */
import type { KeytarSecretStore } from '../secrets/secret-store'
import { setLockOwnerName } from '../vault/lock'
import { dataDir, keychainService, keychainTimeoutMs } from '../vault/paths'
import { runCli } from './cli'
import type { CliIo } from './io'

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

let store: KeytarSecretStore | undefined

const io: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  readStdin,
  now: () => Date.now(),
  stdoutIsTerminal: process.stdout.isTTY === true,
  async openVault() {
    // Loaded on first use: keytar (a native library and its D-Bus client) and the vault with its
    // site checks cost start-up time that `warifu code --uri`, `scan` and `--help` never need.
    const [{ KeytarSecretStore }, { Vault, describeProblem }] = await Promise.all([
      import('../secrets/secret-store'),
      import('../vault/vault'),
    ])
    store = new KeytarSecretStore(keychainService(), keychainTimeoutMs())
    const vault = await Vault.open({ dir: dataDir(), store })
    for (const problem of vault.problems) process.stderr.write(`warifu: note: ${describeProblem(problem)}\n`)
    return vault
  },
}

// Named in the 'busy' message another Warifu shows; only a plain command word (an argument may be a secret).
const command = process.argv[2] ?? ''
setLockOwnerName(/^[a-z-]{1,20}$/.test(command) ? `warifu ${command}` : 'warifu')

runCli(process.argv.slice(2), io).then(
  (code) => {
    // A keychain call that never answered blocks Node's normal exit (it joins the
    // native thread pool): the error line is already written, so end by signal.
    if (store?.hasHungCall) process.kill(process.pid, 'SIGKILL')
    process.exitCode = code
  },
  () => process.exit(1),
)
