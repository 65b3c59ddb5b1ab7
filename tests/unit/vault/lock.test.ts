import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../shared/errors'
import type { OtpParams } from '../../../shared/otp/account'
import { lockHolder, withFileLock } from '../../../electron/vault/lock'
import { Vault } from '../../../electron/vault/vault'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'
import { ROOT } from '../../support/tools'

const CHILD = join(ROOT, 'tests', 'support', 'lock-child.ts')

const totp: OtpParams = {
  type: 'totp',
  secret: 'JBSWY3DPEHPK3PXP',
  issuer: 'Monex',
  label: 'taro',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
}

const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
})

function child(args: string[]): ChildProcess {
  // tsx as a loader, not its CLI, so the child is one process and its PID is the holder's.
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(proc)
  return proc
}

/** A second process holding the lock; resolves once it says so, with its PID. */
async function holder(lockPath: string): Promise<{ proc: ChildProcess; pid: number }> {
  const proc = child(['hold', lockPath])
  const pid = await new Promise<number>((done, fail) => {
    proc.stdout!.on('data', (chunk: Buffer) => {
      const said = /held (\d+)/.exec(chunk.toString())
      if (said) done(Number(said[1]))
    })
    proc.on('exit', () => fail(new Error('the holder exited')))
  })
  return { proc, pid }
}

const exited = (proc: ChildProcess) =>
  new Promise<number | null>((done) => (proc.exitCode !== null ? done(proc.exitCode) : proc.on('exit', done)))

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected a rejection')
}

describe('the writers\u2019 lock', () => {
  const tempDir = useTempDir()

  it('is free the moment a killed holder dies (a kill used to leave it taken for good)', async () => {
    const lock = join(tempDir(), 'vault.json.lock')
    const { proc } = await holder(lock)
    proc.kill('SIGKILL')
    await exited(proc)
    // Two seconds at most, as the issue asks: past that the attempt fails instead of passing late.
    expect(await withFileLock(lock, () => Promise.resolve('mine'), 2000)).toBe('mine')
  })

  it.each([
    ['empty (killed between create and write, by an older Warifu)', ''],
    ['garbage', '\u0000\u00ffnot a pid'],
    ['a PID that is alive (reused after a reboot)', String(process.pid)],
    ['the PID of init', '1'],
  ])('is not blocked by a lock file that is %s', async (_name, content) => {
    const lock = join(tempDir(), 'vault.json.lock')
    writeFileSync(lock, content)
    expect(await withFileLock(lock, () => Promise.resolve('mine'), 2000)).toBe('mine')
  })

  it('waits for a live holder, then names it', async () => {
    const lock = join(tempDir(), 'vault.json.lock')
    const { pid } = await holder(lock)
    expect(await lockHolder(lock)).toEqual({ pid, what: 'lock-test-holder' })
    const error = await errorOf(withFileLock(lock, () => Promise.resolve('mine'), 300))
    expect(error.code).toBe('VAULT_BUSY')
    expect(error.message).toContain(`lock-test-holder (process ${pid})`)
    expect(error.message).toMatch(/close it/)
  })

  it('is taken as soon as a live holder lets go', async () => {
    const lock = join(tempDir(), 'vault.json.lock')
    const { pid } = await holder(lock)
    let taken = false
    const waiting = withFileLock(lock, () => Promise.resolve((taken = true)), 30_000)
    expect(taken).toBe(false)
    process.kill(pid, 'SIGTERM')
    expect(await waiting).toBe(true)
  })

  it('never lets two writers in this process hold it at once', async () => {
    const lock = join(tempDir(), 'vault.json.lock')
    let inside = 0
    let most = 0
    await Promise.all(
      Array.from({ length: 40 }, () =>
        withFileLock(lock, async () => {
          most = Math.max(most, ++inside)
          await new Promise((r) => setImmediate(r))
          inside--
        }),
      ),
    )
    expect(most).toBe(1)
  })

  it('never lets two writer processes hold it at once: 3 x 60 increments all count', async () => {
    const dir = tempDir()
    const lock = join(dir, 'vault.json.lock')
    const counter = join(dir, 'count')
    writeFileSync(counter, '0')
    const procs = [0, 1, 2].map(() => child(['count', lock, counter, '60']))
    expect(await Promise.all(procs.map(exited))).toEqual([0, 0, 0])
    expect(Number(readFileSync(counter, 'utf8'))).toBe(180)
  })
})

describe('readers and the writers\u2019 lock', () => {
  const tempDir = useTempDir()
  const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DP'
  const record = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    type: 'totp',
    issuer: 'Monex',
    label: id,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  })
  const writeVault = (dir: string, accounts: unknown[]) =>
    writeFileSync(join(dir, 'vault.json'), JSON.stringify({ format: 'warifu-vault', version: 1, accounts }))

  it('lists and gives codes while a live writer holds the lock mid-add, leaving its pending record alone', async () => {
    const dir = tempDir()
    const store = new MemorySecretStore()
    await store.set('00000000000000aa', SECRET)
    await store.set('00000000000000bb', SECRET) // the writer's keychain step is done, its last metadata write is not
    writeVault(dir, [record('00000000000000aa'), record('00000000000000bb', { pending: 'add' })])
    const { proc, pid } = await holder(join(dir, 'vault.json.lock'))
    const previous = process.env.WARIFU_LOCK_TIMEOUT_MS
    process.env.WARIFU_LOCK_TIMEOUT_MS = '300' // a reader that waited would fail, not pass late
    try {
      const vault = await Vault.open({ dir, store, now: () => 1_700_000_000_000 })
      expect(vault.list().map((a) => a.id)).toEqual(['00000000000000aa'])
      expect(vault.totp('00000000000000aa').code).toMatch(/^\d{6}$/)
      expect(vault.problems).toEqual([])
      // The writer's pending record is its own business while it lives.
      expect(readFileSync(join(dir, 'vault.json'), 'utf8')).toContain('"pending":"add"')
      const busy = await errorOf(vault.add({ ...totp, label: 'new' }))
      expect(busy.code).toBe('VAULT_BUSY')
      expect(busy.message).toContain(`process ${pid}`)
    } finally {
      if (previous === undefined) delete process.env.WARIFU_LOCK_TIMEOUT_MS
      else process.env.WARIFU_LOCK_TIMEOUT_MS = previous
    }
    proc.kill('SIGKILL')
    await exited(proc)
    // Now it is a crash: the next open finishes the add.
    const after = await Vault.open({ dir, store, now: () => 1_700_000_000_000 })
    expect(after.list().map((a) => a.id)).toEqual(['00000000000000aa', '00000000000000bb'])
    expect(after.problems.map((p) => p.kind)).toEqual(['add-completed'])
  })
})
