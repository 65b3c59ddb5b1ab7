/** The page's side of the strength worker. */
import type { StrengthReport } from '../../shared/backup/password-strength'
import { workerClient } from '../worker-client'
import type { StrengthReply, StrengthRequest } from './strength-protocol'

const send = workerClient<StrengthRequest, StrengthReply>('strength.worker.js')

/** The password's report, or undefined when the estimator could not load or its worker failed. */
async function rate(password: string): Promise<StrengthReport | undefined> {
  const reply = await send({ password })
  return reply?.ok ? reply.report : undefined
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
