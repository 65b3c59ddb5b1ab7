/** `warifu site add|remove|list <account> [domain]`: the sites an account's codes belong to. */
import { InvalidSiteError, UsageError } from '../../../shared/errors'
import { parseSite } from '../../../shared/sites/domain'
import type { AccountSummary } from '../../../shared/types'
import { parseCommandArgs } from '../args'
import type { CliIo, Command } from '../io'

function printSites(account: AccountSummary, io: CliIo): void {
  if (account.sites.length === 0) {
    io.out(`No site set. Add one with: warifu site add ${account.id} <domain>`)
    return
  }
  for (const site of account.sites) io.out(site)
}

export const siteCommand: Command = {
  name: 'site',
  summary: 'Add, remove or list the sites where an account\u2019s codes belong',
  help: `Usage:
  warifu site add <id-or-search> <domain>
  warifu site remove <id-or-search> <domain>
  warifu site list <id-or-search>

A site is a registrable domain such as monex.co.jp: it covers itself and its
subdomains (www.monex.co.jp), nothing else. A web address is accepted and
stored as its site (https://www.monex.co.jp/login -> monex.co.jp). "add" and
"remove" print the site stored or removed; "list" prints one site a line.
An account holds at most 16 sites.`,
  async run(args, io) {
    const { positionals } = parseCommandArgs(args, {})
    const [action, query, domain, ...extra] = positionals
    if (action !== 'add' && action !== 'remove' && action !== 'list') {
      throw new UsageError('Use warifu site add|remove|list <account> [domain].')
    }
    const wanted = action === 'list' ? 1 : 2
    if (query === undefined || extra.length > 0 || (domain !== undefined) !== (wanted === 2)) {
      throw new UsageError(
        action === 'list'
          ? 'Name one account: warifu site list <account>.'
          : `Give an account and a domain: warifu site ${action} <account> <domain>.`,
      )
    }
    const vault = await io.openVault()
    const account = vault.find(query)
    if (action === 'list') return printSites(account, io)
    const site = parseSite(domain!)
    if (action === 'add') {
      if (account.sites.includes(site)) {
        io.out(site)
        io.err(`warifu: ${site} was already a site of this account.`)
        return
      }
      await vault.setSites(account.id, [...account.sites, site])
      io.out(site)
      return
    }
    if (!account.sites.includes(site)) {
      throw new InvalidSiteError(`${site} is not a site of this account.`)
    }
    await vault.setSites(
      account.id,
      account.sites.filter((s) => s !== site),
    )
    io.out(site)
  },
}
