/** Fakes for the handler table's deps: a clipboard and timers that tests drive by hand. */
import type { CodeClipboard, Timers } from '../../../electron/app/clipboard-clearer'

export class FakeClipboard implements CodeClipboard {
  text = ''
  writes: string[] = []
  clears = 0
  writeCode(text: string): void {
    this.text = text
    this.writes.push(text)
  }
  readText(): string {
    return this.text
  }
  clear(): void {
    this.text = ''
    this.clears++
  }
}

/** Timers that fire only when the test says so. */
export class ManualTimers implements Timers {
  private seq = 0
  readonly pending = new Map<number, { run: () => void; ms: number }>()
  setTimeout(run: () => void, ms: number): unknown {
    const id = ++this.seq
    this.pending.set(id, { run, ms })
    return id
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number)
  }
  /** Runs every pending timer once. */
  fireAll(): void {
    const due = [...this.pending.values()]
    this.pending.clear()
    for (const t of due) t.run()
  }
}

/** Lets queued promise callbacks (an async clear) finish. */
export const settle = () => new Promise((resolve) => setImmediate(resolve))
