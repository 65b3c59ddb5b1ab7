/** `warifu list`: the saved accounts, never their secrets. */
import { UsageError } from '../../../shared/errors'
import { parseCommandArgs } from '../args'
import type { Command } from '../io'
import { printDeleted } from './restore'

export const listCommand: Command = {
  name: 'list',
  summary: 'List saved accounts (no secrets)',
  help: `Usage:
  warifu list [--json] [--deleted]

Prints id, issuer, label, kind and sites of each account. --json prints an
array of objects with id, issuer, label, type, algorithm, digits, period or
counter, createdAt and sites (registrable domains, possibly none). --deleted lists Recently deleted instead (as "warifu deleted").
Secrets are never printed.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      json: { type: 'boolean' },
      deleted: { type: 'boolean' },
    })
    if (positionals.length > 0) throw new UsageError('list takes no arguments besides --json and --deleted.')
    const vault = await io.openVault()
    if (values.deleted) return printDeleted(vault, io, values.json === true)
    const accounts = vault.list()
    if (values.json) {
      io.out(JSON.stringify(accounts, null, 2))
      return
    }
    if (accounts.length === 0) {
      io.out('No accounts yet. Add one with: warifu add <otpauth-uri>')
      return
    }
    for (const a of accounts) {
      const kind =
        a.type === 'totp'
          ? `TOTP ${a.algorithm} ${a.digits}d ${a.period}s`
          : `HOTP ${a.algorithm} ${a.digits}d #${a.counter}`
      io.out([a.id, a.issuer || '-', a.label || '-', kind, a.sites.join(' ') || '-'].join('\t'))
    }
  },
}
