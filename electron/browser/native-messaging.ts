/**
 * Chrome/Firefox native messaging framing: each message is a 32-bit length in the machine's
 * native byte order, then that many bytes of UTF-8 JSON, in both directions.
 * https://developer.chrome.com/docs/extensions/develop/concepts/native-messaging#native-messaging-host-protocol
 * https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/Native_messaging#app_side
 */
import { endianness } from 'node:os'
import { MAX_BROWSER_MESSAGE_BYTES } from '../../shared/browser/messages'

const LITTLE_ENDIAN = endianness() === 'LE'

/** One frame read from the browser: a JSON value, or why it could not be read. */
export type IncomingFrame =
  | { kind: 'message'; value: unknown }
  | { kind: 'bad-json' }
  /** Longer than MAX_BROWSER_MESSAGE_BYTES: the rest of the stream cannot be trusted, so reading stops. */
  | { kind: 'too-large'; length: number }

/** A message as the browser expects it: the length prefix, then the JSON. */
export function encodeFrame(message: unknown, maxBytes = MAX_BROWSER_MESSAGE_BYTES): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8')
  if (body.length > maxBytes) throw new RangeError('native message too large')
  const frame = Buffer.alloc(4 + body.length)
  if (LITTLE_ENDIAN) frame.writeUInt32LE(body.length, 0)
  else frame.writeUInt32BE(body.length, 0)
  body.copy(frame, 4)
  return frame
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

function decodeBody(body: Buffer): IncomingFrame {
  try {
    return { kind: 'message', value: JSON.parse(utf8.decode(body)) as unknown }
  } catch {
    return { kind: 'bad-json' }
  }
}

/**
 * The frames of a byte stream (the host's stdin), in order. Ends when the stream ends (a
 * partial frame at the end is dropped: the browser closed the port) or after a too-large
 * frame, whose length is all that is read of it: nothing that size is ever buffered.
 */
export async function* readFrames(
  input: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  maxBytes = MAX_BROWSER_MESSAGE_BYTES,
): AsyncGenerator<IncomingFrame> {
  let pending = Buffer.alloc(0)
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk)
    pending = pending.length === 0 ? bytes : Buffer.concat([pending, bytes])
    while (pending.length >= 4) {
      const length = LITTLE_ENDIAN ? pending.readUInt32LE(0) : pending.readUInt32BE(0)
      if (length > maxBytes) {
        yield { kind: 'too-large', length }
        return
      }
      if (pending.length < 4 + length) break
      const body = pending.subarray(4, 4 + length)
      pending = pending.subarray(4 + length)
      yield decodeBody(body)
    }
  }
}
