/** `warifu import`: preview then add accounts from backups, otpauth lists and QR images, all or nothing. */
import {
  AppError,
  DuplicateAccountError,
  NotConfirmedError,
  UnsupportedBackupError,
  UsageError,
} from '../../../shared/errors'
import { displayName } from '../../../shared/accounts/display-name'
import type { ImportPreview, ImportSource, PreviewAccount } from '../../backup/index'
import type { AccountSummary } from '../../../shared/types'
import type { Vault } from '../../vault/vault'
import { parseCommandArgs } from '../args'
import { confirmAtTerminal } from '../confirm'
import type { CliIo, Command } from '../io'
import { cliProgress, importProgressText } from '../progress'
import { promptPassword, readPasswordFile, readSecretInput } from './password'

const name = (a: { issuer: string; label: string }) => [a.issuer, a.label].filter(Boolean).join(' / ') || '(no name)'
const describe = (a: PreviewAccount) =>
  `${name(a)} (${a.type.toUpperCase()}, ${a.algorithm}, ${a.digits} digits, ${a.type === 'totp' ? `${a.period} s` : `counter ${a.counter}`})`

const LINK = /^\s*otpauth(-migration)?:\/\//i

/** The duplicate error for an account (or accounts) saved already, naming the first one saved. */
export function duplicateError(first: { issuer: string; label: string; id: string }, count = 1): DuplicateAccountError {
  const what = count > 1 ? `all ${count} accounts are already saved (the first as` : 'already saved as'
  const again = count > 1 ? 'them' : 'it'
  return new DuplicateAccountError(
    `${what} "${displayName(first, '(no name)')}" (id ${first.id})${count > 1 ? ')' : ''}; add --allow-duplicate to save ${again} again`,
  )
}

export interface ImportRun {
  sources: ImportSource[]
  /** Add without asking (import --yes, and add, which was asked to add). */
  yes: boolean
  /** The password of encrypted sources, from --password-file; otherwise asked at the terminal. */
  password?: string
  allowDuplicates?: boolean
  /** When nothing can be added, fail (add) instead of saying "Nothing to add." (import). */
  nothingIsAnError?: boolean
}

/**
 * Reads the sources, prints the preview (add / duplicate / skip lines), asks unless `yes`, and adds
 * all or nothing. The accounts added, in order. Shared by `import` and by `add` of an export text.
 */
export async function runImport(io: CliIo, vault: Vault, run: ImportRun): Promise<AccountSummary[]> {
  // The backup code (crypto, formats, image decoding) loads only for this command.
  const { commitImport, previewImport } = await import('../../backup/index')
  const progress = cliProgress()
  let preview: ImportPreview
  try {
    preview = await previewImport(vault, run.sources, {
      password:
        run.password ??
        ((source) => {
          // The question must not share its line with the progress note.
          progress.clear()
          return promptPassword(`Password for ${source}: `)
        }),
      allowDuplicates: run.allowDuplicates === true,
      onProgress: (event) => progress.update(importProgressText(event)),
    })
  } finally {
    progress.clear()
  }
  printPreview(io, preview)
  if (preview.toAdd.length === 0) {
    if (!run.nothingIsAnError) {
      io.out('Nothing to add.')
      if (preview.duplicates.length > 0 && preview.rejected.length === 0)
        io.err('warifu: note: every account in it is saved already; --allow-duplicate imports them again.')
      return []
    }
    const saved = preview.duplicates.find((d) => d.existingId !== undefined)
    if (saved && preview.rejected.length === 0) {
      throw duplicateError({ ...saved, id: saved.existingId! }, preview.duplicates.length)
    }
    throw new UnsupportedBackupError('Nothing was added: no account in that text can be added (see above).')
  }
  if (!run.yes) await confirmImport(preview.toAdd.length)
  try {
    const added = await commitImport(vault, preview)
    io.out(`Added ${added.length} account(s).`)
    return added
  } catch (error) {
    if (error instanceof AppError) error.message = `Nothing was added: ${error.message}`
    throw error
  }
}

function printPreview(io: CliIo, preview: ImportPreview): void {
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
}

async function confirmImport(count: number): Promise<void> {
  const yes = await confirmAtTerminal(`Add ${count} account(s)? [y/N] `)
  if (yes === undefined) throw new UsageError('Add --yes to import without the question (no terminal to ask).')
  // A "no" is an answer, not a usage error: exit 1, as every other question.
  if (!yes) throw new NotConfirmedError('Cancelled; nothing was added.')
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import accounts from Aegis, 2FAS, Ente, otpauth lists, GA export QR images',
  help: `Usage:
  warifu import <file-or-image-or-link>... [--yes] [--password-file <file>]
                [--allow-duplicate]
  <command> | warifu import - [--yes] [--password-file <file>] [--allow-duplicate]

Reads Aegis (plain or encrypted), 2FAS (.2fas, plain or encrypted), Ente Auth
plain exports, otpauth:// URI lists, Warifu's exports, and PNG/JPEG images of
Google Authenticator export QR codes (give every image of a batch at once).
Shows what will be added, what is already saved and what cannot be imported,
then asks; --yes skips the question. Nothing is added unless all of it is.
An account saved already (same key, issuer and label) is left out unless
--allow-duplicate.
Encrypted files ask for their password, or read it from --password-file.
An otpauth:// or otpauth-migration:// argument is read as a link, not a file
name; "-" reads such links (one a line) from standard input, or at a terminal
asks for one without showing it. Over a second of work shows progress on
standard error at a terminal.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      yes: { type: 'boolean' },
      'password-file': { type: 'string' },
      'allow-duplicate': { type: 'boolean' },
    })
    if (positionals.length === 0) throw new UsageError('Name at least one file: warifu import <file>...')
    if (positionals.filter((p) => p === '-').length > 1) throw new UsageError('Give "-" (standard input) once.')
    const fromFile = values['password-file'] === undefined ? undefined : await readPasswordFile(values['password-file'])
    const vault = await io.openVault()
    const sources: ImportSource[] = []
    for (const [i, arg] of positionals.entries()) {
      if (arg === '-') {
        // At a terminal a pasted link would stay on the screen: asked without echo, one link.
        const text = await readSecretInput(io, 'otpauth link: ')
        sources.push({ kind: 'text', text, name: 'standard input' })
      }
      // A link is text to read, never a file name to open (and never echoed: it holds the secret).
      else if (LINK.test(arg)) sources.push({ kind: 'text', text: arg, name: `link ${i + 1}` })
      else sources.push({ kind: 'file', path: arg })
    }
    await runImport(io, vault, {
      sources,
      yes: values.yes === true,
      allowDuplicates: values['allow-duplicate'] === true,
      ...(fromFile === undefined ? {} : { password: fromFile }),
    })
  },
}
