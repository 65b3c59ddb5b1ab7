/** Entry point of the full `warifu` bundle (every command): real stdin/stdout, clock and vault. */
import { runCli } from './cli'
import { commandOwnerName, exitWith, realCliIo } from './real-io'

const { io, hasHungKeychainCall } = realCliIo(commandOwnerName(process.argv[2] ?? ''))

runCli(process.argv.slice(2), io).then(
  (code) => exitWith(code, hasHungKeychainCall),
  () => process.exit(1),
)
