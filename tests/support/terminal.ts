/**
 * Runs a command on a pseudo-terminal, as a person at a terminal would: util-linux's `script`
 * gives the child a pty, we wait for each prompt in its output and only then type the answer
 * (typing before the program turns echo off would be echoed by the terminal itself).
 */
import { spawn } from 'node:child_process'

/** Wait for `prompt` in the output, then type `type`. */
export interface TerminalStep {
  prompt: string
  type: string
}

export interface TerminalRun {
  status: number | null
  /** Everything the terminal showed (stdout and stderr of the child, and any echo). */
  screen: string
}

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`

/** Runs `argv` on a pty with `env`, answering each prompt in turn; fails if a prompt never comes. */
export function runInTerminal(
  argv: string[],
  env: NodeJS.ProcessEnv,
  steps: TerminalStep[],
  limitMs = 30_000,
): Promise<TerminalRun> {
  return new Promise((resolve, reject) => {
    // `exec`: script runs the command through $SHELL (or /bin/sh when SHELL is unset, as in CI). Without
    // it dash stays in between, takes the terminal's Ctrl+C itself and dies with 130, whatever the
    // command did with the signal.
    const command = `exec ${argv.map(quote).join(' ')}`
    const child = spawn('script', ['-q', '-f', '-e', '-c', command, '/dev/null'], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let screen = ''
    let next = 0
    let searchFrom = 0
    const limit = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`terminal: no "${steps[next]?.prompt ?? 'exit'}" within ${limitMs} ms; screen: ${screen}`))
    }, limitMs)
    const onOutput = (chunk: Buffer) => {
      screen += chunk.toString('utf8')
      while (next < steps.length) {
        const at = screen.indexOf(steps[next]!.prompt, searchFrom)
        if (at === -1) break
        searchFrom = at + steps[next]!.prompt.length
        child.stdin.write(steps[next]!.type)
        next++
      }
    }
    child.stdout.on('data', onOutput)
    child.stderr.on('data', onOutput)
    child.on('error', (error) => {
      clearTimeout(limit)
      reject(error)
    })
    child.on('close', (status) => {
      clearTimeout(limit)
      child.stdin.destroy()
      resolve({ status, screen })
    })
  })
}
