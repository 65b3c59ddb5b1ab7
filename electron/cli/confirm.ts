/** Yes/no questions at a terminal, for commands that change or delete something. */
import { createInterface } from 'node:readline'
import { NotConfirmedError } from '../../shared/errors'

/** What every refused or interrupted question ends with: exit 1, not a usage error. */
export const cancelled = () => new NotConfirmedError('Cancelled.')

/**
 * Asks `question` on stderr and reads one line from the terminal; true for y/yes (any case),
 * false for anything else, Enter included (the default is no). Ctrl+C and Ctrl+D cancel.
 * Resolves `undefined`, asking nothing, when standard input is not a terminal: the caller
 * decides what a script without --yes gets.
 */
export function confirmAtTerminal(question: string): Promise<boolean | undefined> {
  if (!process.stdin.isTTY) return Promise.resolve(undefined)
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true })
  return new Promise((resolve, reject) => {
    let settled = false
    const settle = (then: () => void) => {
      if (settled) return
      settled = true
      then()
      rl.close()
    }
    const interrupted = () =>
      settle(() => {
        process.stderr.write('\n')
        reject(cancelled())
      })
    rl.on('SIGINT', interrupted)
    rl.on('close', interrupted)
    rl.question(question, (answer) => settle(() => resolve(/^y(es)?$/i.test(answer.trim()))))
  })
}
