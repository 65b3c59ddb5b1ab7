/**
 * The CLI's clipboard (`warifu code --copy`): the platform's own clipboard tool, fed through
 * stdin (a code on a command line is visible to every user in `ps`), and the wait that clears
 * the code after a while if the clipboard still holds it, as KeePassXC-CLI's `clip` does.
 * The desktop app has Electron's clipboard instead (electron/app/clipboard-clearer.ts).
 */
import { spawn } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { ClipboardUnavailableError } from '../../shared/errors'
import type { CodeClipboard } from '../app/clipboard-clearer'

/** A clipboard tool: the commands that write (text on stdin), read and clear. */
export interface ClipboardTool {
  name: string
  write: string[]
  read: string[]
  /** Absent: clearing writes an empty text. */
  clear?: string[]
}

type Env = Record<string, string | undefined>

/** True when `name` is an executable file on the PATH (no shell involved). */
export function onPath(name: string, env: Env = process.env, platform = process.platform): boolean {
  const exts = platform === 'win32' ? ['', '.exe'] : ['']
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const ext of exts) {
      if (!dir) continue
      try {
        accessSync(join(dir, name + ext), constants.X_OK)
        return true
      } catch {
        // Not here.
      }
    }
  }
  return false
}

/**
 * The tool for this session: Wayland's wl-clipboard, else X11's xclip or xsel, pbcopy on macOS,
 * clip.exe and PowerShell on Windows. Throws CLIPBOARD_UNAVAILABLE saying what is missing.
 */
export function findClipboardTool(
  env: Env = process.env,
  platform: string = process.platform,
  has: (name: string) => boolean = (name) => onPath(name, env, platform as NodeJS.Platform),
): ClipboardTool {
  if (platform === 'darwin') return { name: 'pbcopy', write: ['pbcopy'], read: ['pbpaste'] }
  if (platform === 'win32') {
    // Get-Clipboard ends the text with a newline, which reading strips again.
    const ps = ['powershell.exe', '-NoProfile', '-NonInteractive', '-Command']
    return { name: 'clip.exe', write: ['clip.exe'], read: [...ps, 'Get-Clipboard'] }
  }
  if (env.WAYLAND_DISPLAY && has('wl-copy') && has('wl-paste'))
    return { name: 'wl-copy', write: ['wl-copy'], read: ['wl-paste', '--no-newline'], clear: ['wl-copy', '--clear'] }
  if (env.DISPLAY) {
    if (has('xclip'))
      return {
        name: 'xclip',
        write: ['xclip', '-selection', 'clipboard', '-in'],
        read: ['xclip', '-selection', 'clipboard', '-out'],
      }
    if (has('xsel'))
      return {
        name: 'xsel',
        write: ['xsel', '--clipboard', '--input'],
        read: ['xsel', '--clipboard', '--output'],
        clear: ['xsel', '--clipboard', '--clear'],
      }
  }
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY)
    throw new ClipboardUnavailableError(
      'No clipboard: this is not a desktop session (neither DISPLAY nor WAYLAND_DISPLAY is set).',
    )
  throw new ClipboardUnavailableError(
    env.WAYLAND_DISPLAY && !env.DISPLAY
      ? 'No clipboard tool: install wl-clipboard (wl-copy, wl-paste).'
      : 'No clipboard tool: install xclip or xsel (or wl-clipboard under Wayland).',
  )
}

const TOOL_LIMIT_MS = 5000

/**
 * Runs a tool with `input` on stdin. The writers (xclip, xsel, wl-copy) leave a child behind that
 * keeps serving the selection with our pipes inherited, so output is read only from readers and
 * the writer is done when its own process exits, not when its pipes close.
 */
function runTool(tool: ClipboardTool, argv: string[], input: string, wantOutput: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      stdio: ['pipe', wantOutput ? 'pipe' : 'ignore', 'ignore'],
      windowsHide: true,
      // In a process group of its own: Ctrl+C at the terminal signals our whole group, and a
      // writer's background child (the selection's owner) must outlive it so we can clear.
      detached: !wantOutput,
    })
    let output = ''
    child.stdout?.setEncoding('utf8')
    child.stdout?.on('data', (chunk: string) => (output += chunk))
    const fail = () =>
      reject(
        new ClipboardUnavailableError(`The clipboard tool (${tool.name}) failed: is the desktop session reachable?`),
      )
    const limit = setTimeout(() => {
      child.kill('SIGKILL')
      fail()
    }, TOOL_LIMIT_MS)
    child.on('error', () => {
      clearTimeout(limit)
      fail()
    })
    child.on(wantOutput ? 'close' : 'exit', (status) => {
      clearTimeout(limit)
      if (status === 0) resolve(output)
      // A reader fails on an empty clipboard ("target STRING not available"): that is no text.
      else if (wantOutput) resolve('')
      else fail()
    })
    // A tool that exits without reading (no display) must not crash us with EPIPE.
    child.stdin!.on('error', () => undefined)
    child.stdin!.end(input)
  })
}

/** How long a write may take to show on the clipboard, and how often we look. */
const SETTLE_LIMIT_MS = 3000
const SETTLE_STEP_MS = 25

/** The system clipboard through `tool`. */
export function toolClipboard(tool: ClipboardTool): CodeClipboard {
  const readText = async () => (await runTool(tool, tool.read, '', true)).replace(/\r?\n$/, '')
  return {
    async writeCode(code) {
      await runTool(tool, tool.write, code, false)
      // xclip (and xsel) fork before the background child takes the selection: until it has, the
      // clipboard still holds what was there. Wait for the code, so "copied" is true when we say it.
      for (let waited = 0; (await readText()) !== code; waited += SETTLE_STEP_MS) {
        if (waited >= SETTLE_LIMIT_MS)
          throw new ClipboardUnavailableError(`The clipboard did not take the code (${tool.name}).`)
        await new Promise((resolve) => setTimeout(resolve, SETTLE_STEP_MS))
      }
    },
    readText,
    clear: async () => void (await runTool(tool, tool.clear ?? tool.write, '', false)),
  }
}

/** What the wait needs: injected so tests pass time without sleeping. */
export interface CopyWaitDeps {
  clipboard: CodeClipboard
  clearAfterMs: number
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>
  /** Called with the whole seconds left, once a second (the countdown at a terminal). */
  onTick?(secondsLeft: number): void
  /** Aborting it (Ctrl+C) ends the wait at once. */
  signal: AbortSignal
}

/** How the wait ended: the code cleared, or the clipboard already held something else (left alone). */
export type CopyOutcome = 'cleared' | 'changed'

/**
 * Copies `code`, waits `clearAfterMs` (or until `signal` aborts), then clears the clipboard if it
 * still holds `code`: whatever the user copied meanwhile is theirs and stays.
 */
export async function copyThenClear(code: string, deps: CopyWaitDeps): Promise<CopyOutcome> {
  await deps.clipboard.writeCode(code)
  let left = deps.clearAfterMs
  while (left > 0 && !deps.signal.aborted) {
    deps.onTick?.(Math.ceil(left / 1000))
    const step = left % 1000 || 1000
    await deps.sleep(step, deps.signal)
    left -= step
  }
  const text = await deps.clipboard.readText()
  // Empty: nothing of ours left to clear (an X selection also empties when its owner dies).
  if (text === '') return 'cleared'
  if (text !== code) return 'changed'
  await deps.clipboard.clear()
  return 'cleared'
}

/** A real sleep that an abort ends early (it resolves, never rejects). */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done)
  })
}
