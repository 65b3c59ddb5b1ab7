/**
 * Main process: the sites of accounts (issue 10). Main parses every site itself (the page's
 * list is only a request) and runs the link check against the vault it holds.
 */
import { checkText, knownSites } from '../../shared/sites/check'
import { suggestSites } from '../../shared/sites/known-services'
import type { Vault } from '../vault/vault'
import type { Handlers } from './handlers'

type SiteChannel =
  'accounts:set-sites' | 'accounts:site-suggestions' | 'accounts:dismiss-site-suggestion' | 'sites:check'

/** Re-exported: the handlers' tests check the grouping from here. */
export { knownSites }

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
