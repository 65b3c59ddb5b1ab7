/**
 * Kills at random instants and writers at the same time, on the real keychain
 * (tests/with-keyring.sh) through the built `warifu` command.
 *
 * Every command runs with WARIFU_LOCK_TIMEOUT_MS=2000: a command that had to
 * wait longer than 2 s for the lock fails (VAULT_BUSY) instead of passing late,
 * so "the next command succeeds" means "within 2 s" without timing anything.
 */
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { base32FromBytes } from '../../shared/otp/secret'
import { useCliSandboxes } from '../support/cli-process'
import { seededRandom } from '../support/seeded-random'
import { CLI, cliBuilt, hasTool, inKeyringSession, ROOT, skipUnless } from '../support/tools'

const skip = skipUnless(
  inKeyringSession() && cliBuilt() && hasTool('secret-tool'),
  'a Secret Service keyring (tests/with-keyring.sh) and the built CLI',
)
const ROUNDS = 100
const LOCK_ENV = { WARIFU_LOCK_TIMEOUT_MS: '2000' }

interface StoredRecord {
  id: string
  label: string
  pending?: string
  deletedAt?: string
}

type Sandbox = ReturnType<ReturnType<typeof useCliSandboxes>>

/** Runs one command in the background and kills it after `killAfterMs` (or lets it finish). */
function runKilled(s: Sandbox, args: string[], killAfterMs: number): Promise<{ killed: boolean; ms: number }> {
  const started = performance.now()
  const proc = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...s.env, ...LOCK_ENV }, stdio: 'ignore' })
  const timer = setTimeout(() => proc.kill('SIGKILL'), killAfterMs)
  return new Promise((done) =>
    proc.on('exit', (_code, signal) => {
      clearTimeout(timer)
      done({ killed: signal === 'SIGKILL', ms: performance.now() - started })
    }),
  )
}

function records(s: Sandbox): StoredRecord[] {
  const raw = JSON.parse(readFileSync(join(s.home, 'vault.json'), 'utf8')) as { accounts: StoredRecord[] }
  return raw.accounts
}

/** Account ids that have a secret under the sandbox's keychain service, as libsecret's own tool sees them ("<vault id>/<account id>"). */
function keychainIds(s: Sandbox): string[] {
  return [...s.secretTool().matchAll(/attribute\.account = [0-9a-f]{16}\/([0-9a-f]{16})/g)].map((m) => m[1]!).sort()
}

