/**
 * A second process for the lock tests, run with tsx:
 *   lock-child.ts hold <lock path>                 takes the lock, prints "held", keeps it until killed
 *   lock-child.ts count <lock path> <file> <times>  adds 1 to the number in <file>, <times> times, each under the lock
 */
import { readFile, writeFile } from 'node:fs/promises'
import { setImmediate as yieldOnce } from 'node:timers/promises'
import { setLockOwnerName, withFileLock } from '../../electron/vault/lock'

const [mode, lockPath, file, times] = process.argv.slice(2)
setLockOwnerName('lock-test-holder')

if (mode === 'hold') {
  await withFileLock(lockPath!, async () => {
    process.stdout.write(`held ${process.pid}\n`)
    // The lock's socket does not keep a process alive on its own (see lock.ts); this does.
    setInterval(() => undefined, 60_000)
    await new Promise(() => undefined)
  })
} else if (mode === 'count') {
  for (let i = 0; i < Number(times); i++) {
    await withFileLock(
      lockPath!,
      async () => {
        // Read, let the other writers run, then write: two holders at once would lose an increment.
        const n = Number(await readFile(file!, 'utf8'))
        await yieldOnce()
        await writeFile(file!, String(n + 1))
      },
      60_000,
    )
  }
}
