/** `warifu export`: encrypted Aegis backup, plain exports for moving, or Google Authenticator QR codes. */
import { lstat, readdir } from 'node:fs/promises'
import { basename, dirname, resolve, sep } from 'node:path'
import { MIN_PASSWORD_LENGTH } from '../../../shared/backup/password-strength'
import { pathForEcho } from '../../../shared/echo'
import { ExportTargetExistsError, UsageError } from '../../../shared/errors'
import type { ExportFormat } from '../../backup/index'
import { dataDir } from '../../vault/paths'
import { parseCommandArgs } from '../args'
import type { Command } from '../io'
import { promptNewPassword, readPasswordFile } from './password'

/**
 * Refuses to replace a file (EXPORT_TARGET_EXISTS). For ga-qr the files are numbered, so any
 * `<base>-<n>.png` counts: a new set mixed with an older, longer one would look whole.
 * Checked before writing: a file made in between is still replaced by the final rename.
 */
async function refuseExisting(out: string, format: ExportFormat): Promise<void> {
  // A target in the data folder is refused whatever --force says (EXPORT_TARGET_REFUSED, by the export).
  const data = resolve(dataDir())
  if (resolve(out) === data || resolve(out).startsWith(data + sep)) return
  const refuse = () =>
    new ExportTargetExistsError(
      `${pathForEcho(out, 'The file named with --out')} exists already; add --force to replace it.`,
    )
  if (format !== 'ga-qr') {
    if (await exists(out)) throw refuse()
    return
  }
  const base = basename(out).replace(/\.png$/i, '')
  const names = await readdir(dirname(out)).catch(() => [] as string[])
  if (names.some((n) => n.startsWith(`${base}-`) && /^-\d+\.png$/i.test(n.slice(base.length)))) throw refuse()
}

const exists = (path: string) =>
  lstat(path).then(
    () => true,
    () => false,
  )

export const exportCommand: Command = {
  name: 'export',
  summary: 'Write a verified backup (encrypted Aegis) or an export for moving',
  help: `Usage:
  warifu export --format aegis|aegis-plain|otpauth|ga-qr --out <file>
                [--password-file <file>] [--yes-write-plain-secrets] [--force]

  aegis        encrypted Aegis vault (Aegis, Ente Auth, 2FAS... import it); asks for
               the password twice (8 characters or more), or reads it from
               --password-file (UTF-8, one trailing newline dropped). Never give
               a password as an argument.
  aegis-plain  Aegis JSON with every secret in clear text  } need
  otpauth      one otpauth:// URI a line, secrets in clear } --yes-write-plain-secrets
  ga-qr        Google Authenticator transfer QR codes as <file>-1.png, -2.png, ...
               (10 accounts a code; accounts GA cannot show are listed and left out)

Both Aegis formats also carry each account's sites in an extra "warifu"
field of its entry, which other apps ignore and "warifu import" reads back;
otpauth and ga-qr have no place for them.

An existing file is never replaced unless --force is given (for ga-qr, any
<file>-<n>.png): EXPORT_TARGET_EXISTS, exit 1. A mistyped confirmation or a
too-short password asks again, up to 3 times.

Every export is read back and compared before success is reported.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      format: { type: 'string' },
      out: { type: 'string' },
      'password-file': { type: 'string' },
      'yes-write-plain-secrets': { type: 'boolean' },
      force: { type: 'boolean' },
    })
    if (positionals.length > 0)
      throw new UsageError('export takes no positional arguments (passwords never go on the command line).')
    // The backup code (crypto, formats, QR writer) loads only for this command.
    const { EXPORT_FORMATS, exportBackup } = await import('../../backup/index')
    const format = values.format as ExportFormat | undefined
    if (!format || !EXPORT_FORMATS.includes(format))
      throw new UsageError('--format must be aegis, aegis-plain, otpauth or ga-qr.')
    if (!values.out) throw new UsageError('Name the output file with --out.')
    // Before any password is asked: a refusal after typing it twice would waste it.
    if (!values.force) await refuseExisting(values.out, format)
    let password: string | undefined
    if (format === 'aegis') {
      password =
        values['password-file'] !== undefined
          ? await readPasswordFile(values['password-file'])
          : await promptNewPassword()
      if (password === '') throw new UsageError('The password is empty.')
      if ([...password].length < MIN_PASSWORD_LENGTH) {
        throw new UsageError(`Use a password of at least ${MIN_PASSWORD_LENGTH} characters.`)
      }
    }
    const plain = format === 'aegis-plain' || format === 'otpauth'
    if (plain && !values['yes-write-plain-secrets']) {
      throw new UsageError(`${format} writes every secret in clear text; add --yes-write-plain-secrets if you mean it.`)
    }
    const vault = await io.openVault()
    const result = await exportBackup(vault, { format, outPath: values.out, password, confirmPlain: plain })
    for (const l of result.leftOut) {
      io.err(`warifu: left out ${[l.account.issuer, l.account.label].filter(Boolean).join(' / ')}: ${l.reason}`)
    }
    if (plain) io.err('warifu: warning: this file holds your secrets in clear text; delete it once moved.')
    io.out(
      `Exported ${result.exported} account(s), verified${result.isBackup ? ' (recorded as the last backup)' : ''}:`,
    )
    for (const f of result.files) io.out(pathForEcho(f, '(the file named with --out)'))
  },
}