describe.skipIf(skip)('the vault under kills and concurrent writers (real keychain)', () => {
  const sandbox = useCliSandboxes()

  it(`loses nothing when add, import, remove and delete-forever are killed at random instants (${ROUNDS} rounds)`, async () => {
    const s = sandbox()
    const random = seededRandom(20261126)
    let serial = 0
    const secret = () => base32FromBytes(Uint8Array.from({ length: 20 }, () => Math.floor(random() * 256)))
    const uri = (label: string) => `otpauth://totp/Crash:${label}?secret=${secret()}&issuer=Crash`
    const importFile = join(s.files, 'three.txt')

    for (const label of ['keep-1', 'keep-2', 'keep-3']) expect(s.run(['add', uri(label)]).status).toBe(0)
    // How long each kind of command takes here, so kills land anywhere inside it.
    const took: Record<string, number> = {}
    const ops = ['add', 'import', 'remove', 'forever'] as const
    type Op = (typeof ops)[number]

    /** The command line for one op, or null when the vault has nothing it could act on. */
    function commandFor(op: Op, live: StoredRecord[], deleted: StoredRecord[]): string[] | null {
      serial++
      if (op === 'add') return ['add', uri(`a${serial}`)]
      if (op === 'import') {
        writeFileSync(importFile, [1, 2, 3].map((n) => uri(`i${serial}-${n}`)).join('\n') + '\n')
        return ['import', importFile, '--yes']
      }
      const pool = op === 'remove' ? live.filter((r) => !r.label.startsWith('keep')) : deleted
      if (pool.length === 0) return null
      const target = pool[Math.floor(random() * pool.length)]!
      return op === 'remove' ? ['remove', target.id] : ['remove', '--forever', target.id]
    }

    for (const op of ops) {
      const all = records(s)
      const args = commandFor(
        op,
        all.filter((r) => !r.deletedAt),
        all.filter((r) => r.deletedAt),
      )
      if (!args) {
        took[op] = took.add!
        continue
      }
      const run = await runKilled(s, args, 60_000)
      expect(run.killed).toBe(false)
      took[op] = run.ms
    }

    let kills = 0
    for (let round = 0; round < ROUNDS; round++) {
      const before = records(s)
      const live = before.filter((r) => !r.deletedAt)
      const deleted = before.filter((r) => r.deletedAt)
      const op = ops[Math.floor(random() * ops.length)]!
      const args = commandFor(op, live, deleted)
      if (!args) continue
      const target = op === 'remove' || op === 'forever' ? args.at(-1)! : undefined
      const { killed } = await runKilled(s, args, random() * took[op]! * 1.2)
      if (killed) kills++

      // The next command works at once: listing repairs under the lock the dead process let go of.
      const listed = spawnSync(process.execPath, [CLI, 'list', '--json'], {
        cwd: ROOT,
        env: { ...s.env, ...LOCK_ENV },
        encoding: 'utf8',
      })
      const where = `round ${round} (${args.join(' ').slice(0, 40)}, killed: ${killed})`
      expect(listed.status, `${where}: ${listed.stderr}`).toBe(0)
      expect(listed.stderr, where).not.toMatch(/missing from the keychain/)
      const after = records(s)
      expect(
        after.filter((r) => r.pending),
        where,
      ).toEqual([])
      const afterIds = new Set(after.map((r) => r.id))
      const afterLive = new Set(after.filter((r) => !r.deletedAt).map((r) => r.id))
      // Nothing that was saved before is gone, except what delete-forever was told to delete.
      for (const r of before) {
        if (r.id === target && op === 'forever') continue
        expect(afterIds.has(r.id), `${where}: ${r.label} was lost`).toBe(true)
        if (!r.deletedAt && r.id !== target)
          expect(afterLive.has(r.id), `${where}: ${r.label} left the list`).toBe(true)
      }
      // An import is all or nothing.
      if (op === 'import') {
        const imported = after.filter((r) => r.label.startsWith(`i${serial}-`)).length
        expect([0, 3], where).toContain(imported)
      }
      // Every 10 rounds: the keychain and the account file agree exactly (no lost secret, no orphan).
      if (round % 10 === 9) expect(keychainIds(s), where).toEqual([...afterIds].sort())
    }
    expect(keychainIds(s)).toEqual(
      records(s)
        .map((r) => r.id)
        .sort(),
    )
    // The seed and the calibration put most kills inside a command; a run where few land proves little.
    expect(kills).toBeGreaterThan(ROUNDS / 3)
  }, 600_000)

  it('keeps all 100 accounts when two processes add 50 each at the same time', async () => {
    const s = sandbox()
    const child = (name: string) =>
      spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests', 'support', 'add-many-child.ts'), name, '50'], {
        cwd: ROOT,
        env: { ...s.env, ...LOCK_ENV, WARIFU_LOCK_TIMEOUT_MS: '60000' },
        stdio: ['ignore', 'ignore', 'pipe'],
      })
    const procs = [child('left'), child('right')]
    const codes = await Promise.all(
      procs.map(
        (p) =>
          new Promise<{ code: number | null; stderr: string }>((done) => {
            let stderr = ''
            p.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
            p.on('exit', (code) => done({ code, stderr }))
          }),
      ),
    )
    expect(codes).toEqual([
      { code: 0, stderr: '' },
      { code: 0, stderr: '' },
    ])
    const listed = s.run(['list', '--json'])
    expect(listed.status).toBe(0)
    const labels = (JSON.parse(listed.stdout) as { label: string }[]).map((a) => a.label).sort()
    const expected = ['left', 'right'].flatMap((side) => Array.from({ length: 50 }, (_, i) => `${side}-${i}`)).sort()
    expect(labels).toEqual(expected)
    expect(keychainIds(s)).toHaveLength(100)
  }, 300_000)
})
