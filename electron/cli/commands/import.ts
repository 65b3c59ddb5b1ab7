/** `warifu import`: preview then add accounts from backups, otpauth lists and QR images, all or nothing. */
import { AppError, UsageError } from '../../../shared/errors'
import type { ImportSource, PreviewAccount } from '../../backup/index'
import { parseCommandArgs } from '../args'
import type { Command } from '../io'
import { promptPassword, readPasswordFile } from './password'

const name = (a: { issuer: string; label: string }) => [a.issuer, a.label].filter(Boolean).join(' / ') || '(no name)'
const describe = (a: PreviewAccount) =>
  `${name(a)} (${a.type.toUpperCase()}, ${a.algorithm}, ${a.digits} digits, ${a.type === 'totp' ? `${a.period} s` : `counter ${a.counter}`})`

const LINK = /^\s*otpauth(-migration)?:\/\//i

export const importCommand: Command = {
  name: 'import',
  summary: 'Import accounts from Aegis, 2FAS, Ente, otpauth lists, GA export QR images',
  help: `Usage:
  warifu import <file-or-image-or-link>... [--yes] [--password-file <file>]
  <command> | warifu import - [--yes] [--password-file <file>]

Reads Aegis (plain or encrypted), 2FAS (.2fas, plain or encrypted), Ente Auth
plain exports, otpauth:// URI lists, Warifu's exports, and PNG/JPEG images of
Google Authenticator export QR codes (give every image of a batch at once).
Shows what will be added, what is already saved and what cannot be imported,
then asks; --yes skips the question. Nothing is added unless all of it is.
Encrypted files ask for their password, or read it from --password-file.
An otpauth:// or otpauth-migration:// argument is read as a link, not a file
name; "-" reads such links (one a line) from standard input.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      yes: { type: 'boolean' },
      'password-file': { type: 'string' },
    })
    if (positionals.length === 0) throw new UsageError('Name at least one file: warifu import <file>...')
    if (positionals.filter((p) => p === '-').length > 1) throw new UsageError('Give "-" (standard input) once.')
    const fromFile = values['password-file'] === undefined ? undefined : await readPasswordFile(values['password-file'])
    // The backup code (crypto, formats, image decoding) loads only for this command.
    const { commitImport, previewImport } = await import('../../backup/index')
    const vault = await io.openVault()
    const sources: ImportSource[] = []
    for (const [i, arg] of positionals.entries()) {
      if (arg === '-') sources.push({ kind: 'text', text: await io.readStdin(), name: 'standard input' })
      // A link is text to read, never a file name to open (and never echoed: it holds the secret).
      else if (LINK.test(arg)) sources.push({ kind: 'text', text: arg, name: `link ${i + 1}` })
      else sources.push({ kind: 'file', path: arg })
    }
    const preview = await previewImport(vault, sources, {
      password: fromFile ?? ((source) => promptPassword(`Password for ${source}: `)),
    })
    for (const a of preview.toAdd) {
      io.out(`add        ${describe(a)}${a.sites.length > 0 ? ` at ${a.sites.join(', ')}` : ''}`)
      // A Warifu export's site that is not a site was dropped; the account is imported without it.
      if (a.sitesLeftOut) io.err(`warifu: ${name(a)}: ${a.sitesLeftOut} site(s) in the file are not sites; left out.`)
    }
    for (const a of preview.duplicates)
      io.out(`duplicate  ${describe(a)}${a.existingId ? ` (saved as ${a.existingId})` : ''}`)
    for (const r of preview.rejected) io.out(`skip       ${name(r)}: ${r.reason} [${r.code}]`)
    for (const b of preview.incompleteBatches) {
      io.err(
        `warifu: warning: Google Authenticator codes ${b.missing.map((i) => i + 1).join(', ')} of ${b.batchSize} were not given.`,
      )
    }
    if (preview.toAdd.length === 0) {
      io.out('Nothing to add.')
      return
    }
    if (!values.yes) {
      if (!process.stdin.isTTY) throw new UsageError('Add --yes to import without the question (no terminal to ask).')
      process.stderr.write(`Add ${preview.toAdd.length} account(s)? [y/N] `)
      const answer = await new Promise<string>((resolve) => {
        process.stdin.resume()
        process.stdin.once('data', (d) => {
          process.stdin.pause()
          resolve(String(d).trim())
        })
      })
      if (!/^y(es)?$/i.test(answer)) throw new UsageError('Cancelled; nothing was added.')
    }
    try {
      const added = await commitImport(vault, preview)
      io.out(`Added ${added.length} account(s).`)
    } catch (error) {
      if (error instanceof AppError) error.message = `Nothing was added: ${error.message}`
      throw error
    }
  },
}
