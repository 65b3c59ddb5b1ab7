/**
 * Recent activity from host to app: the built `warifu browser-host`, started as a browser starts
 * it, tells the app's listening side (activity.ts, as main.ts starts it for the same data folder)
 * "code filled on monex.co.jp", on the real keychain. Nothing is told for a page that got no code,
 * and a host with no app to tell answers just the same.
 */
import { spawn } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import {
  activitySocketAddress,
  RecentFills,
  startActivityServer,
  type ActivityServer,
} from '../../electron/browser/activity'
import { encodeFrame, readFrames } from '../../electron/browser/native-messaging'
import { CHROMIUM_EXTENSION_ID } from '../../shared/browser/extension-id'
import { useCliSandboxes } from '../support/cli-process'
import { CLI, cliBuilt, inKeyringSession, ROOT, skipUnless } from '../support/tools'

const MONEX = 'otpauth://totp/Monex:taro?secret=JBSWY3DPEHPK3PXP&issuer=Monex'
const CHROME_ORIGIN = `chrome-extension://${CHROMIUM_EXTENSION_ID}/`
const skip = skipUnless(
  inKeyringSession() && cliBuilt(),
  'a Secret Service keyring (tests/with-keyring.sh) and the built CLI',
)

/** Runs the built host with these requests; resolves to its answers once it exits. */
async function host(messages: unknown[], env: NodeJS.ProcessEnv): Promise<Record<string, unknown>[]> {
  const child = spawn(process.execPath, [CLI, 'browser-host', CHROME_ORIGIN], { cwd: ROOT, env })
  const out: Buffer[] = []
  child.stdout.on('data', (c: Buffer) => out.push(c))
  child.stderr.resume()
  const exited = new Promise<void>((done) => child.on('close', () => done()))
  for (const m of messages) child.stdin.write(encodeFrame(m))
  child.stdin.end()
  await exited
  const answers: Record<string, unknown>[] = []
  for await (const frame of readFrames([Buffer.concat(out)])) {
    if (frame.kind === 'message') answers.push(frame.value as Record<string, unknown>)
  }
  return answers
}

describe.skipIf(skip)('browser activity: the built host tells the app', () => {
  const sandbox = useCliSandboxes()
  let server: ActivityServer | null = null
  afterEach(async () => {
    await server?.close()
    server = null
  })

  it('records "code filled on monex.co.jp" for a code answered, and nothing for pages that got none', async () => {
    const s = sandbox()
    expect(s.run(['add', MONEX, '--site', 'monex.co.jp']).status).toBe(0)
    const fills = new RecentFills()
    // The address main.ts listens on for this data folder.
    server = await startActivityServer({ fills, address: activitySocketAddress({ ...s.env, WARIFU_HOME: s.home }) })
    expect(server).not.toBeNull()
    const before = Date.now()
    const answers = await host(
      [
        { v: 1, type: 'code-for-page', url: 'https://monex.co.jp.evil.test/' },
        { v: 1, type: 'code-for-page', url: 'http://monex.co.jp/' },
        { v: 1, type: 'code-for-page', url: 'https://example.org/' },
        { v: 1, type: 'code-for-page', url: 'https://www.monex.co.jp/login' },
      ],
      s.env,
    )
    expect(answers.map((a) => a.type)).toEqual(['lookalike', 'not-https', 'no-account', 'code'])
    // The host has exited: its notice was delivered before it did.
    await expect.poll(() => fills.list().length).toBe(1)
    const [fill] = fills.list()
    expect(fill).toMatchObject({ site: 'monex.co.jp', name: 'Monex (taro)' })
    expect(fill!.at).toBeGreaterThanOrEqual(before)
    expect(fill!.at).toBeLessThanOrEqual(Date.now())
    expect(JSON.stringify(fills.list())).not.toContain('JBSWY3DPEHPK3PXP')
  })

  it('answers the code the same when no app is listening', async () => {
    const s = sandbox()
    expect(s.run(['add', MONEX, '--site', 'monex.co.jp']).status).toBe(0)
    const answers = await host([{ v: 1, type: 'code-for-page', url: 'https://monex.co.jp/' }], s.env)
    expect(answers).toEqual([expect.objectContaining({ type: 'code', site: 'monex.co.jp' })])
  })
})
