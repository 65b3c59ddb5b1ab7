/**
 * Named points in multi-step writes where tests kill the process to prove that
 * a crash loses nothing. Inert unless WARIFU_CRASH_AT names the point.
 */
export type CrashPoint =
  | 'add:after-pending'
  | 'add:after-keychain'
  | 'add-many:between-keychain-writes'
  | 'purge:after-pending'
  | 'purge:after-keychain'
  | 'export:before-rename'
  | 'migrate:after-vault-id'
  | 'migrate:after-copy'
  | 'adopt:after-copy'

export function crashPoint(name: CrashPoint): void {
  if (process.env.WARIFU_CRASH_AT === name) process.kill(process.pid, 'SIGKILL')
}
