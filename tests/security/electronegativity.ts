/**
 * Runs @doyensec/electronegativity over the Electron sources (electron/, renderer/ with its index.html, and
 * shared/, whose IPC bridge runs in the page), writes its SARIF report to tests/artifacts/electronegativity.sarif
 * and fails (exit 1) on any finding above INFORMATIONAL that tests/security/electronegativity-allow.json does
 * not list with a reason. The tool's own exit code is always 0, hence this wrapper.
 *
 *   npx tsx tests/security/electronegativity.ts [--root DIR] [--allow FILE] [--out FILE.sarif]
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import {
  checkFindings,
  findingsOf,
  formatReport,
  isClean,
  parseAllowList,
  type CheckReport,
  type RunnerError,
  type RunnerIssue,
  type Sarif,
} from './electronegativity-check'

const require = createRequire(import.meta.url)
const OFFLINE_PRELOAD = path.join(import.meta.dirname, 'offline-got.mjs')

/** The folders scanned, relative to the project root; a folder that does not exist is skipped. */
export const SCANNED = ['electron', 'renderer', 'shared']

/**
 * Asks GitHub for Electron's release list: this machine and CI have no network, so it only costs a timeout.
 * The Electron version is pinned in package-lock.json and upgraded deliberately.
 */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck']

interface RunOptions {
  input: string
  output?: string
  isSarif?: boolean
  isRelative: boolean
  isVerbose: boolean
  customScan: string[]
  excludeFromScan: string[]
  electronVersionOverride: string
  parserPlugins: string[]
}
type Run = (options: RunOptions, forCli: boolean) => Promise<{ issues: RunnerIssue[]; errors: RunnerError[] }>

export interface ScanResult {
  report: CheckReport
  sarifPath: string
  scanned: string[]
}

/** The installed Electron's version, so version-dependent checks judge the Electron we ship. */
function electronVersion(root: string): string {
  const pkg = JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
    version: string
  }
  return pkg.version
}

/** Copies the scanned folders into one directory so the tool sees them together (CSP in HTML and in main). */
function stage(root: string): { dir: string; scanned: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'warifu-electronegativity-'))
  const scanned = SCANNED.filter((name) => existsSync(path.join(root, name)))
  for (const name of scanned) cpSync(path.join(root, name), path.join(dir, name), { recursive: true })
  return { dir, scanned }
}

/** Runs the scan over `root` and judges it against the allow-list; writes the SARIF file to `sarifPath`. */
export async function scan(root: string, allowFile: string, sarifPath: string): Promise<ScanResult> {
  const allow = parseAllowList(JSON.parse(readFileSync(allowFile, 'utf8')))
  const version = electronVersion(root)
  const { dir, scanned } = stage(root)
  try {
    mkdirSync(path.dirname(sarifPath), { recursive: true })
    rmSync(sarifPath, { force: true })
    // The CLI writes the SARIF report (its exit code says nothing about findings).
    const cli = require.resolve('@doyensec/electronegativity/dist/index.js')
    const args = [
      '--require',
      OFFLINE_PRELOAD,
      cli,
      '-i',
      dir,
      '-o',
      sarifPath,
      '-r',
      '-v',
      'false',
      '-e',
      version,
      '-x',
      EXCLUDED_CHECKS.join(','),
    ]
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, LANG: 'en-US' } })
    if (run.status !== 0 || !existsSync(sarifPath)) {
      throw new Error(`electronegativity failed (exit ${run.status}): ${run.stderr || run.stdout}`)
    }
    const sarif = JSON.parse(readFileSync(sarifPath, 'utf8')) as Sarif
    // Its SARIF has no severity and the CLI hides parse errors when writing a file: the same run, in process,
    // returns both.
    await import(pathToFileURL(OFFLINE_PRELOAD).href)
    const runner = require('@doyensec/electronegativity') as Run
    const { issues, errors } = await runner(
      {
        input: dir,
        isRelative: true,
        isVerbose: false,
        customScan: [],
        excludeFromScan: EXCLUDED_CHECKS.map((c) => c.toLowerCase()),
        electronVersionOverride: version,
        parserPlugins: [],
      },
      false,
    )
    const report = checkFindings(findingsOf(sarif, issues), allow, errors)
    return { report, sarifPath, scanned }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      root: { type: 'string', default: process.cwd() },
      allow: { type: 'string' },
      out: { type: 'string' },
    },
  })
  const root = path.resolve(values.root)
  const allowFile = path.resolve(values.allow ?? path.join(root, 'tests', 'security', 'electronegativity-allow.json'))
  const sarifPath = path.resolve(values.out ?? path.join(root, 'tests', 'artifacts', 'electronegativity.sarif'))
  const { report, scanned } = await scan(root, allowFile, sarifPath)
  for (const line of formatReport(report)) console.log(line)
  const verdict = isClean(report) ? 'passed' : 'FAILED'
  console.log(`electronegativity ${verdict}: scanned ${scanned.join(', ')}; SARIF in ${path.relative(root, sarifPath)}`)
  process.exitCode = isClean(report) ? 0 : 1
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error))
    process.exitCode = 2
  })
}
