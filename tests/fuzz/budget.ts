/**
 * Time budget of the fuzz pass. `npm test` gives every fuzz property a share of
 * about 20 s in all; `npm run fuzz` sets WARIFU_FUZZ_SECONDS for a longer run.
 * Properties stop at their time limit (fast-check's interruptAfterTimeLimit)
 * instead of a fixed run count, so the budget holds on a slow machine too.
 */
import type { Parameters } from 'fast-check'

const DEFAULT_TOTAL_SECONDS = 20

/** Seconds for the whole fuzz pass. */
export function fuzzTotalSeconds(): number {
  const raw = Number(process.env.WARIFU_FUZZ_SECONDS)
  return Number.isFinite(raw) && raw > 0 ? raw : DEFAULT_TOTAL_SECONDS
}

/**
 * fast-check parameters for one property that takes `share` (0..1) of the budget.
 * The seed is fixed unless WARIFU_FUZZ_SEED says otherwise, so a CI failure replays.
 */
export function fuzzParameters<T>(share: number): Parameters<T> {
  const seed = Number(process.env.WARIFU_FUZZ_SEED ?? 9)
  return {
    seed,
    numRuns: Number.MAX_SAFE_INTEGER,
    interruptAfterTimeLimit: Math.max(200, Math.round(fuzzTotalSeconds() * 1000 * share)),
    markInterruptAsFailure: false,
  }
}

/** The vitest timeout for a property with this share: its budget plus room for the last run. */
export function fuzzTestTimeoutMs(share: number): number {
  return Math.round(fuzzTotalSeconds() * 1000 * share) + 30_000
}
