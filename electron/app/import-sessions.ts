/**
 * Imports in progress in the app. The renderer never names a file: main keeps the sources the user
 * picked (or the texts they scanned), and the preview whose secrets commitImport needs, under ids.
 */
import { randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import { BackupTooLargeError, UsageError } from '../../shared/errors'
import type { ImportPreview } from '../../shared/backup/preview'
import type { ImportSession } from '../../shared/ipc/channels'
import { MAX_IMPORT_SOURCES, type ImportSource } from '../backup/import'
import { cancelledError } from '../backup/kdf'

export { MAX_IMPORT_SOURCES }
/** Characters of pasted or scanned text one import keeps (10,000 otpauth links are ~1.5 MB). */
export const MAX_SESSION_TEXT_CHARS = 8 * 1024 * 1024
/** Imports kept at once; the oldest is forgotten first (a window that never said "discard"). */
const MAX_SESSIONS = 4

type NamedSource = ImportSource & { name: string }

interface Session {
  sources: NamedSource[]
  preview?: ImportPreview
  /** The preview being read now; aborting it terminates its password hashing. */
  running?: AbortController
}

export class ImportSessions {
  private readonly sessions = new Map<string, Session>()

  /** Adds files to the import `id` (a new one when null). */
  addFiles(id: string | null, paths: readonly string[]): ImportSession {
    return this.add(
      id,
      paths.map((path) => ({ kind: 'file', path, name: basename(path) })),
    )
  }

  /** Adds texts to the import `id` (a new one when null), each named `name` and its number. */
  addTexts(id: string | null, texts: readonly string[], name: string): ImportSession {
    const earlier = id === null ? [] : this.session(id).sources
    // Main keeps these until the import ends: bounded, whatever the page sends.
    const held = earlier.reduce((n, s) => n + (s.kind === 'text' ? s.text.length : 0), 0)
    if (held + texts.reduce((n, t) => n + t.length, 0) > MAX_SESSION_TEXT_CHARS) {
      throw new BackupTooLargeError('The pasted texts of one import are larger than any real export.')
    }
    const first = earlier.filter((s) => s.kind === 'text').length + 1
    return this.add(
      id,
      texts.map((text, i) => ({ kind: 'text', text, name: `${name} ${first + i}` })),
    )
  }

  /** The sources of the import `id`. */
  sources(id: string): ImportSource[] {
    return [...this.session(id).sources]
  }

  /** Keeps `preview` as the one import:commit may commit. */
  setPreview(id: string, preview: ImportPreview): void {
    this.session(id).preview = preview
  }

  /** The import whose latest preview is `previewId`. */
  byPreview(previewId: string): { id: string; preview: ImportPreview } {
    for (const [id, session] of this.sessions) {
      if (session.preview?.id === previewId) return { id, preview: session.preview }
    }
    throw new UsageError('This import preview is out of date; read the files again.')
  }

  /** Drops the preview of `id` (it was used or failed); the sources stay for another preview. */
  clearPreview(id: string): void {
    const session = this.sessions.get(id)
    if (session) delete session.preview
  }

  /**
   * Starts reading a preview of `id`: a read already running for it is cancelled first, so
   * password tries never stack up. The signal ends when the import is discarded or replaced.
   */
  startPreview(id: string): AbortSignal {
    const session = this.session(id)
    session.running?.abort()
    const running = new AbortController()
    session.running = running
    return running.signal
  }

  /** Ends the read of `signal` (done or failed); throws cancelledError() when it was cancelled. */
  endPreview(id: string, signal: AbortSignal): void {
    const session = this.sessions.get(id)
    if (session?.running?.signal === signal) delete session.running
    if (signal.aborted) throw cancelledError()
  }

  /** Forgets the import `id`, stopping any preview still being read (its KDF thread is terminated). */
  discard(id: string): void {
    this.sessions.get(id)?.running?.abort()
    this.sessions.delete(id)
  }

  private session(id: string): Session {
    const session = this.sessions.get(id)
    if (!session) throw new UsageError('This import has ended; start it again.')
    return session
  }

  private add(id: string | null, sources: NamedSource[]): ImportSession {
    const sessionId = id ?? randomUUID()
    let session = id === null ? undefined : this.session(id)
    if (!session) {
      while (this.sessions.size >= MAX_SESSIONS) this.discard(this.sessions.keys().next().value!)
      session = { sources: [] }
      this.sessions.set(sessionId, session)
    }
    if (session.sources.length + sources.length > MAX_IMPORT_SOURCES) {
      throw new UsageError(`One import reads at most ${MAX_IMPORT_SOURCES} files or codes.`)
    }
    session.sources.push(...sources)
    // New sources make any earlier preview stale.
    delete session.preview
    return { session: sessionId, sources: session.sources.map((s) => s.name) }
  }
}
