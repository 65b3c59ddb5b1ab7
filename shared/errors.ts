/**
 * Typed errors with stable codes. Messages are for people and never contain a
 * secret, an otpauth URI (it holds the secret) or a password; the UI switches
 * on `code` and shows its own translated text.
 */

/** Every stable error code the core can produce. */
export type ErrorCode =
  | 'INVALID_OTP_URI'
  | 'INVALID_SECRET'
  | 'SECRET_TOO_SHORT'
  | 'INVALID_ALGORITHM'
  | 'INVALID_DIGITS'
  | 'INVALID_PERIOD'
  | 'INVALID_COUNTER'
  | 'INVALID_ACCOUNT'
  | 'KEYCHAIN_UNAVAILABLE'
  | 'SECRET_MISSING'
  | 'VAULT_CORRUPT'
  | 'VAULT_BUSY'
  | 'VAULT_WRITE_REFUSED'
  | 'ACCOUNT_NOT_FOUND'
  | 'AMBIGUOUS_ACCOUNT'
  | 'DUPLICATE_ACCOUNT'
  | 'USAGE'
  | 'IMAGE_TOO_LARGE'
  | 'NOT_AN_IMAGE'
  | 'IMAGE_DECODE_TIMEOUT'
  | 'NO_QR_FOUND'
  | 'QR_DECODER_UNAVAILABLE'
  | 'BACKUP_WRONG_PASSWORD'
  | 'BACKUP_PASSWORD_REQUIRED'
  | 'BACKUP_CORRUPT'
  | 'BACKUP_UNSUPPORTED'
  | 'BACKUP_TOO_LARGE'
  | 'BACKUP_VERIFY_FAILED'
  | 'PLAIN_EXPORT_NOT_CONFIRMED'
  | 'EXPORT_TARGET_REFUSED'
  | 'NOT_CONFIRMED'
  | 'BACKUP_KDF_TOO_COSTLY'
  | 'FILE_UNREADABLE'
  | 'INVALID_SITE'
  | 'INVALID_TAG'
  | 'CLIPBOARD_UNAVAILABLE'
  | 'EXPORT_TARGET_EXISTS'
  | 'BROWSER_INSTALL_FAILED'
  | 'BROWSER_HOST_NEEDS_NODE'

/** Base of every error the app raises on purpose. */
export abstract class AppError extends Error {
  abstract readonly code: ErrorCode
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
  }
}

/** The text is not an otpauth URI we can use (scheme, type, label or parameters). */
export class InvalidOtpUriError extends AppError {
  readonly code = 'INVALID_OTP_URI'
}

/** The secret is empty or not base32. */
export class InvalidSecretError extends AppError {
  readonly code = 'INVALID_SECRET'
}

/** The secret decodes to fewer than 80 bits (RFC 4226 section 4, R6). */
export class SecretTooShortError extends AppError {
  readonly code = 'SECRET_TOO_SHORT'
}

/** An OTP parameter is outside what we support; `code` says which. */
export class InvalidOtpParameterError extends AppError {
  constructor(
    readonly code: 'INVALID_ALGORITHM' | 'INVALID_DIGITS' | 'INVALID_PERIOD' | 'INVALID_COUNTER',
    message: string,
  ) {
    super(message)
  }
}

/** Issuer or label is unusable (too long, control characters). */
export class InvalidAccountError extends AppError {
  readonly code = 'INVALID_ACCOUNT'
}

/** No usable OS keychain: missing, locked, or access denied. There is no plain-text fallback. */
export class KeychainUnavailableError extends AppError {
  readonly code = 'KEYCHAIN_UNAVAILABLE'
}

/** An account's secret is not in the keychain. */
export class SecretMissingError extends AppError {
  readonly code = 'SECRET_MISSING'
}

/** The metadata file cannot be read as a Warifu vault. */
export class VaultCorruptError extends AppError {
  readonly code = 'VAULT_CORRUPT'
}

/** Another Warifu process holds the vault lock. */
export class VaultBusyError extends AppError {
  readonly code = 'VAULT_BUSY'
}

/** A change would have written an account file that does not read back; nothing was written. */
export class VaultWriteRefusedError extends AppError {
  readonly code = 'VAULT_WRITE_REFUSED'
}

/** No account matches the id or search. */
export class AccountNotFoundError extends AppError {
  readonly code = 'ACCOUNT_NOT_FOUND'
}

/** A search matches more than one account. */
export class AmbiguousAccountError extends AppError {
  readonly code = 'AMBIGUOUS_ACCOUNT'
}

