/**
 * The native host as the browser runs it: the built `warifu browser-host` (and the launcher that
 * `warifu browser install` writes) over pipes, on the real keychain, with the code cross-checked
 * against oathtool. Standard output must hold nothing but protocol frames.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CHROMIUM_EXTENSION_ID, FIREFOX_EXTENSION_ID, NATIVE_HOST_NAME } from '../../shared/browser/extension-id'
import { encodeFrame, readFrames } from '../../electron/browser/native-messaging'
import { useCliSandboxes } from '../support/cli-process'
import { CLI, cliBuilt, hasTool, inKeyringSession, ROOT, skipUnless } from '../support/tools'

const SECRET = 'JBSWY3DPEHPK3PXP'
const MONEX = `otpauth://totp/Monex:taro?secret=${SECRET}&issuer=Monex`
const CHROME_ORIGIN = `chrome-extension://${CHROMIUM_EXTENSION_ID}/`
const skip = skipUnless(
  inKeyringSession() && cliBuilt() && hasTool('oathtool'),
  'a Secret Service keyring (tests/with-keyring.sh), the built CLI and oathtool',
)

interface HostRun {
  status: number | null
  answers: unknown[]
  /** Bytes of stdout that were not whole frames (must be none). */
  stray: number
  stderr: string
}

/** Starts `command args`, sends these messages, closes stdin, and decodes every frame it wrote. */
async function talk(command: string, args: string[], messages: unknown[], env: NodeJS.ProcessEnv): Promise<HostRun> {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] })
  const out: Buffer[] = []
  let stderr = ''
  child.stdout.on('data', (c: Buffer) => out.push(c))
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)))
  child.stdin.on('error', () => undefined)
  for (const m of messages) child.stdin.write(encodeFrame(m))
  child.stdin.end()
  const status = await exited
  const bytes = Buffer.concat(out)
  const answers: unknown[] = []
  let used = 0
  for await (const frame of readFrames([bytes])) {
    expect(frame.kind).toBe('message')
    if (frame.kind === 'message') {
      answers.push(frame.value)
      used += 4 + Buffer.byteLength(JSON.stringify(frame.value))
    }
  }
  return { status, answers, stray: bytes.length - used, stderr }
}

function oathtoolAt(epochSeconds: number): string {
  return spawnSync('oathtool', ['--totp', '-b', `--now=@${epochSeconds}`, SECRET], { encoding: 'utf8' }).stdout.trim()
}

describe.skipIf(skip)('warifu browser-host (built CLI, real keychain)', () => {
  const sandbox = useCliSandboxes()
  const homes: string[] = []
  afterEach(() => {
    for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true })
  })

  function withMonex() {
    const s = sandbox()
    const added = s.run(['add', MONEX, '--site', 'monex.co.jp'])
    expect(added.status, added.stderr).toBe(0)
    return s
  }

  it('answers the code on the real site (oathtool agrees) and nothing on a fake, stdout only frames', async () => {
    const s = withMonex()
    const before = Math.floor(Date.now() / 1000)
    const r = await talk(
      process.execPath,
      [CLI, 'browser-host', CHROME_ORIGIN],
      [
        { v: 1, type: 'ping' },
        { v: 1, type: 'code-for-page', url: 'https://www.monex.co.jp/login' },
        { v: 1, type: 'code-for-page', url: 'https://monex.co.jp.evil.test/' },
        { v: 1, type: 'code-for-page', url: 'http://monex.co.jp/' },
        { v: 1, type: 'code-for-page', url: 'https://example.org/' },
      ],
      s.env,
    )
    const after = Math.floor(Date.now() / 1000)
    expect(r.status, r.stderr).toBe(0)
    expect(r.stray).toBe(0)
    const [pong, code, fake, http, none] = r.answers as Record<string, unknown>[]
    expect(pong).toMatchObject({ type: 'pong' })
    expect(code).toMatchObject({ type: 'code', name: 'Monex (taro)', site: 'monex.co.jp', period: 30 })
    expect([oathtoolAt(before), oathtoolAt(after)]).toContain(code!.code)
    expect(fake).toMatchObject({ type: 'lookalike', site: 'monex.co.jp', reasons: ['subdomain-trick'] })
    expect(http).toEqual({ v: 1, type: 'not-https', site: 'monex.co.jp' })
    expect(none).toEqual({ v: 1, type: 'no-account' })
    expect(JSON.stringify(r.answers)).not.toContain(SECRET)
  })

  it('refuses another extension id with one error frame and exit 1', async () => {
    const s = withMonex()
    const r = await talk(
      process.execPath,
      [CLI, 'browser-host', 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/'],
      [{ v: 1, type: 'code-for-page', url: 'https://monex.co.jp/' }],
      s.env,
    )
    expect(r.status).toBe(1)
    expect(r.stray).toBe(0)
    expect(r.answers).toEqual([expect.objectContaining({ type: 'error', code: 'caller-not-allowed' })])
  })

  it('runs from the launcher `warifu browser install` wrote, as the browser starts it, until access is removed', async () => {
    const s = withMonex()
    const home = mkdtempSync(join(tmpdir(), 'warifu-browser-home-'))
    homes.push(home)
    const env = { ...s.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') }
    const installed = s.run(['browser', 'install', '--browser', 'chromium'], { env })
    expect(installed.status, installed.stderr).toBe(0)
    const manifest = JSON.parse(
      readFileSync(join(home, '.config/chromium/NativeMessagingHosts', `${NATIVE_HOST_NAME}.json`), 'utf8'),
    ) as { path: string; allowed_origins: string[] }
    expect(manifest.allowed_origins).toEqual([CHROME_ORIGIN])
    // A browser's environment has neither WARIFU_HOME nor the test's keychain service: the launcher carries them.
    const browserEnv = {
      PATH: '/usr/bin:/bin',
      HOME: home,
      DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS,
    }
    const request = { v: 1, type: 'code-for-page', url: 'https://monex.co.jp/' }
    const r = await talk(manifest.path, [CHROME_ORIGIN], [request], browserEnv)
    expect(r.status, r.stderr).toBe(0)
    expect(r.answers).toEqual([expect.objectContaining({ type: 'code', site: 'monex.co.jp' })])

    const firefox = s.run(['browser', 'install', '--browser', 'firefox'], { env })
    expect(firefox.status, firefox.stderr).toBe(0)
    const ffManifest = join(home, '.mozilla/native-messaging-hosts', `${NATIVE_HOST_NAME}.json`)
    const ffPath = (JSON.parse(readFileSync(ffManifest, 'utf8')) as { path: string }).path
    const ff = await talk(ffPath, [ffManifest, FIREFOX_EXTENSION_ID], [request], browserEnv)
    expect(ff.answers).toEqual([expect.objectContaining({ type: 'code' })])

    // Removing access: the launcher goes, and a copy of it left anywhere gets access-removed.
    const copy = join(home, 'kept-launcher')
    spawnSync('cp', [manifest.path, copy])
    expect(s.run(['browser', 'uninstall'], { env }).status).toBe(0)
    const after = await talk(copy, [CHROME_ORIGIN], [request], browserEnv)
    expect(after.answers).toEqual([{ v: 1, type: 'access-removed' }])
  })
})
