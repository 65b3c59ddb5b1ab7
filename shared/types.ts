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
  /**
   * Where its codes belong: registrable domains (eTLD+1, as parseSite gives them), no duplicates,
   * at most MAX_SITES, in the user's order. Empty when none is set.
   */
  sites: string[]
  /** Pinned (favourite): shown first in the list and offered in the tray menu. Absent when not. */
  pinned?: true
  /** The user's groups (証券, 銀行, 仕事): cleaned like names, no duplicates, at most MAX_TAGS. Absent when none. */
  tags?: string[]
  /** ISO 8601 time (to the minute) its code was last copied, for the "recently used" order. */
  lastUsedAt?: string
} & ({ type: 'totp'; period: number } | { type: 'hotp'; counter: number })

/** The most sites one account holds (a service rarely has more than a few domains). */
export const MAX_SITES = 16

/** The most tags one account holds, and the longest tag. */
export const MAX_TAGS = 8
export const MAX_TAG_LENGTH = 32

/** How long a removed account stays in "Recently deleted" before it is purged. */
export const TRASH_DAYS = 30

/** An account in "Recently deleted": restorable until `daysLeft` reaches 0. No secret. */
export type DeletedAccount = AccountSummary & {
  /** ISO 8601 time the account was removed. */
  deletedAt: string
  /** Whole days (rounded up) until it is purged at main's clock. */
  daysLeft: number
}
