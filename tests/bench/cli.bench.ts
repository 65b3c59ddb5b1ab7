/**
 * CLI start-up benchmark (`npm run bench:cli`, inside tests/with-keyring.sh): wall time of whole
 * `warifu` processes against `node -e 0` measured in the same run, interleaved so that load on
 * the machine hits both alike. Figures and ratios only; nothing is asserted.
 *  1. `warifu code --uri ...` (no vault, no keychain): target < 2x.
 *  2. `warifu code <search>` on a 200-account vault on the real keychain: target < 3x.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { base32FromBytes } from '../../shared/otp/secret'
import { CLI } from '../support/tools'
import { median, ms, report, sample } from './measure'

const RUNS = 25
const ACCOUNTS = 200

function runner(args: string[], env: NodeJS.ProcessEnv = process.env) {
  return () => {
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', env })
    if (r.status !== 0) throw new Error(`${args.slice(0, 3).join(' ')} failed (${r.status}): ${r.stderr}`)
  }
}

/** Median wall times of `ours` and of `node -e 0`, interleaved, after two warm-up rounds. */
async function versusNode(ours: () => void): Promise<{ ours: number; base: number }> {
  const base: number[] = []
  const mine: number[] = []
  for (let i = 0; i < RUNS + 2; i++) {
    const b = await sample(runner(['-e', '0']), 1, 0)
    const o = await sample(ours, 1, 0)
    if (i > 1) {
      base.push(...b)
      mine.push(...o)
    }
  }
  return { ours: median(mine), base: median(base) }
}

async function benchUri(): Promise<void> {
  const uri = 'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME'
  const { ours, base } = await versusNode(runner([CLI, 'code', '--uri', uri]))
  report(`[1] \`warifu code --uri ...\` vs \`node -e 0\`, median of ${RUNS}`, ours, base, '< 2x', ours / base < 2)
}

async function benchSearch(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'warifu-bench-cli-'))
  const files = mkdtempSync(join(tmpdir(), 'warifu-bench-cli-files-'))
  const env = {
    ...process.env,
    WARIFU_HOME: home,
    WARIFU_KEYCHAIN_SERVICE: `warifu-bench-${randomBytes(4).toString('hex')}`,
  }
  try {
    // Made through `warifu import`, the way a person fills a vault, so the bench follows the real format.
    const list = join(files, 'accounts.txt')
    const uris = Array.from({ length: ACCOUNTS }, (_, i) => {
      const issuer = encodeURIComponent(`Service ${i}`)
      return `otpauth://totp/${issuer}:acct-${i}?secret=${base32FromBytes(randomBytes(20))}&issuer=${issuer}`
    })
    writeFileSync(list, uris.join('\n') + '\n')
    console.log(`[2] importing ${ACCOUNTS} accounts into a throwaway keychain service...`)
    runner([CLI, 'import', '--yes', list], env)()
    const { ours, base } = await versusNode(runner([CLI, 'code', 'acct-137'], env))
    report(
      `[2] \`warifu code <search>\` on ${ACCOUNTS} accounts (real keychain) vs \`node -e 0\`, median of ${RUNS}`,
      ours,
      base,
      '< 3x',
      ours / base < 3,
    )
  } finally {
    spawnSync('secret-tool', ['clear', 'service', env.WARIFU_KEYCHAIN_SERVICE], { env })
    rmSync(home, { recursive: true, force: true })
    rmSync(files, { recursive: true, force: true })
  }
}

console.log(`warifu CLI benchmark: node ${process.version}, ${new Date().toISOString()}`)
const started = performance.now()
await benchUri()
if (process.env.WARIFU_IN_KEYRING_SESSION === '1') await benchSearch()
else console.log('[2] skipped: run inside tests/with-keyring.sh (npm run bench:cli does) for the keychain figure')
console.log(`done (${ms(performance.now() - started)} total)`)
