/** The page's side of the strength worker: one worker, started on first use, requests matched by id. */
import type { StrengthReport } from '../../shared/backup/password-strength'
import type { StrengthReply } from './strength-protocol'

let worker: Worker | undefined
let nextId = 1
const pending = new Map<number, (report: StrengthReport | undefined) => void>()

function getWorker(): Worker {
  if (worker) return worker
  worker = new Worker('strength.worker.js')
  worker.onmessage = (e: MessageEvent<StrengthReply>) => {
    const reply = e.data
    const settle = pending.get(reply.id)
    pending.delete(reply.id)
    settle?.(reply.ok ? reply.report : undefined)
  }
  worker.onerror = () => {
    for (const settle of pending.values()) settle(undefined)
    pending.clear()
    worker?.terminate()
    worker = undefined
  }
  return worker
}

function rate(password: string): Promise<StrengthReport | undefined> {
  const id = nextId++
  return new Promise((resolve) => {
    pending.set(id, resolve)
    getWorker().postMessage({ id, password })
  })
}

/** Starts the worker loading its dictionaries, so the first hint does not wait for them. */
export function prepareStrength(): void {
  void rate('')
}

/**
 * A rater for one password field. A check takes up to a few hundred milliseconds, so while one
 * runs only the newest password typed waits (never a queue of every keystroke); `onReport` gets
 * each answer with the password it rates, for the caller to drop one that is no longer typed.
 * An estimator that failed to load reports nothing: the length hint stays.
 */
export function strengthRater(
  onReport: (password: string, report: StrengthReport) => void,
): (password: string) => void {
  let running = false
  let waiting: string | undefined
  const send = (password: string) => {
    running = true
    void rate(password).then((report) => {
      running = false
      if (report) onReport(password, report)
      if (waiting !== undefined) {
        const next = waiting
        waiting = undefined
        send(next)
      }
    })
  }
  return (password) => {
    if (running) waiting = password
    else send(password)
  }
}
