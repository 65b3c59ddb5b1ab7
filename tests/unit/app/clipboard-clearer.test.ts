import { describe, expect, it } from 'vitest'
import {
  ClipboardClearer,
  concealedFormats,
  electronCodeClipboard,
  rawFormat,
  type CodeClipboard,
} from '../../../electron/app/clipboard-clearer'
import { FakeClipboard, ManualTimers, settle } from '../ipc/fakes'

/** Electron 45's clipboard, recording what each write() put there in one go. */
class FakeElectronClipboard {
  items: Record<string, string | Blob>[][] = []
  text = ''
  cleared = 0
  refuseRaw = false
  write(items: { entries: Record<string, string | Blob> }[]): Promise<void> {
    if (this.refuseRaw && items.some((i) => Object.keys(i.entries).some((k) => k.includes('osclipboard'))))
      return Promise.reject(new Error('unsupported format'))
    this.items.push(items.map((i) => i.entries))
    const text = items[0]?.entries['text/plain']
    this.text = typeof text === 'string' ? text : ''
    return Promise.resolve()
  }
  writeText(text: string): Promise<void> {
    this.items.push([{ 'text/plain': text }])
    this.text = text
    return Promise.resolve()
  }
  readText(): Promise<string> {
    return Promise.resolve(this.text)
  }
  clear(): void {
    this.text = ''
    this.cleared++
  }
}

const item = (entries: Record<string, string | Blob>) => ({ entries })

describe('concealed clipboard formats', () => {
  it('marks a copied code as a password for Linux clipboard managers (KDE hint)', () => {
    expect(concealedFormats('linux', '123456')).toEqual({ 'x-kde-passwordManagerHint': 'secret' })
  })

  it('uses the nspasteboard concealed type on macOS', () => {
    expect(concealedFormats('darwin', '123456')).toEqual({ 'org.nspasteboard.ConcealedType': '123456' })
  })

  it('keeps the code out of monitors, Win+V history and cloud clipboard on Windows (DWORD 0)', () => {
    const formats = concealedFormats('win32', '123456')
    expect(Object.keys(formats).sort()).toEqual([
      'CanIncludeInClipboardHistory',
      'CanUploadToCloudClipboard',
      'ExcludeClipboardContentFromMonitorProcessing',
    ])
    expect([...(formats.CanIncludeInClipboardHistory as Uint8Array)]).toEqual([0, 0, 0, 0])
    expect([...(formats.CanUploadToCloudClipboard as Uint8Array)]).toEqual([0, 0, 0, 0])
  })

  it('writes the text and the markers in a single atomic write() of one item', async () => {
    const native = new FakeElectronClipboard()
    await electronCodeClipboard(native, item, 'win32').writeCode('287082')
    expect(native.items).toHaveLength(1)
    const [entries] = native.items[0]!
    expect(entries!['text/plain']).toBe('287082')
    const dword = entries![rawFormat('CanIncludeInClipboardHistory')]
    expect(dword).toBeInstanceOf(Blob)
    expect([...new Uint8Array(await (dword as Blob).arrayBuffer())]).toEqual([0, 0, 0, 0])
    expect(entries![rawFormat('ExcludeClipboardContentFromMonitorProcessing')]).toBeInstanceOf(Blob)
  })

  it('names raw formats the way Electron reads them', () => {
    expect(rawFormat('x-kde-passwordManagerHint')).toBe(
      'electron application/osclipboard;format="x-kde-passwordManagerHint"',
    )
  })

  it('still copies the code as text when the platform refuses a raw format', async () => {
    const native = new FakeElectronClipboard()
    native.refuseRaw = true
    await electronCodeClipboard(native, item, 'linux').writeCode('287082')
    expect(native.text).toBe('287082')
  })

  it('clears with clear(), so the markers go too', async () => {
    const native = new FakeElectronClipboard()
    const timers = new ManualTimers()
    const clearer = new ClipboardClearer(electronCodeClipboard(native, item, 'linux'), timers)
    await clearer.copy('287082')
    timers.fireAll()
    await settle()
    expect(native.cleared).toBe(1)
    expect(native.text).toBe('')
  })
})

describe('ClipboardClearer', () => {
  it('clears after 30 s if the clipboard still holds the code', async () => {
    const clipboard = new FakeClipboard()
    const timers = new ManualTimers()
    const clearer = new ClipboardClearer(clipboard, timers)
    await clearer.copy('287082')
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([30_000])
    timers.fireAll()
    await settle()
    expect(clipboard.text).toBe('')
    expect(clipboard.clears).toBe(1)
  })

  it('keeps one timer: a new copy cancels the previous one', async () => {
    const clipboard = new FakeClipboard()
    const timers = new ManualTimers()
    const clearer = new ClipboardClearer(clipboard, timers)
    await clearer.copy('111111')
    await clearer.copy('222222')
    await clearer.copy('333333')
    expect(timers.pending.size).toBe(1)
  })

  it('never lets a slower earlier copy schedule after a newer one', async () => {
    const timers = new ManualTimers()
    let release: () => void = () => undefined
    const slow: CodeClipboard & { text: string } = {
      text: '',
      writeCode(code) {
        this.text = code
        if (code !== '111111') return
        return new Promise<void>((resolve) => (release = resolve))
      },
      readText() {
        return this.text
      },
      clear() {
        this.text = ''
      },
    }
    const clearer = new ClipboardClearer(slow, timers)
    const first = clearer.copy('111111')
    await clearer.copy('222222')
    release()
    await first
    expect(timers.pending.size).toBe(1)
    timers.fireAll()
    await settle()
    expect(slow.text).toBe('')
  })

  it('leaves the user’s own later copy alone', async () => {
    const clipboard = new FakeClipboard()
    const timers = new ManualTimers()
    const clearer = new ClipboardClearer(clipboard, timers)
    await clearer.copy('287082')
    clipboard.text = 'my own text'
    timers.fireAll()
    await settle()
    expect(clipboard.text).toBe('my own text')
    expect(clipboard.clears).toBe(0)
  })

  it('clears on quit, cancelling the timer', async () => {
    const clipboard = new FakeClipboard()
    const timers = new ManualTimers()
    const clearer = new ClipboardClearer(clipboard, timers)
    await clearer.copy('287082')
    expect(await clearer.clearBeforeQuit()).toBe(true)
    expect(clipboard.text).toBe('')
    expect(timers.pending.size).toBe(0)
  })

  it('does not hold the quit when nothing was copied', async () => {
    const clipboard = new FakeClipboard()
    const timers = new ManualTimers()
    expect(await new ClipboardClearer(clipboard, timers).clearBeforeQuit()).toBe(true)
    expect(timers.pending.size).toBe(0)
  })

  it('gives up waiting on quit after the limit when the clipboard never answers', async () => {
    const timers = new ManualTimers()
    const hung: CodeClipboard = {
      writeCode: () => undefined,
      readText: () => new Promise<string>(() => undefined),
      clear: () => undefined,
    }
    const clearer = new ClipboardClearer(hung, timers)
    await clearer.copy('287082')
    const quitting = clearer.clearBeforeQuit(500)
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([500])
    timers.fireAll()
    expect(await quitting).toBe(false)
  })
})
