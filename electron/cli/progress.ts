/**
 * One progress line on stderr for scans and imports that take a while: shown only at a terminal
 * (a pipe or log gets nothing) and only once the work has taken `afterMs`, then rewritten in place
 * with the seconds spent, and erased when the work ends.
 */
import type { ImportProgress } from '../backup/index'

/** Work shorter than this shows no progress at all. */
export const PROGRESS_AFTER_MS = 1000

/**
 * ZXing's downscaleThreshold (zxing-wasm's default): an image whose shorter side is over this is
 * also decoded downscaled, which is what takes the time on a camera photo.
 */
export const DECODER_DOWNSCALE_SIDE = 500

export interface ProgressOptions {
  write: (text: string) => void
  /** Nothing is ever written unless this is true. */
  isTerminal: boolean
  afterMs?: number
  now?: () => number
  /** Runs `fn` every `ms`; returns a stop function (tests pass their own). */
  every?: (fn: () => void, ms: number) => () => void
}

/** A progress line: `update` says what is being done, `clear` erases it (before a prompt, at the end). */
export interface Progress {
  update(text: string): void
  clear(): void
}

const realEvery = (fn: () => void, ms: number) => {
  const timer = setInterval(fn, ms)
  // A progress line never keeps the command alive.
  timer.unref()
  return () => clearInterval(timer)
}

/** A progress line over `options.write`; it does nothing at all unless `isTerminal`. */
export function createProgress(options: ProgressOptions): Progress {
  if (!options.isTerminal) return { update() {}, clear() {} }
  const now = options.now ?? Date.now
  const afterMs = options.afterMs ?? PROGRESS_AFTER_MS
  const started = now()
  let text = ''
  let shown = false
  let stop: (() => void) | undefined
  const render = () => {
    if (text === '' || now() - started < afterMs) return
    const seconds = Math.floor((now() - started) / 1000)
    // \r and "erase to end of line": the line is rewritten in place, never scrolled.
    options.write(`\r\u001b[K${text}${seconds > 0 ? ` ${seconds} s` : ''}`)
    shown = true
  }
  return {
    update(next) {
      text = next
      render()
      stop ??= (options.every ?? realEvery)(render, Math.min(afterMs, 1000) || 1000)
    },
    clear() {
      stop?.()
      stop = undefined
      text = ''
      if (shown) options.write('\r\u001b[K')
      shown = false
    },
  }
}

/**
 * The progress line of the real command: on stderr when it is a terminal, after PROGRESS_AFTER_MS
 * or WARIFU_PROGRESS_AFTER_MS (tests set 0 to see it at once, without waiting for a slow image).
 */
export function cliProgress(): Progress {
  const fromEnv = process.env.WARIFU_PROGRESS_AFTER_MS
  const afterMs = fromEnv !== undefined && /^\d{1,6}$/.test(fromEnv) ? Number(fromEnv) : PROGRESS_AFTER_MS
  return createProgress({
    write: (t) => process.stderr.write(t),
    isTerminal: process.stderr.isTTY === true,
    afterMs,
  })
}

/** "Decoding 6000×4000 image, downscaling…" */
export function decodingText(size: { width: number; height: number }): string {
  const downscaling = Math.min(size.width, size.height) > DECODER_DOWNSCALE_SIDE
  return `Decoding ${size.width}×${size.height} image${downscaling ? ', downscaling' : ''}…`
}

/** The line for one step of an import. */
export function importProgressText(event: ImportProgress): string {
  switch (event.stage) {
    case 'reading':
      return event.total > 1
        ? `Reading ${event.name} (${event.index + 1} of ${event.total})…`
        : `Reading ${event.name}…`
    case 'decoding':
      return decodingText(event)
    case 'unlocking':
      return `Opening ${event.name} with its password…`
  }
}
