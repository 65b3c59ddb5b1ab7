/**
 * Reading a file the user named (a dialog pick, a CLI argument) with the same refusals
 * everywhere: missing, a folder, a FIFO or device, or larger than the caller's cap.
 */
import { constants } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import type { AppError } from '../../shared/errors'

/** Why a file was refused: it could not be opened, it is a folder, or it is a pipe or device. */
export type UnreadableReason = 'open-failed' | 'folder' | 'not-regular'

export interface ReadRegularFileOptions {
  /** The largest size read; a larger file is refused unread. */
  maxBytes: number
  /**
   * The caller's typed error for a file that cannot be used. `message` says why in plain words,
   * never the path; `reason` (and the errno in `cause`) let a caller word it its own way.
   */
  unreadable(message: string, cause: unknown, reason: UnreadableReason): AppError
  /** The caller's typed error for a file over `maxBytes`. */
  tooLarge(message: string): AppError
}

function openFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'The file does not exist.'
  if (code === 'EISDIR') return 'That is a folder, not a file.'
  if (code === 'EACCES' || code === 'EPERM') return 'The file cannot be opened (no permission).'
  // The errno code only: says why without echoing anything else.
  return `The file cannot be opened (${code ?? 'unknown error'}).`
}

/** The bytes of the regular file at `path`, at most `maxBytes` of them. */
export async function readRegularFile(path: string, options: ReadRegularFileOptions): Promise<Uint8Array> {
  let handle: FileHandle
  try {
    // Non-blocking: opening a FIFO for reading would otherwise wait for a writer forever.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch (error) {
    throw options.unreadable(openFailure(error), error, 'open-failed')
  }
  try {
    // Type and size from the open handle, so a file swapped after a check is not read whole.
    const info = await handle.stat()
    if (info.isDirectory()) throw options.unreadable('That is a folder, not a file.', undefined, 'folder')
    if (!info.isFile())
      throw options.unreadable('That is not a regular file (a pipe or a device).', undefined, 'not-regular')
    if (info.size > options.maxBytes) {
      throw options.tooLarge(`The file is larger than ${Math.floor(options.maxBytes / 1024 / 1024)} MB.`)
    }
    const bytes = new Uint8Array(info.size)
    let filled = 0
    // A file that grows after the stat is read only up to the size it had.
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    return bytes.subarray(0, filled)
  } finally {
    await handle.close()
  }
}
