/** Entry point of the full `warifu` bundle (every command): real stdin/stdout, clock and vault. */
import { setLockOwnerName } from '../vault/lock'
import { runCli } from './cli'
import { exitWith, realCliIo } from './real-io'

const { io, hasHungKeychainCall } = realCliIo()

// Named in the 'busy' message another Warifu shows; only a plain command word (an argument may be a secret).
const command = process.argv[2] ?? ''
setLockOwnerName(/^[a-z-]{1,20}$/.test(command) ? `warifu ${command}` : 'warifu')

runCli(process.argv.slice(2), io).then(
  (code) => exitWith(code, hasHungKeychainCall),
  () => process.exit(1),
)
