/**
 * Main process: copies a code to the clipboard and clears it after a while,
 * but only if the clipboard still holds that code (the user may have copied
 * something else since, which is theirs). Clipboard and timer are injected so
 * tests run without Electron and without waiting.
 */

/** The part of Electron's clipboard this needs (async in Electron 45). */
export interface TextClipboard {
  writeText(text: string): Promise<void> | void
  readText(): Promise<string> | string
}

/** setTimeout/clearTimeout, injectable. */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const CLIPBOARD_CLEAR_SECONDS = 30

export const realTimers: Timers = {
  setTimeout: (run, ms) => {
    const t = setTimeout(run, ms)
    // A pending clear must not keep a quitting process alive; quit clears it now instead.
    t.unref?.()
    return t
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export class ClipboardClearer {
  private pending: { code: string; timer: unknown } | undefined

  constructor(
    private readonly clipboard: TextClipboard,
    private readonly timers: Timers = realTimers,
    readonly clearAfterSeconds = CLIPBOARD_CLEAR_SECONDS,
  ) {}

  /** Writes `code` and schedules its removal; a newer copy replaces the older schedule. */
  async copy(code: string): Promise<void> {
    this.cancel()
    await this.clipboard.writeText(code)
    const timer = this.timers.setTimeout(() => {
      this.clearIfUnchanged().catch(() => undefined)
    }, this.clearAfterSeconds * 1000)
    this.pending = { code, timer }
  }

  /** Clears the clipboard now if it still holds the last copied code (the timer, and on quit). */
  async clearIfUnchanged(): Promise<void> {
    const pending = this.pending
    this.cancel()
    if (pending && (await this.clipboard.readText()) === pending.code) await this.clipboard.writeText('')
  }

  private cancel(): void {
    if (this.pending) this.timers.clearTimeout(this.pending.timer)
    this.pending = undefined
  }
}
