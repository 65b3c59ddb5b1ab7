import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT } from '../support/tools'
import {
  checkFindings,
  findingsOf,
  isClean,
  MIN_REASON_LENGTH,
  parseAllowList,
  type Finding,
  type RunnerIssue,
  type Sarif,
} from './electronegativity-check'

const SCRIPT = join(ROOT, 'tests', 'security', 'electronegativity.ts')
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
const REASON = 'x'.repeat(MIN_REASON_LENGTH)

function runScan(args: string[]): { status: number | null; out: string } {
  const run = spawnSync(process.execPath, [TSX, SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })
  return { status: run.status, out: `${run.stdout}${run.stderr}` }
}

const temps: string[] = []
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

/** A throwaway project: the given electron/ files and an installed-Electron version for the tool. */
function fixtureProject(files: Record<string, string>, allow: unknown[]): string {
  const root = mkdtempSync(join(tmpdir(), 'warifu-en-fixture-'))
  temps.push(root)
  mkdirSync(join(root, 'electron'))
  mkdirSync(join(root, 'node_modules', 'electron'), { recursive: true })
  writeFileSync(
    join(root, 'node_modules', 'electron', 'package.json'),
    readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json')),
  )
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'electron', name), text)
  writeFileSync(join(root, 'allow.json'), JSON.stringify({ allow }))
  return root
}

const INSECURE_WINDOW = `import { BrowserWindow } from 'electron'
export function open(): BrowserWindow {
  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } })
  void win.loadURL('http://example.com/')
  return win
}
`

