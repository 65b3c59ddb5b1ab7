/**
 * `warifu code --copy` on a real X clipboard (Xvfb + xclip) and the real keychain: the code is on
 * the clipboard while the command waits, and gone once it ends; something copied meanwhile is
 * left alone; Ctrl+C at a terminal clears at once; no clipboard is a coded error. The delay is
 * shortened with WARIFU_CLIPBOARD_CLEAR_MS instead of waiting 30 s.
 */
import { spawn, spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startXvfb, type XServer } from '../e2e/harness/xvfb'
import { useCliSandboxes } from '../support/cli-process'
import { runInTerminal } from '../support/terminal'
import { CLI, ROOT, cliBuilt, hasTool, inKeyringSession, skipUnless } from '../support/tools'

const SECRET = 'JBSWY3DPEHPK3PXP'
const URI = `otpauth://totp/Monex:hanako?secret=${SECRET}&issuer=Monex`
const skip = skipUnless(
  inKeyringSession() && cliBuilt() && hasTool('xclip') && hasTool('Xvfb') && hasTool('script') && hasTool('oathtool'),
  'a Secret Service keyring (tests/with-keyring.sh), the built CLI, Xvfb, xclip, script and oathtool',
)

/** The codes valid around now (the command may cross a 30 s boundary while the test runs). */
function codesNow(): string[] {
  const now = Math.floor(Date.now() / 1000)
  return [now - 30, now, now + 30].map((t) =>
    spawnSync('oathtool', ['--totp', '-b', '-N', `@${t}`, SECRET], { encoding: 'utf8' }).stdout.trim(),
  )
}

describe.skipIf(skip)('warifu code --copy (Xvfb, xclip, real keychain)', () => {
  const sandbox = useCliSandboxes()
  let x: XServer
  beforeAll(async () => {
    x = await startXvfb('640x480x24')
  })
  afterAll(async () => {
    await x?.stop()
  })

  const clip = () =>
    spawnSync('xclip', ['-selection', 'clipboard', '-out'], {
      env: { ...process.env, DISPLAY: x.display },
      encoding: 'utf8',
    }).stdout
  /** Sets the clipboard and waits until it reads back (xclip's background child takes it a moment later). */
  async function setClip(text: string): Promise<void> {
    spawnSync('xclip', ['-selection', 'clipboard', '-in'], {
      env: { ...process.env, DISPLAY: x.display },
      input: text,
      stdio: ['pipe', 'ignore', 'ignore'],
    })
    await waitForClip((t) => t === text)
  }

  /** Starts `warifu code monex --copy` without a terminal; resolves with its result once it ends. */
  function copyInBackground(env: NodeJS.ProcessEnv) {
    const child = spawn(process.execPath, [CLI, 'code', 'monex', '--copy'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    const done = new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
      child.on('close', (status) => resolve({ status, stdout, stderr })),
    )
    return { done }
  }

  /** Polls the clipboard until `match` holds (the command copies right after opening the vault). */
  async function waitForClip(match: (text: string) => boolean): Promise<string> {
    for (let i = 0; i < 200; i++) {
      const text = clip()
      if (match(text)) return text
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error(`clipboard never matched; it holds ${JSON.stringify(clip())}`)
  }

  it('holds the code while waiting, quietly, and clears it after the delay', async () => {
    const s = sandbox()
    expect(s.run(['add', URI]).status).toBe(0)
    await setClip('before')
    const run = copyInBackground({ ...s.env, DISPLAY: x.display, WARIFU_CLIPBOARD_CLEAR_MS: '3000' })
    const copied = await waitForClip((t) => /^\d{6}$/.test(t))
    expect(codesNow()).toContain(copied)
    const result = await run.done
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' })
    expect(clip()).toBe('')
  })

  it('leaves what was copied meanwhile on the clipboard', async () => {
    const s = sandbox()
    expect(s.run(['add', URI]).status).toBe(0)
    await setClip('before')
    const run = copyInBackground({ ...s.env, DISPLAY: x.display, WARIFU_CLIPBOARD_CLEAR_MS: '3000' })
    await waitForClip((t) => /^\d{6}$/.test(t))
    await setClip('my own text')
    expect((await run.done).status).toBe(0)
    expect(clip()).toBe('my own text')
  })

  it('counts down at a terminal, and Ctrl+C clears at once', async () => {
    const s = sandbox()
    expect(s.run(['add', URI, '--site', 'monex.co.jp']).status).toBe(0)
    const env = { ...s.env, DISPLAY: x.display, WARIFU_CLIPBOARD_CLEAR_MS: '600000' }
    const run = await runInTerminal([process.execPath, CLI, 'code', 'monex', '--copy'], env, [
      { prompt: 'the clipboard clears in 600s', type: '\u0003' },
    ])
    expect(run.screen).toContain('Enter only at monex.co.jp')
    expect(run.screen).toContain('(Ctrl+C clears it now)')
    expect(run.screen).toContain('Clipboard cleared.')
    // The code itself is never shown: it is on the clipboard only.
    for (const code of codesNow()) expect(run.screen).not.toContain(code)
    expect(run.status).toBe(0)
    expect(clip()).toBe('')
  })

  it('says there is no clipboard (exit 1, coded) outside a desktop session or without a tool', () => {
    const s = sandbox()
    expect(s.run(['add', URI]).status).toBe(0)
    const noDisplay = s.run(['code', 'monex', '--copy'], { env: { DISPLAY: '', WAYLAND_DISPLAY: '' } })
    expect(noDisplay.status).toBe(1)
    expect(noDisplay.stderr).toBe(
      'warifu: No clipboard: this is not a desktop session (neither DISPLAY nor WAYLAND_DISPLAY is set). [CLIPBOARD_UNAVAILABLE]\n',
    )
    expect(noDisplay.stdout).toBe('')
    const noTool = s.run(['code', 'monex', '--copy'], {
      env: { DISPLAY: x.display, WAYLAND_DISPLAY: '', PATH: '/nonexistent' },
    })
    expect(noTool.status).toBe(1)
    expect(noTool.stderr).toBe(
      'warifu: No clipboard tool: install xclip or xsel (or wl-clipboard under Wayland). [CLIPBOARD_UNAVAILABLE]\n',
    )
  })
})
