/** Messages between the page and the password strength worker. */
import type { StrengthReport } from '../../shared/backup/password-strength'

/** One password to rate. */
export interface StrengthRequest {
  id: number
  password: string
}

/** Its rating, or ok: false when the estimator could not load. */
export type StrengthReply = { id: number; ok: true; report: StrengthReport } | { id: number; ok: false }
