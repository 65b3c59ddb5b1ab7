/**
 * `warifu browser-host`: the native messaging host the browser starts for Warifu's extension.
 * Standard output carries only protocol frames: anything else written there (a stray log line)
 * would corrupt the stream, so for the session it is sent to standard error instead.
 */
import { join } from 'node:path'
import { isBrowserAccessRemoved } from '../../browser/access'
import { notifyFill } from '../../browser/activity'
import type { BrowserHostDeps } from '../../browser/host'
import { runHostSession } from '../../browser/host-session'
import { fileStamp, VaultHolder } from '../../app/vault-holder'
import { dataDir, METADATA_FILE } from '../../vault/paths'
import { VERSION } from '../help-text'
import type { CliIo, Command } from '../io'

/** The host's dependencies over the user's vault, re-read whenever another Warifu changes it. */
export function vaultHostDeps(io: CliIo, dir: string = dataDir()): BrowserHostDeps {
  const holder = new VaultHolder(() => io.openVault(), fileStamp(join(dir, METADATA_FILE)))
  return {
    async accounts() {
      const { vault } = await holder.fresh()
      return { list: () => vault.list(), totp: (id, nowMs) => vault.totp(id, nowMs) }
    },
    now: () => io.now(),
    accessRemoved: () => isBrowserAccessRemoved(dir),
    notifyFill: (fill) => notifyFill(fill),
    version: VERSION,
  }
}

export const browserHostCommand: Command = {
  name: 'browser-host',
  summary: 'The browser extension\u2019s native messaging host (started by the browser)',
  help: `Usage:
  warifu browser-host chrome-extension://<id>/        (Chrome, Chromium, Edge, Brave)
  warifu browser-host <manifest.json> <extension-id>  (Firefox)

Started by the browser for Warifu's extension, never by hand: install it with
"warifu browser install". It reads requests on standard input and answers on
standard output in the browser's native messaging format (a 4-byte length,
then JSON). It answers only Warifu's own extension, and only with the code of
the account whose site the page is on: never a secret, never the account list.`,
  async run(args, io) {
    const stdout = process.stdout
    const writeFrame = stdout.write.bind(stdout)
    const original = Object.getOwnPropertyDescriptor(stdout, 'write')
    // Anything else that writes to stdout (a library's log line) goes to stderr instead.
    stdout.write = ((...rest: Parameters<typeof process.stderr.write>) =>
      process.stderr.write(...rest)) as typeof stdout.write
    // The browser closing the pipe (EPIPE) fails the pending write, which ends the session; without
    // a listener the same error would also be thrown as an uncaught 'error' event.
    const ignore = () => undefined
    stdout.on('error', ignore)
    try {
      return await runHostSession({
        args,
        input: process.stdin,
        write: (frame) =>
          new Promise<void>((done, fail) => writeFrame(frame, (error) => (error ? fail(error) : done()))),
        deps: vaultHostDeps(io),
      })
    } finally {
      stdout.off('error', ignore)
      if (original) Object.defineProperty(stdout, 'write', original)
      else delete (stdout as { write?: unknown }).write
    }
  },
}