describe('electronegativity scan', () => {
  it('finds no unlisted finding above INFORMATIONAL in electron/, renderer/ and shared/', () => {
    const { status, out } = runScan([])
    // The report lines say which finding failed and where.
    expect(out, out).toContain('electronegativity passed')
    expect(status, out).toBe(0)
    expect(existsSync(join(ROOT, 'tests', 'artifacts', 'electronegativity.sarif'))).toBe(true)
  })

  it('fails on a window with contextIsolation and sandbox off, loading a remote page', () => {
    const root = fixtureProject({ 'window.ts': INSECURE_WINDOW }, [])
    const { status, out } = runScan([
      '--root',
      root,
      '--allow',
      join(root, 'allow.json'),
      '--out',
      join(root, 'out.sarif'),
    ])
    expect(status, out).toBe(1)
    expect(out).toMatch(/FAIL CONTEXT_ISOLATION_JS_CHECK \(HIGH\) at electron\/window\.ts:3/)
    expect(out).toMatch(/FAIL SANDBOX_JS_CHECK \(\w+\) at electron\/window\.ts:3/)
    expect(out).toMatch(/FAIL HTTP_RESOURCES_JS_CHECK \(\w+\) at electron\/window\.ts:4/)
    // Project-wide: no navigation limits, no permission handler.
    expect(out).toMatch(/FAIL LIMIT_NAVIGATION_GLOBAL_CHECK \(HIGH\) at N\/A/)
    expect(out).toMatch(/FAIL PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK/)
    const sarif = JSON.parse(readFileSync(join(root, 'out.sarif'), 'utf8')) as Sarif
    expect(sarif.runs[0]?.results.map((r) => r.ruleId)).toContain('CONTEXT_ISOLATION_JS_CHECK')
  })

  it('passes the same window once each finding is listed with a reason, and fails on a stale entry', () => {
    const first = fixtureProject({ 'window.ts': INSECURE_WINDOW }, [])
    const failed = runScan(['--root', first, '--allow', join(first, 'allow.json'), '--out', join(first, 'out.sarif')])
    const rules = [...failed.out.matchAll(/^FAIL (\w+) \(/gm)].map((m) => m[1])
    expect(rules.length).toBeGreaterThan(0)

    const files = [...failed.out.matchAll(/^FAIL \w+ \(\w+\) at (.+):\d+:/gm)].map((m) => m[1])
    const listed = rules.map((rule, i) => ({ rule, file: files[i], reason: REASON }))
    const root = fixtureProject({ 'window.ts': INSECURE_WINDOW }, listed)
    const passed = runScan(['--root', root, '--allow', join(root, 'allow.json'), '--out', join(root, 'out.sarif')])
    expect(passed.status, passed.out).toBe(0)

    const stale = fixtureProject({ 'window.ts': INSECURE_WINDOW }, [
      ...listed,
      { rule: 'WEBVIEW_TAG_JS_CHECK', file: 'electron/window.ts', reason: REASON },
    ])
    const staleRun = runScan(['--root', stale, '--allow', join(stale, 'allow.json'), '--out', join(stale, 'out.sarif')])
    expect(staleRun.status).toBe(1)
    expect(staleRun.out).toContain('stale allow-list entry: WEBVIEW_TAG_JS_CHECK')
  })
})

describe('electronegativity check', () => {
  const finding = (over: Partial<Finding>): Finding => ({
    rule: 'AUXCLICK_JS_CHECK',
    file: 'electron/window.ts',
    line: 17,
    level: 'warning',
    severity: 'MEDIUM',
    ...over,
  })

  it('fails an unlisted finding above INFORMATIONAL and passes a listed one', () => {
    const allow = [{ rule: 'AUXCLICK_JS_CHECK', file: 'electron/window.ts', reason: REASON }]
    expect(isClean(checkFindings([finding({})], allow))).toBe(true)
    const report = checkFindings([finding({}), finding({ rule: 'PRELOAD_JS_CHECK', severity: 'LOW' })], allow)
    expect(report.failures.map((f) => f.rule)).toEqual(['PRELOAD_JS_CHECK'])
    expect(isClean(report)).toBe(false)
  })

  it('matches an entry by rule and file, not by rule alone', () => {
    const allow = [{ rule: 'AUXCLICK_JS_CHECK', file: 'electron/other.ts', reason: REASON }]
    const report = checkFindings([finding({})], allow)
    expect(report.failures).toHaveLength(1)
    expect(report.stale).toEqual(allow)
  })

  it('lets INFORMATIONAL findings through without an entry', () => {
    const report = checkFindings([finding({ severity: 'INFORMATIONAL', level: 'note' })], [])
    expect(report.informational).toHaveLength(1)
    expect(isClean(report)).toBe(true)
  })

  it('fails closed on a finding whose severity is unknown, even when its SARIF level is note', () => {
    expect(isClean(checkFindings([finding({ severity: 'UNKNOWN', level: 'note' })], []))).toBe(false)
  })

  it('fails when the tool could not parse a file', () => {
    const report = checkFindings([], [], [{ file: 'electron/x.ts', message: 'Unexpected token', tolerable: false }])
    expect(isClean(report)).toBe(false)
    expect(isClean(checkFindings([], [], [{ file: 'a.ts', message: 'recovered', tolerable: true }]))).toBe(true)
  })

  it('joins SARIF results with the runner severity by rule, file and line, in order', () => {
    const result = (ruleId: string, line: number) => ({
      ruleId,
      level: 'warning',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'electron/w.ts' }, region: { startLine: line } } }],
    })
    const sarif: Sarif = { runs: [{ results: [result('A', 3), result('A', 3), result('B', 1), result('C', 9)] }] }
    const issue = (id: string, line: number, severity: string): RunnerIssue => ({
      id,
      file: 'electron/w.ts',
      location: { line, column: 0 },
      severity: { name: severity },
    })
    // Line 0 is written as line 1 in the SARIF file.
    const issues = [issue('A', 3, 'HIGH'), issue('A', 3, 'INFORMATIONAL'), issue('B', 0, 'LOW')]
    expect(findingsOf(sarif, issues).map((f) => `${f.rule}:${f.severity}`)).toEqual([
      'A:HIGH',
      'A:INFORMATIONAL',
      'B:LOW',
      'C:UNKNOWN',
    ])
  })

  it('rejects an allow-list entry without a real reason or with a bad rule', () => {
    expect(() => parseAllowList({ allow: [{ rule: 'A_CHECK', file: 'f.ts', reason: 'ok' }] })).toThrow(/reason/)
    expect(() => parseAllowList({ allow: [{ rule: 'bad rule', file: 'f.ts', reason: REASON }] })).toThrow(/rule/)
    expect(() => parseAllowList({})).toThrow()
    expect(parseAllowList({ allow: [{ rule: 'A_CHECK', file: './f.ts', reason: REASON }] })).toEqual([
      { rule: 'A_CHECK', file: 'f.ts', reason: REASON },
    ])
  })

  it('keeps the project allow-list well-formed: every entry has a specific reason', () => {
    const json: unknown = JSON.parse(
      readFileSync(join(ROOT, 'tests', 'security', 'electronegativity-allow.json'), 'utf8'),
    )
    expect(() => parseAllowList(json)).not.toThrow()
  })
})
