/**
 * Renderer worker: rates a new backup password with zxcvbn-ts. Its dictionaries are megabytes, so
 * they live in this worker's own script, started only when a password field shows: the window's
 * first paint never waits for them, and a check never blocks typing.
 */
import { loadPasswordEstimator } from '../../shared/backup/password-estimator'
import type { StrengthReply, StrengthRequest } from './strength-protocol'

/** The worker's global scope, as far as we use it (the DOM lib types `self` as a Window). */
interface WorkerScope {
  onmessage: ((e: MessageEvent<StrengthRequest>) => void) | null
  postMessage(message: StrengthReply): void
}
const scope = self as unknown as WorkerScope

scope.onmessage = (e) => {
  const { id, password } = e.data
  loadPasswordEstimator().then(
    (rate) => scope.postMessage({ id, ok: true, report: rate(password) }),
    () => scope.postMessage({ id, ok: false }),
  )
}
