/** `warifu browser install|uninstall`: connect Warifu's extension to the browsers, or cut it off. */
import { realpathSync } from 'node:fs'
import { UsageError } from '../../../shared/errors'
import { connectBrowser, removeBrowserAccess } from '../../browser/connect'
import {
  BROWSERS,
  hostCommandFor,
  processInstallContext,
  type BrowserInstallResult,
  type BrowserName,
  type InstallContext,
} from '../../browser/install'
import { parseCommandArgs } from '../args'
import type { CliIo, Command } from '../io'

const STATUS_TEXT: Record<BrowserInstallResult['status'], string> = {
  installed: 'connected',
  'not-found': 'not found (no profile folder; name it with --browser to connect anyway)',
  removed: 'removed',
  absent: 'was not connected',
  'not-ours': 'left alone (not written by Warifu)',
}

function browsersFrom(value: string | undefined): BrowserName[] | undefined {
  if (value === undefined || value === 'all') return undefined
  if ((BROWSERS as readonly string[]).includes(value)) return [value as BrowserName]
  throw new UsageError(`--browser takes ${BROWSERS.join(', ')} or all.`)
}

/** The running CLI's install context; tests pass their own. */
function defaultContext(): InstallContext {
  // Only the npm CLI has a script path; in the packaged app argv[1] is the user's first word.
  const argv1 = process.versions.electron === undefined ? process.argv[1] : undefined
  const script = argv1 === undefined ? undefined : realpathSync(argv1)
  return processInstallContext(
    hostCommandFor({ versions: process.versions, execPath: process.execPath, script, env: process.env }),
  )
}

/** The command, over an injected install context (the real one by default). */
export function makeBrowserCommand(context: () => InstallContext = defaultContext): Command {
  return {
    name: 'browser',
    summary: 'Connect the browser extension (install), or remove its access (uninstall)',
    help: `Usage:
  warifu browser install [--browser chrome|chromium|edge|brave|firefox|all]
  warifu browser uninstall [--browser chrome|chromium|edge|brave|firefox|all]

install writes the native messaging host manifest that lets Warifu's own
extension (and no other) ask for the code of the page it is on. Per user: on
Linux and macOS in each browser's own folder, on Windows in the registry
(HKCU). With all (the default), every browser that has a profile folder.
Running it again changes nothing.

uninstall removes the manifests Warifu wrote (and nothing else). Without
--browser, or with all, it also removes the browsers' access: until the next
install, the host answers every request with "access removed".`,
    async run(args: string[], io: CliIo) {
      const { values, positionals } = parseCommandArgs(args, { browser: { type: 'string' } })
      const [action, ...extra] = positionals
      if ((action !== 'install' && action !== 'uninstall') || extra.length > 0)
        throw new UsageError('Use warifu browser install|uninstall [--browser <name>].')
      const browsers = browsersFrom(values.browser)
      const options = { ctx: context(), nowMs: io.now(), ...(browsers ? { browsers } : {}) }
      const results = action === 'install' ? await connectBrowser(options) : await removeBrowserAccess(options)
      for (const r of results) io.out(`${r.browser}: ${STATUS_TEXT[r.status]}  ${r.where}`)
      if (action === 'install' && results.some((r) => r.status === 'installed'))
        io.err('Next: load Warifu\u2019s extension in the browser (see the README), then use its button or shortcut.')
      if (action === 'install' && !results.some((r) => r.status === 'installed')) {
        io.err('warifu: no browser profile folder was found; name one with --browser.')
        return 1
      }
      return 0
    },
  }
}

export const browserCommand: Command = makeBrowserCommand()
