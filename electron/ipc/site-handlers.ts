/**
 * Main process: the sites of accounts (issue 10). Main parses every site itself (the page's
 * list is only a request) and runs the link check against the vault it holds.
 */
import { checkText } from '../../shared/sites/check'
import { suggestSites } from '../../shared/sites/known-services'
import type { AccountSummary } from '../../shared/types'
import type { Vault } from '../vault/vault'
import type { Handlers } from './handlers'

type SiteChannel =
  'accounts:set-sites' | 'accounts:site-suggestions' | 'accounts:dismiss-site-suggestion' | 'sites:check'

/** Every live account's sites grouped by site, in list order: what checkText compares against. */
export function knownSites(accounts: readonly AccountSummary[]): Parameters<typeof checkText>[1] {
  const bySite = new Map<string, { issuer: string; label: string }[]>()
  for (const { issuer, label, sites } of accounts) {
    for (const site of sites) {
      const list = bySite.get(site) ?? []
      list.push({ issuer, label })
      bySite.set(site, list)
    }
  }
  return [...bySite].map(([site, owners]) => ({ site, accounts: owners }))
}

export function createSiteHandlers(
  vault: () => Promise<Vault>,
  write: <T>(change: (v: Vault) => Promise<T>) => Promise<T>,
): Pick<Handlers, SiteChannel> {
  return {
    'accounts:set-sites': (id, sites) => write((v) => v.setSites(id, sites)),

    'accounts:site-suggestions': async () =>
      (await vault())
        .withoutSitesUndismissed()
        .map((a) => ({ id: a.id, sites: suggestSites(a.issuer, a.label) }))
        .filter((s) => s.sites.length > 0),

    'accounts:dismiss-site-suggestion': (id) => write((v) => v.dismissSiteSuggestion(id)),

    // Offline and instant: nothing is fetched, only compared with the sites the vault holds.
    'sites:check': async (text) => checkText(text, knownSites((await vault()).list())),
  }
}
