/** `warifu code`: a code for a URI (no vault) or for a saved account, for a person or a script. */
import { CLIPBOARD_CLEAR_SECONDS } from '../../app/clipboard-clearer'
import { UsageError } from '../../../shared/errors'
import { hotpCode, totpCode } from '../../../shared/otp/codes'
import { parseOtpUri } from '../../../shared/otp/uri'
import { parseCommandArgs, parseUnixSeconds } from '../args'
import type { AccountSummary } from '../../../shared/types'
import type { CliIo, Command } from '../io'

/** Where the code belongs, or how to say so: a typed-in code protects nothing on a fake site. */
export function siteReminder(account: Pick<AccountSummary, 'id' | 'sites'>): string {
  return account.sites.length > 0
    ? `Enter only at ${account.sites.join(', ')}`
    : `No site set: warifu site add ${account.id} <domain>`
}

/** What `--json` prints: codes and names, never the secret. */
export interface CodeReport {
  code: string
  /** TOTP: the code after this one; HOTP: absent (the next counter is not spent until asked). */
  next?: string
  secondsLeft?: number
  period?: number
  /** HOTP: the counter this code used (saved as spent). */
  counter?: number
  account?: { id: string; issuer: string; label: string }
  sites?: string[]
}

/** The clearing delay: 30 s like the app's default; WARIFU_CLIPBOARD_CLEAR_MS lets tests wait less. */
function clearAfterMs(): number {
  const raw = process.env.WARIFU_CLIPBOARD_CLEAR_MS
  return raw && /^\d{1,7}$/.test(raw) ? Number(raw) : CLIPBOARD_CLEAR_SECONDS * 1000
}

async function reportForUri(raw: string, io: CliIo, at: string | undefined): Promise<CodeReport> {
  const params = parseOtpUri(raw === '-' ? (await io.readStdin()).trim() : raw)
  if (params.type === 'hotp') return { code: hotpCode(params, params.counter), counter: params.counter }
  const nowMs = at === undefined ? io.now() : parseUnixSeconds(at)
  const now = totpCode(params, nowMs)
  const next = totpCode(params, now.expiresAt).code
  return { code: now.code, next, secondsLeft: now.secondsLeft, period: params.period }
}

async function reportForAccount(query: string, io: CliIo, at: string | undefined): Promise<CodeReport> {
  const nowMs = at === undefined ? io.now() : parseUnixSeconds(at)
  // One account's secret, not the whole keychain listing: `code` is what scripts run in loops.
  const vault = io.openVaultForOne ? await io.openVaultForOne((v) => v.find(query).id) : await io.openVault()
  const account = vault.find(query)
  const named = { account: { id: account.id, issuer: account.issuer, label: account.label }, sites: account.sites }
  if (account.type === 'hotp') {
    if (at !== undefined) throw new UsageError('--at is for time-based accounts.')
    const { code, counter } = await vault.nextHotp(account.id)
    return { code, counter, ...named }
  }
  const now = vault.totp(account.id, nowMs)
  const next = vault.totp(account.id, now.expiresAt).code
  return { code: now.code, next, secondsLeft: now.secondsLeft, period: account.period, ...named }
}

/** The line under the code for a person: how long it lasts, or which counter it used. */
const lifeLine = (r: CodeReport) =>
  r.counter !== undefined ? `(counter ${r.counter})` : `(${r.secondsLeft ?? 0}s left)`

async function copyAndWait(report: CodeReport, io: CliIo): Promise<void> {
  // Loaded only for --copy: every other `warifu code` starts without it.
  const { abortableSleep, copyThenClear, findClipboardTool, toolClipboard } = await import('../clipboard')
  const clipboard = toolClipboard(findClipboardTool())
  const person = io.stdoutIsTerminal === true
  const stop = new AbortController()
  // Ctrl+C (or the terminal closing, or kill) clears at once instead of leaving the code behind.
  const onSignal = () => stop.abort()
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
  for (const s of signals) process.on(s, onSignal)
  try {
    if (person && report.sites) io.err(siteReminder({ id: report.account!.id, sites: report.sites }))
    const outcome = await copyThenClear(report.code, {
      clipboard,
      clearAfterMs: clearAfterMs(),
      sleep: abortableSleep,
      signal: stop.signal,
      onTick: person
        ? (s) => process.stderr.write(`\rCopied; the clipboard clears in ${s}s (Ctrl+C clears it now). `)
        : undefined,
    })
    if (person) {
      process.stderr.write('\r\u001b[K')
      io.err(outcome === 'cleared' ? 'Clipboard cleared.' : 'Clipboard left as it is: it holds something else now.')
    }
  } finally {
    for (const s of signals) process.off(s, onSignal)
  }
}

export const codeCommand: Command = {
  name: 'code',
  summary: 'Print the current code of an account, or of an otpauth URI',
  help: `Usage:
  warifu code <id-or-search> [--at <unix-seconds>] [--json | --copy]
  warifu code --uri <otpauth-uri> [--at <unix-seconds>] [--json | --copy]

With an account id, id prefix or search text: prints the account's current
code (a counter-based account's next code; its counter is saved first). With
--uri: the code for that URI; no vault is read. Use --uri - to read the URI
from standard input. --at gives the time (now by default).

Standard output gets the code alone, as oathtool prints it, so scripts can
read it. When standard output is a terminal, standard error adds the seconds
left and the account's sites ("Enter only at monex.co.jp"): type the code
there and nowhere else.

  --json   one JSON line: code, next (the code after it), secondsLeft, period,
           account (id, issuer, label) and sites; counter for HOTP. Never
           the secret.
  --copy   puts the code on the clipboard instead of printing it, waits
           ${CLIPBOARD_CLEAR_SECONDS} s, then clears the clipboard if it still holds the code. At a
           terminal it counts down, and Ctrl+C clears at once. Needs a desktop
           session: wl-clipboard (Wayland), xclip or xsel (X11), pbcopy
           (macOS) or clip.exe (Windows); CLIPBOARD_UNAVAILABLE otherwise.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      uri: { type: 'string' },
      at: { type: 'string' },
      json: { type: 'boolean' },
      copy: { type: 'boolean' },
    })
    if (values.json && values.copy) throw new UsageError('Give either --json or --copy, not both.')
    let report: CodeReport
    if (values.uri !== undefined) {
      if (positionals.length > 0) throw new UsageError('Give either --uri or an account, not both.')
      report = await reportForUri(values.uri, io, values.at)
    } else {
      if (positionals.length !== 1) throw new UsageError('Name one account: warifu code <id-or-search>.')
      report = await reportForAccount(positionals[0]!, io, values.at)
    }
    if (values.json) return void io.out(JSON.stringify(report))
    if (values.copy) return copyAndWait(report, io)
    io.out(report.code)
    // For the person at the terminal, on stderr: a script reading the code from a pipe gets the code alone.
    if (io.stdoutIsTerminal === true) {
      io.err(lifeLine(report))
      if (report.account && report.sites) io.err(siteReminder({ id: report.account.id, sites: report.sites }))
    }
  },
}
