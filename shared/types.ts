/** Account data that may cross to the renderer or be printed: never a secret. */
import type { Algorithm } from './otp/account'

/** One account as the list shows it; it has no secret by construction. */
export type AccountSummary = {
  id: string
  issuer: string
  label: string
  algorithm: Algorithm
  digits: number
  /** ISO 8601 time the account was added. */
  createdAt: string
} & ({ type: 'totp'; period: number } | { type: 'hotp'; counter: number })
