/**
 * One run of the native host: checks the caller, then answers frame after frame until the
 * browser closes the port. Every problem with a frame gets an `error` answer; a frame too large
 * to trust ends the session after its answer. Nothing but frames is ever written to `write`.
 */
import type { BrowserResponse } from '../../shared/browser/messages'
import { answerRequest, errorAnswer, isAllowedCaller, parseBrowserRequest, type BrowserHostDeps } from './host'
import { encodeFrame, readFrames } from './native-messaging'

export interface HostSessionOptions {
  /** The host's arguments as the browser passed them (caller origin, or manifest path + id). */
  args: readonly string[]
  /** The browser's side of the pipe (stdin). */
  input: AsyncIterable<Uint8Array | string>
  /** Writes one whole frame to the browser (stdout); resolves once written. */
  write(frame: Buffer): Promise<void>
  deps: BrowserHostDeps
}

/** The browser closed its end of the pipe while the host was answering. */
class BrowserGoneError extends Error {}

/**
 * Exit codes: 0 when the browser closed the port (even mid-answer), 1 after refusing the caller
 * or a too-large frame.
 */
export async function runHostSession(options: HostSessionOptions): Promise<number> {
  const send = (answer: BrowserResponse) =>
    options.write(encodeFrame(answer)).catch(() => {
      throw new BrowserGoneError()
    })
  try {
    if (!isAllowedCaller(options.args)) {
      await send(errorAnswer('caller-not-allowed', 'Warifu answers only its own browser extension.'))
      return 1
    }
    for await (const frame of readFrames(options.input)) {
      if (frame.kind === 'too-large') {
        await send(errorAnswer('message-too-large', 'That message is larger than Warifu reads.'))
        return 1
      }
      if (frame.kind === 'bad-json') {
        await send(errorAnswer('bad-json', 'That message is not JSON.'))
        continue
      }
      const parsed = parseBrowserRequest(frame.value)
      await send(parsed.ok ? await answerRequest(parsed.request, options.deps) : parsed.answer)
    }
    return 0
  } catch (error) {
    if (error instanceof BrowserGoneError) return 0
    throw error
  }
}
