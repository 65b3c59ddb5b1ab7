/** `warifu check <text...>`: is this link, host, address or pasted e-mail one of your accounts' sites? */
import { UsageError } from '../../../shared/errors'
import { checkText, knownSites, MAX_CHECK_TEXT, type LinkFinding, type Verdict } from '../../../shared/sites/check'
import { registrableDomain } from '../../../shared/sites/domain'
import { parseCommandArgs } from '../args'
import type { Command } from '../io'

/** Exit codes: everything found is yours (0); something is not, or cannot be checked (1); a likely fake (3). */
export const CHECK_EXIT: Record<Verdict, number> = { yours: 0, unknown: 1, unverifiable: 1, lookalike: 3 }

// Control and bidi characters could rewrite the terminal line (or reverse how a host reads).
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g

function printable(text: string): string {
  return text.replace(UNPRINTABLE, '\ufffd')
}

/** A found link as printed: without a query or fragment that names a secret or an otpauth link. */
function shownLink(text: string): string {
  return /otpauth|secret/i.test(text) ? text.replace(/[?#].*$/s, '?…') : text
}

function whose(finding: LinkFinding): string {
  const names = (finding.accounts ?? []).map((a) => [a.issuer, a.label].filter((s) => s !== '').join(' / '))
  const unique = [...new Set(names)].filter((n) => n !== '')
  return unique.length === 0 ? '' : ` (${printable(unique.slice(0, 3).join(', '))}${unique.length > 3 ? ', …' : ''})`
}

/** The finding in plain words, first line the verdict, then one line per reason. */
export function describeFinding(finding: LinkFinding): string[] {
  const shown = printable(shownLink(finding.text))
  const host = finding.host ?? ''
  const domain = registrableDomain(host) ?? host
  const site = finding.site ?? ''
  const who = finding.isSender === true ? `The sender ${shown}` : shown
  const lines: string[] = []
  switch (finding.verdict) {
    case 'yours':
      lines.push(`OK: ${who} is ${site}, the site of your account${whose(finding)}.`)
      break
    case 'lookalike':
      lines.push(
        site === ''
          ? `FAKE? ${who} goes to ${host}, which is made to look like another address.`
          : finding.accounts !== undefined && finding.accounts.length > 0
            ? `FAKE? ${who} is NOT ${site}${whose(finding)}.`
            : `FAKE? ${who} is NOT ${site} (a well-known service's site).`,
      )
      break
    case 'unverifiable':
      lines.push(`CANNOT CHECK: ${who} is a link shortener; where it leads cannot be known without opening it.`)
      break
    case 'unknown':
      lines.push(
        host === ''
          ? `NOT YOURS: ${who} has no address that can be read, so it is not one of your accounts' sites.`
          : `NOT YOURS: ${who} is not one of your accounts' sites (${domain}).`,
      )
      break
  }
  for (const reason of finding.reasons) {
    switch (reason) {
      case 'subdomain-trick':
        lines.push(`  The real site's name is used as the start of another site (${domain}).`)
        break
      case 'brand-in-other-domain':
        lines.push(`  The name ${site} appears inside another site's name (${domain}); the real site is only ${site}.`)
        break
      case 'other-suffix':
        lines.push(`  Same name with a different ending: ${domain} instead of ${site}. They are different sites.`)
        break
      case 'homograph':
        lines.push(`  It uses letters from another alphabet that look the same as ${site}; it is really ${domain}.`)
        break
      case 'edit-distance':
        lines.push(
          `  The name differs from ${site} by a letter or two, or by look-alike letters (rn for m, 0 for o): ${domain}.`,
        )
        break
      case 'userinfo':
        lines.push(`  The text before the @ is ignored by the browser: the link really goes to ${host}.`)
        break
      case 'plain-http':
        lines.push('  Warning: this link starts with http://, not https://; do not log in through it.')
        break
      case 'shortener':
        lines.push('  Do not enter a password or code on the page it opens unless the address bar shows your site.')
        break
      case 'sender-forgeable':
        lines.push("  An e-mail's sender line can be forged: it alone proves nothing. Check the links.")
        break
    }
  }
  return lines
}

const SUMMARY: Record<Verdict, string> = {
  yours: 'Everything found is one of your accounts\u2019 sites.',
  unknown: 'Not one of your accounts\u2019 sites: do not enter a code from Warifu there.',
  unverifiable: 'Cannot be checked offline: do not enter a code from Warifu unless the address bar shows your site.',
  lookalike: 'This looks like a fake site: do not enter your password or a code there.',
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'Check a link, host, e-mail address or pasted e-mail against your accounts\u2019 sites',
  help: `Usage:
  warifu check <url | host | address | text>...
  warifu check -          (reads a whole e-mail or SMS from standard input)
  warifu check --json ...

Finds every web address, host name and e-mail address in the text and says
whether it is one of your accounts' sites (or a subdomain of one), looks like
a fake of one (and why), or is neither. For a pasted e-mail, the sender (From)
is checked too, with the caveat that it can be forged. Nothing is fetched:
the check is offline, so a shortened link (bit.ly...) cannot be checked.

Exit status: 0 when everything found is one of your sites; 1 when something is
not, cannot be checked (a link shortener), or nothing was found; 3 when
something looks like a fake; 2 for a usage error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } })
    if (positionals.length === 0)
      throw new UsageError('Give a link, host, address or text, or - to read it from standard input.')
    const text = positionals.length === 1 && positionals[0] === '-' ? await io.readStdin() : positionals.join(' ')
    if (text.length > MAX_CHECK_TEXT)
      io.err(`warifu: only the first ${MAX_CHECK_TEXT / 1024} KiB of the text were checked.`)
    const vault = await io.openVault()
    const result = checkText(text, knownSites(vault.list()))
    if (values.json === true) {
      io.out(JSON.stringify(result, null, 2))
      return result.findings.length === 0 ? 1 : CHECK_EXIT[result.worst]
    }
    if (result.findings.length === 0) {
      io.out('No web address, host name or e-mail address was found to check.')
      return 1
    }
    for (const finding of result.findings) for (const line of describeFinding(finding)) io.out(line)
    io.out(SUMMARY[result.worst])
    return CHECK_EXIT[result.worst]
  },
}
