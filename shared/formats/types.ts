/** What every importer returns: the accounts it can import and, for each entry it cannot, why. */
import type { ErrorCode } from '../errors'
import type { OtpParams } from '../otp/account'

/** The file formats Warifu reads. */
export type ImportFormat =
  'google-migration' | 'aegis-plain' | 'aegis-encrypted' | '2fas-plain' | '2fas-encrypted' | 'otpauth-list'

/** One entry of a backup that cannot be imported, with a reason a person can read. Never holds a secret. */
export interface RejectedEntry {
  /** Issuer and label as the file names them (cleaned for display), when it has them. */
  issuer: string
  label: string
  /** Why, in one sentence. */
  reason: string
  /** A stable code: an ErrorCode from validation, or UNSUPPORTED_TYPE for Steam/Yandex/mOTP and the like. */
  code: ErrorCode | 'UNSUPPORTED_TYPE'
}

/** An importer's result. */
export interface ParsedImport {
  accounts: OtpParams[]
  rejected: RejectedEntry[]
  /**
   * Warifu's own Aegis exports only: the sites an account's entry carried, unchecked (the
   * importer parses them), keyed by the account object in `accounts`.
   */
  sites?: Map<OtpParams, unknown>
  /** Aegis files: the entries marked `favorite` (Warifu's pin), by account object in `accounts`. */
  favorites?: Set<OtpParams>
  /** Warifu's own Aegis exports only: each entry's tags, unchecked (the importer cleans them). */
  tags?: Map<OtpParams, unknown>
}
