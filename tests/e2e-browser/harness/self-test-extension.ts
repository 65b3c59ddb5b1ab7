/**
 * A stand-in extension with Warifu's key (so Chromium gives it Warifu's id and the host manifest
 * admits it), for testing the harness itself and for the benchmark's baseline: its service worker
 * counts shortcut presses and times native message round trips, nothing else.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CHROMIUM_EXTENSION_KEY, NATIVE_HOST_NAME } from '../../../shared/browser/extension-id'
import { FILL_COMMAND, FILL_SHORTCUT } from '../../../extension/manifest'

/** The same shortcut as the real extension's. */
export const SELF_TEST_SHORTCUT = FILL_SHORTCUT.default

/** Writes the stand-in into `dir` and returns `dir`. */
export function writeSelfTestExtension(dir: string): string {
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'Warifu harness self-test',
      version: '0.0.1',
      key: CHROMIUM_EXTENSION_KEY,
      background: { service_worker: 'background.js' },
      permissions: ['nativeMessaging'],
      commands: { [FILL_COMMAND]: { suggested_key: { default: SELF_TEST_SHORTCUT }, description: 'test' } },
    }),
  )
  writeFileSync(
    join(dir, 'background.js'),
    `self.commandsSeen = []
chrome.commands.onCommand.addListener((command) => self.commandsSeen.push(command))
/** One sendNativeMessage (the browser starts the host, asks, and stops it): its answer and ms. */
self.sendOnce = async (message) => {
  const start = performance.now()
  const answer = await chrome.runtime.sendNativeMessage(${JSON.stringify(NATIVE_HOST_NAME)}, message)
  return { answer, ms: performance.now() - start }
}
/** n round trips over one open port (the host started once): each one's ms. */
self.portRoundTrips = (message, n) => new Promise((resolve, reject) => {
  const port = chrome.runtime.connectNative(${JSON.stringify(NATIVE_HOST_NAME)})
  const times = []
  let start = 0
  const ask = () => { start = performance.now(); port.postMessage(message) }
  port.onMessage.addListener(() => {
    times.push(performance.now() - start)
    if (times.length < n) return ask()
    port.disconnect()
    resolve(times)
  })
  port.onDisconnect.addListener(() => reject(new Error(chrome.runtime.lastError?.message ?? 'disconnected')))
  ask()
})
`,
  )
  return dir
}
