/**
 * Judges an electronegativity run: every finding above INFORMATIONAL must be listed, with a reason, in
 * tests/security/electronegativity-allow.json; anything else fails. Pure functions over the SARIF file the
 * tool wrote and the severities it reported for the same run (its SARIF carries no severity).
 */

/** Electronegativity's severities, lowest first. */
export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'] as const
export type Severity = (typeof SEVERITIES)[number]

/** One finding as the tool's runner returns it (the part we use). */
export interface RunnerIssue {
  id: string
  file: string
  location?: { line?: number; column?: number }
  severity: { name: string }
  manualReview?: boolean
}

/** A file the tool could not parse: its checks did not run there, so the scan is incomplete. */
export interface RunnerError {
  file: string
  message: string
  tolerable: boolean
}

/** The SARIF 2.1.0 subset electronegativity writes. */
export interface Sarif {
  runs: {
    results: {
      ruleId: string
      level: string
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]
    }[]
  }[]
}

/** An accepted finding: a rule in one file (any line, so edits elsewhere in the file do not churn the list). */
export interface AllowEntry {
  rule: string
  file: string
  reason: string
}

export interface Finding {
  rule: string
  file: string
  line: number
  level: string
  severity: Severity | 'UNKNOWN'
}

export interface CheckReport {
  /** Findings above INFORMATIONAL with no allow-list entry (or whose severity could not be established). */
  failures: Finding[]
  allowed: (Finding & { reason: string })[]
  informational: Finding[]
  /** Allow-list entries that matched nothing: the problem is gone, so the entry must go too. */
  stale: AllowEntry[]
  /** Files the tool could not parse. */
  unparsed: RunnerError[]
}

/** A reason must say why this finding is acceptable here, not just that it is. */
export const MIN_REASON_LENGTH = 30

/** Parses and validates the allow-list file's JSON; throws on an entry without a rule, file or real reason. */
export function parseAllowList(json: unknown): AllowEntry[] {
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { allow?: unknown }).allow)) {
    throw new Error('allow-list: expected {"allow": [...]}')
  }
  return (json as { allow: unknown[] }).allow.map((raw, i) => {
    const e = raw as Partial<Record<keyof AllowEntry, unknown>>
    if (typeof e.rule !== 'string' || !/^[A-Z0-9_]+$/.test(e.rule)) throw new Error(`allow-list[${i}]: bad rule`)
    if (typeof e.file !== 'string' || e.file === '') throw new Error(`allow-list[${i}]: bad file`)
    if (typeof e.reason !== 'string' || e.reason.trim().length < MIN_REASON_LENGTH) {
      throw new Error(
        `allow-list[${i}] (${e.rule} in ${e.file}): the reason must explain why (${MIN_REASON_LENGTH}+ characters)`,
      )
    }
    return { rule: e.rule, file: normalisePath(e.file), reason: e.reason.trim() }
  })
}

/** Project-wide findings (global checks) have no file: the tool writes "N/A", and "file:///" in SARIF. */
export const NO_FILE = 'N/A'

function normalisePath(file: string): string {
  if (file === 'file:///' || file === '') return NO_FILE
  return file.replace(/\\/g, '/').replace(/^\.\//, '')
}

function severityOf(name: string): Severity | 'UNKNOWN' {
  return (SEVERITIES as readonly string[]).includes(name) ? (name as Severity) : 'UNKNOWN'
}

/**
 * Joins each SARIF result with the runner's severity for the same rule, file and line. A result without a
 * match counts as above INFORMATIONAL: an unknown severity never passes silently.
 */
export function findingsOf(sarif: Sarif, issues: RunnerIssue[]): Finding[] {
  const severities = new Map<string, string[]>()
  for (const issue of issues) {
    // The SARIF writer turns a missing or 0 line into 1.
    const key = `${issue.id}|${normalisePath(issue.file)}|${Math.max(issue.location?.line ?? 0, 1)}`
    severities.set(key, [...(severities.get(key) ?? []), issue.severity.name])
  }
  const findings: Finding[] = []
  for (const run of sarif.runs) {
    for (const result of run.results) {
      const where = result.locations[0]?.physicalLocation
      const file = normalisePath(where?.artifactLocation.uri ?? '')
      const line = where?.region.startLine ?? 0
      const key = `${result.ruleId}|${file}|${line}`
      // Several findings of one rule on one line: take them in order.
      const severity = severities.get(key)?.shift() ?? 'UNKNOWN'
      findings.push({ rule: result.ruleId, file, line, level: result.level, severity: severityOf(severity) })
    }
  }
  return findings
}

/** Sorts findings into failures, allowed and informational, and finds stale allow-list entries. */
export function checkFindings(findings: Finding[], allow: AllowEntry[], errors: RunnerError[] = []): CheckReport {
  const report: CheckReport = { failures: [], allowed: [], informational: [], stale: [], unparsed: [] }
  const used = new Set<AllowEntry>()
  for (const finding of findings) {
    if (finding.severity === 'INFORMATIONAL') {
      report.informational.push(finding)
      continue
    }
    const entry = allow.find((e) => e.rule === finding.rule && e.file === finding.file)
    if (entry) {
      used.add(entry)
      report.allowed.push({ ...finding, reason: entry.reason })
    } else {
      report.failures.push(finding)
    }
  }
  report.stale = allow.filter((e) => !used.has(e))
  report.unparsed = errors.filter((e) => !e.tolerable)
  return report
}

/** True when the scan passes: nothing unlisted above INFORMATIONAL, no stale entry, every file parsed. */
export function isClean(report: CheckReport): boolean {
  return report.failures.length === 0 && report.stale.length === 0 && report.unparsed.length === 0
}

/** Human-readable lines for the log (rules, files and lines only: the tool's samples could quote code). */
export function formatReport(report: CheckReport): string[] {
  const lines: string[] = []
  for (const f of report.failures) {
    lines.push(`FAIL ${f.rule} (${f.severity}) at ${f.file}:${f.line}: not in electronegativity-allow.json`)
  }
  for (const e of report.stale) lines.push(`FAIL stale allow-list entry: ${e.rule} in ${e.file} no longer found`)
  for (const e of report.unparsed) lines.push(`FAIL could not parse ${e.file}: ${e.message}`)
  for (const f of report.allowed) lines.push(`allowed ${f.rule} (${f.severity}) at ${f.file}:${f.line}: ${f.reason}`)
  for (const f of report.informational) lines.push(`info ${f.rule} at ${f.file}:${f.line}`)
  return lines
}
