/**
 * Main process and CLI: writing an export so that no temporary copy of it outlives the export.
 *
 * An export is written to a temp file beside its target (same filesystem, so the final rename
 * is atomic), owner-only, read back and compared from there, and only then renamed over the
 * target: a failed write or a failed verification removes the temp file and leaves an older
 * file at the target untouched. A process killed between write and rename (power cut, SIGKILL)
 * cannot clean up, so temp files carry a recognisable name with the writer's pid
 * (`.warifu-export-<pid>-<random>.tmp`) and every export first removes those in its folder
 * whose writer is gone. Why not a private temp dir: the OS temp dir is often another
 * filesystem (no atomic rename), and a dir beside the target would be left behind the same way.
 * Limit: a stale file whose pid was reused by a live process waits for a later export.
 */
import { randomBytes } from 'node:crypto'
import { lstat, mkdir, open, readdir, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { syncDir } from '../vault/atomic-file'
import { crashPoint } from '../vault/crash-points'

const TEMP_NAME = /^\.warifu-export-(\d{1,10})-[0-9a-f]{12}\.tmp$/

/** The temp file name for an export written by `pid`. */
export function exportTempName(pid = process.pid): string {
  return `.warifu-export-${pid}-${randomBytes(6).toString('hex')}.tmp`
}

/** Whether a process with this pid exists (EPERM: it does, but is another user's). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Removes the export temp files in `dir` left by writers that are gone (killed between write and
 * rename). Only regular files of ours with the exact name pattern; a live writer's file is left.
 * Returns the names removed. Never throws: a folder it cannot list has nothing it can clean.
 */
export async function removeStaleExportTemps(dir: string, isAlive = isProcessAlive): Promise<string[]> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return []
  }
  const removed: string[] = []
  for (const name of names) {
    const match = TEMP_NAME.exec(name)
    if (!match) continue
    const pid = Number(match[1])
    if (pid === process.pid || isAlive(pid)) continue
    try {
      const info = await lstat(join(dir, name))
      const mine = typeof process.getuid !== 'function' || info.uid === process.getuid()
      if (!info.isFile() || !mine) continue
      await rm(join(dir, name), { force: true })
      removed.push(name)
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed
}

/** An export written under its temp name: `commit` renames it over the target, `discard` removes it. */
export interface StagedExport {
  /** The temp file, complete and fsynced: verify from here before committing. */
  readonly tempPath: string
  readonly targetPath: string
  commit(): Promise<void>
  discard(): Promise<void>
}

/** Writes `data` owner-only (0600) beside `targetPath` under a temp name, after cleaning stale ones. */
export async function stageExport(targetPath: string, data: string | Uint8Array): Promise<StagedExport> {
  const dir = dirname(targetPath)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await removeStaleExportTemps(dir)
  const tempPath = join(dir, exportTempName())
  const handle = await open(tempPath, 'wx', 0o600)
  try {
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch (error) {
    await rm(tempPath, { force: true })
    throw error
  }
  return {
    tempPath,
    targetPath,
    async commit() {
      crashPoint('export:before-rename')
      try {
        await rename(tempPath, targetPath)
      } catch (error) {
        await rm(tempPath, { force: true })
        throw error
      }
      await syncDir(dir)
    },
    discard: () => rm(tempPath, { force: true }),
  }
}

/**
 * Stages every file, runs `verify` on the temp paths, then commits them all; on any failure
 * every temp file is removed (files already committed stay: each was verified whole).
 */
export async function writeVerifiedExport(
  files: { path: string; data: string | Uint8Array }[],
  verify: (tempPaths: string[]) => Promise<void>,
): Promise<void> {
  const staged: StagedExport[] = []
  try {
    for (const f of files) staged.push(await stageExport(f.path, f.data))
    await verify(staged.map((s) => s.tempPath))
    for (const s of staged) await s.commit()
  } catch (error) {
    await Promise.all(staged.map((s) => s.discard().catch(() => undefined)))
    throw error
  }
}
