/**
 * The native host over one port kept open for a minute after each answer: the first question
 * starts the host (the browser spawns `warifu browser-host`), and a second one soon after (the
 * popup's Fill after its first look, or another login) finds it running. Then the port closes,
 * so no host process lingers and the background can sleep (an open native port keeps Chromium's
 * service worker alive). Answers come back in the order asked: the host answers one at a time.
 */
import type { BrowserRequest } from '../../shared/browser/messages'
import { classifyHostFailure, parseHostResponse, type HostAnswer } from './decide'

/** The slice of chrome.runtime.Port used here. */
export interface NativePort {
  postMessage(message: unknown): void
  disconnect(): void
  onMessage: { addListener(listener: (message: unknown) => void): void }
  onDisconnect: { addListener(listener: () => void): void }
}

export interface HostConnectionDeps {
  /** chrome.runtime.connectNative(NATIVE_HOST_NAME). */
  connect(): NativePort
  /** Why `port` closed, read inside onDisconnect (Chromium: runtime.lastError; Firefox: port.error). */
  lastError(port: NativePort): string | undefined
  setTimer(run: () => void, ms: number): unknown
  clearTimer(timer: unknown): void
}

/** How long an idle port stays open. */
export const HOST_IDLE_MS = 60_000
/** How long one answer may take before the host is taken as stuck. */
export const HOST_ANSWER_MS = 10_000

interface Pending {
  resolve(answer: HostAnswer): void
  timer: unknown
}

export class HostConnection {
  private port: NativePort | null = null
  private readonly pending: Pending[] = []
  private idleTimer: unknown = null

  constructor(private readonly deps: HostConnectionDeps) {}

  /** Asks the host one question (starting it if needed). Never rejects: a failure is an answer. */
  ask(request: BrowserRequest): Promise<HostAnswer> {
    const port = this.open()
    this.stopIdle()
    return new Promise<HostAnswer>((resolve) => {
      const entry: Pending = {
        resolve,
        timer: this.deps.setTimer(
          () => this.fail({ ok: false, hostMissing: false, code: 'HOST_TIMEOUT' }),
          HOST_ANSWER_MS,
        ),
      }
      this.pending.push(entry)
      try {
        port.postMessage(request)
      } catch (error) {
        this.fail(classifyHostFailure(error instanceof Error ? error.message : String(error)))
      }
    })
  }

  /** True while a port is open (tests). */
  get isOpen(): boolean {
    return this.port !== null
  }

  private open(): NativePort {
    if (this.port !== null) return this.port
    const port = this.deps.connect()
    this.port = port
    port.onMessage.addListener((message) => {
      if (this.port !== port) return
      const entry = this.pending.shift()
      if (entry === undefined) return
      this.deps.clearTimer(entry.timer)
      const response = parseHostResponse(message)
      entry.resolve(
        response === null ? { ok: false, hostMissing: false, code: 'BAD_HOST_ANSWER' } : { ok: true, response },
      )
      if (this.pending.length === 0) this.startIdle()
    })
    port.onDisconnect.addListener(() => {
      if (this.port !== port) return
      this.port = null
      // "Specified native messaging host not found." when it is not installed.
      this.settleAll(classifyHostFailure(this.deps.lastError(port) ?? 'Native host has exited.'))
    })
    return port
  }

  /** Ends the port and answers everything still waiting with `answer`. */
  private fail(answer: HostAnswer): void {
    const port = this.port
    this.port = null
    port?.disconnect()
    this.settleAll(answer)
  }

  private settleAll(answer: HostAnswer): void {
    this.stopIdle()
    for (const entry of this.pending.splice(0)) {
      this.deps.clearTimer(entry.timer)
      entry.resolve(answer)
    }
  }

  private startIdle(): void {
    this.stopIdle()
    this.idleTimer = this.deps.setTimer(() => {
      this.idleTimer = null
      if (this.pending.length === 0) this.fail({ ok: false, hostMissing: false, code: 'HOST_CLOSED' })
    }, HOST_IDLE_MS)
  }

  private stopIdle(): void {
    if (this.idleTimer !== null) this.deps.clearTimer(this.idleTimer)
    this.idleTimer = null
  }
}
