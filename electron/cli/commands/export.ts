/** `warifu export`: encrypted Aegis backup, plain exports for moving, or Google Authenticator QR codes. */
import { MIN_PASSWORD_LENGTH } from '../../../shared/backup/password-strength'
import { pathForEcho } from '../../../shared/echo'
import { UsageError } from '../../../shared/errors'
import type { ExportFormat } from '../../backup/index'
import { parseCommandArgs } from '../args'
import { passwordStrengthLine } from '../password-hint'
import type { Command } from '../io'
import { promptPassword, readPasswordFile } from './password'

export const exportCommand: Command = {
  name: 'export',
  summary: 'Write a verified backup (encrypted Aegis) or an export for moving',
  help: `Usage:
  warifu export --format aegis|aegis-plain|otpauth|ga-qr --out <file>
                [--password-file <file>] [--yes-write-plain-secrets]

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

Every export is read back and compared before success is reported.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      format: { type: 'string' },
      out: { type: 'string' },
      'password-file': { type: 'string' },
      'yes-write-plain-secrets': { type: 'boolean' },
    })
    if (positionals.length > 0)
      throw new UsageError('export takes no positional arguments (passwords never go on the command line).')
    // The backup code (crypto, formats, QR writer) loads only for this command.
    const { EXPORT_FORMATS, exportBackup } = await import('../../backup/index')
    const format = values.format as ExportFormat | undefined
    if (!format || !EXPORT_FORMATS.includes(format))
      throw new UsageError('--format must be aegis, aegis-plain, otpauth or ga-qr.')
    if (!values.out) throw new UsageError('Name the output file with --out.')
    let password: string | undefined
    if (format === 'aegis') {
      if (values['password-file'] !== undefined) password = await readPasswordFile(values['password-file'])
      else {
        password = await promptPassword('Backup password: ')
        // The app's hint, shown before the confirmation so a weak choice can still change.
        io.err(await passwordStrengthLine(password))
        if ((await promptPassword('Again: ')) !== password) throw new UsageError('The passwords differ.')
      }
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
