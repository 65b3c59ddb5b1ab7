/** Small timing helpers for the benchmark scripts: medians of repeated runs, printed as figures and ratios. */
import { performance } from 'node:perf_hooks'

/** Runs `fn` `runs` times (after `warmup` runs) and returns each run's duration in ms. */
export async function sample(fn: () => unknown, runs: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn()
    times.push(performance.now() - start)
  }
  return times
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}

export const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`

/** One result line: the figure, its baseline, the ratio and whether the target holds. */
export function report(name: string, value: number, baseline: number, target: string, ok: boolean): void {
  console.log(
    `${name}\n    ours ${ms(value)}  baseline ${ms(baseline)}  ratio ${(value / baseline).toFixed(2)}x  target ${target}  ${ok ? 'MET' : 'MISSED'}`,
  )
}
