/**
 * The packaged app run as `warifu <command>` or as the browser's native host: no window, no
 * single-instance lock (a CLI call or the host must work while the app's window is open), no
 * dock icon, and the app exits with the command's code.
 */
import { runCli } from '../cli/cli'
import { commandOwnerName, exitWith, realCliIo } from '../cli/real-io'
import type { EntryRoute } from './entry-routing'

/** The slice of Electron's `app` this needs (injected: electron is absent from unit tests). */
export interface HeadlessApp {
  exit(code: number): void
  dock?: { hide(): void }
  disableHardwareAcceleration?(): void
}

/** The `warifu` argv for a non-window route. */
export function cliArgsFor(route: Exclude<EntryRoute, { kind: 'gui' }>): string[] {
  return route.kind === 'host' ? ['browser-host', ...route.args] : route.args
}

/** Runs the command and exits the app with its code. */
export function runHeadless(route: Exclude<EntryRoute, { kind: 'gui' }>, app: HeadlessApp): void {
  app.dock?.hide()
  // Nothing is drawn: no GPU process to start (must be called before the app is ready).
  app.disableHardwareAcceleration?.()
  const args = cliArgsFor(route)
  const { io, hasHungKeychainCall } = realCliIo(commandOwnerName(args[0] ?? ''))
  runCli(args, io).then(
    (code) => {
      // A keychain call that never answered would keep the process alive: exitWith ends it by signal.
      exitWith(code, hasHungKeychainCall)
      // app.exit ends at once: let what is queued for stdout (a pipe on Windows is asynchronous) go first.
      process.stdout.write('', () => app.exit(code))
    },
    () => app.exit(1),
  )
}