/** The same account (secret, issuer and label) is saved already; adding it again needs asking for it. */
export class DuplicateAccountError extends AppError {
  readonly code = 'DUPLICATE_ACCOUNT'
}

/** The command line is wrong. */
export class UsageError extends AppError {
  readonly code = 'USAGE'
}

/** An image file is larger than the app reads (the desktop app's open-image dialog). */
export class ImageTooLargeError extends AppError {
  readonly code = 'IMAGE_TOO_LARGE'
}

/** The file or pixel buffer is not a readable PNG/JPEG image (wrong type, truncated, corrupt). */
export class NotAnImageError extends AppError {
  readonly code = 'NOT_AN_IMAGE'
}

/** Decoding the image took longer than the app waits (see electron/scan/scan-file.ts); it was stopped. */
export class ImageDecodeTimeoutError extends AppError {
  readonly code = 'IMAGE_DECODE_TIMEOUT'
}

/** The image holds no QR code we can read. */
export class NoQrFoundError extends AppError {
  readonly code = 'NO_QR_FOUND'
}

/** The QR decoder (ZXing WebAssembly) could not be loaded or was not configured. */
export class QrDecoderUnavailableError extends AppError {
  readonly code = 'QR_DECODER_UNAVAILABLE'
}

/** The password does not open this encrypted backup. */
export class WrongBackupPasswordError extends AppError {
  readonly code = 'BACKUP_WRONG_PASSWORD'
}

/** The backup is encrypted and no password was given. */
export class BackupPasswordRequiredError extends AppError {
  readonly code = 'BACKUP_PASSWORD_REQUIRED'
}

/** The backup or import file is damaged, truncated, tampered with, or not what it claims to be. */
export class BackupCorruptError extends AppError {
  readonly code = 'BACKUP_CORRUPT'
}

/** The file is of a kind or version Warifu cannot read. */
export class UnsupportedBackupError extends AppError {
  readonly code = 'BACKUP_UNSUPPORTED'
}

/** The file is larger, or nests deeper, than any real backup; refused unread. */
export class BackupTooLargeError extends AppError {
  readonly code = 'BACKUP_TOO_LARGE'
}

/** The export was written but reading it back did not give the same accounts; it is not a backup. */
export class BackupVerifyError extends AppError {
  readonly code = 'BACKUP_VERIFY_FAILED'
}

/** A plain (unencrypted) export was asked for without the explicit confirmation. */
export class PlainExportNotConfirmedError extends AppError {
  readonly code = 'PLAIN_EXPORT_NOT_CONFIRMED'
}

/** An export aimed inside Warifu's data folder, where it could replace the account list. */
export class ExportTargetRefusedError extends AppError {
  readonly code = 'EXPORT_TARGET_REFUSED'
}

/** A backup asks for a password-hashing cost far above what its app writes; refused before any work. */
export class BackupKdfTooCostlyError extends AppError {
  readonly code = 'BACKUP_KDF_TOO_COSTLY'
}

/** A file to import is missing, a folder, a pipe or device, or cannot be opened. */
export class FileUnreadableError extends AppError {
  readonly code = 'FILE_UNREADABLE'
}

/** The user did not confirm, in main's own dialog, a disclosure or deletion the page asked for; nothing changed. */
export class NotConfirmedError extends AppError {
  readonly code = 'NOT_CONFIRMED'
}

/** Not a site Warifu can store: not a domain, an IP address, or a bare public suffix such as co.jp. */
export class InvalidSiteError extends AppError {
  readonly code = 'INVALID_SITE'
}

/** Not a tag Warifu can store: empty once cleaned, longer than MAX_TAG_LENGTH, or more than MAX_TAGS. */
export class InvalidTagError extends AppError {
  readonly code = 'INVALID_TAG'
}

/** `warifu code --copy` found no clipboard: no desktop session, or no clipboard tool installed. */
export class ClipboardUnavailableError extends AppError {
  readonly code = 'CLIPBOARD_UNAVAILABLE'
}

/** `warifu export` would replace an existing file and was not given --force. */
export class ExportTargetExistsError extends AppError {
  readonly code = 'EXPORT_TARGET_EXISTS'
}

/** A browser's native host manifest (or its Windows registry key) could not be written or removed. */
export class BrowserInstallError extends AppError {
  readonly code = 'BROWSER_INSTALL_FAILED'
}

/** The app run from source (npm start) found no Node to start the browser host with. */
export class BrowserHostNeedsNodeError extends AppError {
  readonly code = 'BROWSER_HOST_NEEDS_NODE'
}

/** True for errors raised on purpose by Warifu. */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError
}
