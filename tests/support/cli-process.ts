/** Runs the built `warifu` command as a user would, against a throwaway vault and keychain service. */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { CLI, ROOT } from './tools'

export interface CliResult {
  status: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

function result(r: SpawnSyncReturns<string>): CliResult {
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr }
}

/**
 * A vault home (the data folder), a folder for the test's own files (exports, password files: the
 * CLI refuses to export into its data folder), and a keychain service; dispose() deletes all three.
 */
export function cliSandbox() {
  const home = mkdtempSync(join(tmpdir(), 'warifu-cli-'))
  const files = mkdtempSync(join(tmpdir(), 'warifu-cli-files-'))
  const service = `warifu-test-${randomBytes(6).toString('hex')}`
  const env = { ...process.env, WARIFU_HOME: home, WARIFU_KEYCHAIN_SERVICE: service }
  return {
    home,
    files,
    service,
    env,
    run(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): CliResult {
      return result(
        spawnSync(process.execPath, [CLI, ...args], {
          cwd: ROOT,
          env: { ...env, ...options.env },
          input: options.stdin ?? '',
          encoding: 'utf8',
          timeout: 60_000,
        }),
      )
    },
    /** Runs a command line through a wrapper script (e.g. the locked-keyring one). */
    runWrapped(wrapper: string[], args: string[], extraEnv: Record<string, string> = {}): CliResult {
      return result(
        spawnSync(wrapper[0]!, [...wrapper.slice(1), process.execPath, CLI, ...args], {
          cwd: ROOT,
          env: { ...env, ...extraEnv },
          input: '',
          encoding: 'utf8',
          timeout: 120_000,
        }),
      )
    },
    /** What `secret-tool` (libsecret's own CLI) finds under this service. */
    secretTool(): string {
      // secret-tool prints each secret on stdout and its attributes on stderr.
      const r = spawnSync('secret-tool', ['search', '--all', 'service', service], { encoding: 'utf8', env })
      return r.stdout + r.stderr
    },
    dispose(): void {
      spawnSync('secret-tool', ['clear', 'service', service], { env })
      rmSync(home, { recursive: true, force: true })
      rmSync(files, { recursive: true, force: true })
    },
  }
}

/** A fresh sandbox per call, each disposed (vault and keychain entries) after the current test. */
export function useCliSandboxes(): () => ReturnType<typeof cliSandbox> {
  const made: ReturnType<typeof cliSandbox>[] = []
  afterEach(() => {
    for (const s of made.splice(0)) s.dispose()
  })
  return () => {
    const s = cliSandbox()
    made.push(s)
    return s
  }
}
