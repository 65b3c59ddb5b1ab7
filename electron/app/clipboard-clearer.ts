/**
 * Main process: copies a code to the clipboard marked as confidential for clipboard
 * managers, and clears it after a while, but only if the clipboard still holds that code
 * (the user may have copied something else since, which is theirs). Clipboard and timers
 * are injected so tests run without Electron and without waiting.
 */

/** What the clearer needs from a clipboard. */
export interface CodeClipboard {
  /** Writes `code` as text, with the platform's "do not keep this" markers where it can. */
  writeCode(code: string): Promise<void> | void
  readText(): Promise<string> | string
  /** Empties the clipboard, every format included (the markers too). */
  clear(): Promise<void> | void
}

/** setTimeout/clearTimeout, injectable. */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const CLIPBOARD_CLEAR_SECONDS = 30
/** How long quitting waits for the clipboard to answer before it goes anyway. */
export const QUIT_CLEAR_LIMIT_MS = 500

export const realTimers: Timers = {
  setTimeout: (run, ms) => {
    const t = setTimeout(run, ms)
    // A pending clear must not keep a quitting process alive; quit clears it now instead.
    t.unref?.()
    return t
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/**
 * Native clipboard formats that tell clipboard managers and the OS history to leave a copied
 * password out, the set KeePassXC writes with a copied password:
 * - Linux: `x-kde-passwordManagerHint: secret` (Klipper, GPaste, CopyQ honour it);
 * - macOS: `org.nspasteboard.ConcealedType` (http://nspasteboard.org), holding the text itself;
 * - Windows: `ExcludeClipboardContentFromMonitorProcessing` (any data), and DWORD 0 for
 *   `CanIncludeInClipboardHistory` and `CanUploadToCloudClipboard` (Win+V history, cloud sync):
 *   https://learn.microsoft.com/windows/win32/dataxchg/clipboard-formats
 */
export function concealedFormats(platform: string, code: string): Record<string, string | Uint8Array<ArrayBuffer>> {
  const dwordZero = new Uint8Array(4)
  switch (platform) {
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return { 'x-kde-passwordManagerHint': 'secret' }
    case 'darwin':
      return { 'org.nspasteboard.ConcealedType': code }
    case 'win32':
      return {
        ExcludeClipboardContentFromMonitorProcessing: new Uint8Array([1]),
        CanIncludeInClipboardHistory: dwordZero,
        CanUploadToCloudClipboard: dwordZero,
      }
    default:
      return {}
  }
}

/** Electron's custom format for a raw platform clipboard format (docs/api/clipboard.md, "custom formats"). */
export const rawFormat = (name: string): string => `electron application/osclipboard;format="${name}"`

/** The slice of Electron 45's clipboard this needs; `Item` is Electron's ClipboardItem. */
export interface ElectronClipboard<Item> {
  write(items: Item[]): Promise<void>
  writeText(text: string): Promise<void>
  readText(): Promise<string>
  clear(): void
}

/**
 * Electron's clipboard as a CodeClipboard. The text and the markers go in one ClipboardItem
 * through `clipboard.write`, which commits every entry of one call atomically: a clipboard
 * manager never sees the code without its markers, and the markers never replace the text
 * (writeBuffer writes one format a call, and a later writeText may drop it again).
 * Limits: the markers only help managers that honour them (Klipper, CopyQ, GPaste, Maccy,
 * Windows history do; a plain X11 selection logger does not), and the primary selection on
 * Linux is never written. If the platform refuses a raw format, the code is still copied as
 * plain text: copying must work, and the clear after 30 s still happens.
 */
export function electronCodeClipboard<Item>(
  clipboard: ElectronClipboard<Item>,
  makeItem: (entries: Record<string, string | Blob>) => Item,
  platform: string,
): CodeClipboard {
  return {
    async writeCode(code) {
      const entries: Record<string, string | Blob> = { 'text/plain': code }
      for (const [name, data] of Object.entries(concealedFormats(platform, code))) {
        entries[rawFormat(name)] = typeof data === 'string' ? data : new Blob([data])
      }
      try {
        await clipboard.write([makeItem(entries)])
      } catch {
        await clipboard.writeText(code)
      }
    },
    readText: () => clipboard.readText(),
    clear: () => clipboard.clear(),
  }
}

export class ClipboardClearer {
  private pending: { code: string; timer: unknown } | undefined
  /** Bumped by every copy and clear, so a slow clipboard call never acts for an older copy. */
  private generation = 0

  constructor(
    private readonly clipboard: CodeClipboard,
    private readonly timers: Timers = realTimers,
    readonly clearAfterSeconds = CLIPBOARD_CLEAR_SECONDS,
  ) {}

  /** Writes `code` and schedules its removal; a newer copy replaces the older schedule (one timer at most). */
  async copy(code: string, clearAfterSeconds = this.clearAfterSeconds): Promise<void> {
    this.cancel()
    const generation = ++this.generation
    await this.clipboard.writeCode(code)
    // A newer copy (or a clear) started while this one was writing: it owns the clipboard now.
    if (generation !== this.generation) return
    const timer = this.timers.setTimeout(() => {
      this.clearIfUnchanged().catch(() => undefined)
    }, clearAfterSeconds * 1000)
    this.pending = { code, timer }
  }

  /** Clears the clipboard now if it still holds the last copied code (the timer, and on quit). */
  async clearIfUnchanged(): Promise<void> {
    const pending = this.pending
    this.cancel()
    if (!pending) return
    const generation = ++this.generation
    const text = await this.clipboard.readText()
    if (text === pending.code && generation === this.generation) await this.clipboard.clear()
  }

  /**
   * For quitting: clears our code if the clipboard still holds it, but never holds the quit
   * longer than `limitMs` (a clipboard owner that does not answer must not keep the app alive).
   * Resolves `true` when the clear finished in time.
   */
  clearBeforeQuit(limitMs = QUIT_CLEAR_LIMIT_MS): Promise<boolean> {
    if (!this.pending) return Promise.resolve(true)
    return new Promise((resolve) => {
      const timer = this.timers.setTimeout(() => resolve(false), limitMs)
      this.clearIfUnchanged().then(
        () => {
          this.timers.clearTimeout(timer)
          resolve(true)
        },
        () => {
          this.timers.clearTimeout(timer)
          resolve(false)
        },
      )
    })
  }

  private cancel(): void {
    if (this.pending) this.timers.clearTimeout(this.pending.timer)
    this.pending = undefined
  }
}
