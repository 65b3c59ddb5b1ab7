/** The CLI clipboard: which tool a session gets, and the copy-wait-clear with time passed by hand. */
import { describe, expect, it } from 'vitest'
import { copyThenClear, findClipboardTool, type CopyWaitDeps } from '../../../electron/cli/clipboard'
import type { CodeClipboard } from '../../../electron/app/clipboard-clearer'

describe('findClipboardTool', () => {
  const has =
    (...names: string[]) =>
    (name: string) =>
      names.includes(name)

  it('prefers wl-clipboard under Wayland, then xclip, then xsel under X11', () => {
    expect(
      findClipboardTool({ WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0' }, 'linux', has('wl-copy', 'wl-paste', 'xclip'))
        .name,
    ).toBe('wl-copy')
    expect(findClipboardTool({ WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0' }, 'linux', has('xclip')).name).toBe('xclip')
    expect(findClipboardTool({ DISPLAY: ':0' }, 'linux', has('xclip', 'xsel')).name).toBe('xclip')
    expect(findClipboardTool({ DISPLAY: ':0' }, 'linux', has('xsel')).name).toBe('xsel')
    expect(findClipboardTool({}, 'darwin', has()).write).toEqual(['pbcopy'])
    expect(findClipboardTool({}, 'win32', has()).write).toEqual(['clip.exe'])
  })

  it('writes through stdin: no tool is given the text as an argument', () => {
    const tool = findClipboardTool({ DISPLAY: ':0' }, 'linux', has('xclip'))
    expect(tool.write).toEqual(['xclip', '-selection', 'clipboard', '-in'])
  })

  it.each([
    [{}, has('xclip'), 'No clipboard: this is not a desktop session (neither DISPLAY nor WAYLAND_DISPLAY is set).'],
    [{ DISPLAY: ':0' }, has(), 'No clipboard tool: install xclip or xsel (or wl-clipboard under Wayland).'],
    [{ WAYLAND_DISPLAY: 'wayland-0' }, has('xclip'), 'No clipboard tool: install wl-clipboard (wl-copy, wl-paste).'],
  ])('says what is missing (%o) as CLIPBOARD_UNAVAILABLE', (env, tools, message) => {
    expect(() => findClipboardTool(env, 'linux', tools)).toThrow(
      expect.objectContaining({ code: 'CLIPBOARD_UNAVAILABLE', message }),
    )
  })
})

class FakeClipboard implements CodeClipboard {
  text = 'before'
  cleared = 0
  writeCode(code: string) {
    this.text = code
  }
  readText() {
    return this.text
  }
  clear() {
    this.text = ''
    this.cleared++
  }
}

/** A clock moved only by the wait's own sleeps; `during` runs at a chosen moment (ms since the copy). */
function fakeTime(during?: { atMs: number; run: () => void }) {
  let now = 0
  const slept: number[] = []
  const ticks: number[] = []
  const sleep: CopyWaitDeps['sleep'] = (ms, signal) => {
    slept.push(ms)
    if (during && now <= during.atMs && during.atMs < now + ms) during.run()
    if (!signal.aborted) now += ms
    return Promise.resolve()
  }
  return { sleep, slept, ticks, onTick: (s: number) => ticks.push(s), elapsed: () => now }
}

describe('copyThenClear', () => {
  it('copies, counts down each second, and clears after the delay when the code is still there', async () => {
    const clipboard = new FakeClipboard()
    const time = fakeTime({ atMs: 1500, run: () => expect(clipboard.text).toBe('123456') })
    const outcome = await copyThenClear('123456', {
      clipboard,
      clearAfterMs: 30_000,
      signal: new AbortController().signal,
      ...time,
    })
    expect(outcome).toBe('cleared')
    expect(clipboard.cleared).toBe(1)
    expect(clipboard.text).toBe('')
    expect(time.elapsed()).toBe(30_000)
    expect(time.ticks).toEqual(Array.from({ length: 30 }, (_, i) => 30 - i))
  })

  it('leaves the clipboard alone when something else was copied meanwhile', async () => {
    const clipboard = new FakeClipboard()
    const time = fakeTime({ atMs: 12_000, run: () => (clipboard.text = 'my own text') })
    expect(
      await copyThenClear('123456', { clipboard, clearAfterMs: 30_000, signal: new AbortController().signal, ...time }),
    ).toBe('changed')
    expect(clipboard.cleared).toBe(0)
    expect(clipboard.text).toBe('my own text')
  })

  it('has nothing to clear when the clipboard was emptied meanwhile (its owner gone)', async () => {
    const clipboard = new FakeClipboard()
    const time = fakeTime({ atMs: 3000, run: () => (clipboard.text = '') })
    const signal = new AbortController().signal
    expect(await copyThenClear('123456', { clipboard, clearAfterMs: 30_000, signal, ...time })).toBe('cleared')
    expect(clipboard.cleared).toBe(0)
  })

  it('clears at once when interrupted (Ctrl+C)', async () => {
    const clipboard = new FakeClipboard()
    const stop = new AbortController()
    const time = fakeTime({ atMs: 5000, run: () => stop.abort() })
    expect(await copyThenClear('123456', { clipboard, clearAfterMs: 30_000, signal: stop.signal, ...time })).toBe(
      'cleared',
    )
    expect(time.elapsed()).toBe(5000)
    expect(clipboard.text).toBe('')
  })

  it('counts a delay that is not whole seconds down to whole seconds first', async () => {
    const clipboard = new FakeClipboard()
    const time = fakeTime()
    await copyThenClear('1', { clipboard, clearAfterMs: 2500, signal: new AbortController().signal, ...time })
    expect(time.slept).toEqual([500, 1000, 1000])
    expect(time.ticks).toEqual([3, 2, 1])
  })
})
