/** `warifu scan`: prints the otpauth and otpauth-migration texts of the QR codes in image files. */
import {
  AppError,
  ImageDecodeTimeoutError,
  ImageTooLargeError,
  NoQrFoundError,
  NotAnImageError,
  QrDecoderUnavailableError,
  UsageError,
} from '../../../shared/errors'
import { pathForEcho } from '../../../shared/echo'
import { parseCommandArgs } from '../args'
import type { Command } from '../io'
import { cliProgress, decodingText, importProgressText } from '../progress'

/** True for texts the scan command prints: otpauth:// and otpauth-migration:// URIs. */
export function isOtpText(text: string): boolean {
  return /^otpauth(-migration)?:\/\//i.test(text)
}

export const scanCommand: Command = {
  name: 'scan',
  summary: 'Print the otpauth URIs of QR codes in PNG or JPEG images',
  help: `Usage:
  warifu scan <image>...

Reads each PNG or JPEG file, finds every QR code in it and prints each
otpauth:// or otpauth-migration:// text, one per line (the same text once).
QR codes holding other text are counted on standard error, not printed.
Exits non-zero when an image cannot be read or holds no otpauth code.
Images over 100 megapixels or 50 MB, and images still decoding after 30 s,
are refused. Printed URIs hold secrets: they go to standard output only,
as asked. At a terminal, a scan over a second shows progress on standard error.`,
  async run(args, io) {
    const { positionals } = parseCommandArgs(args, {})
    if (positionals.length === 0) throw new UsageError('Name at least one image: warifu scan <image>...')
    // Loaded only here so other commands (warifu code --uri) never pay for the decoder.
    const { scanImageFile } = await import('../../scan/scan-file')
    const printed = new Set<string>()
    const failures: { file: string; error: AppError }[] = []
    // A camera photo can take many seconds: at a terminal, say what is going on.
    const progress = cliProgress()
    for (const [index, file] of positionals.entries()) {
      let texts: string[]
      const shown = pathForEcho(file, 'the image')
      progress.update(importProgressText({ stage: 'reading', name: shown, index, total: positionals.length }))
      try {
        texts = await scanImageFile(file, { onDecode: (size) => progress.update(decodingText(size)) })
      } catch (error) {
        if (!(error instanceof AppError)) throw error
        failures.push({ file, error })
        continue
      } finally {
        progress.clear()
      }
      const otp = texts.filter(isOtpText)
      const others = texts.length - otp.length
      if (others > 0)
        io.err(`warifu: note: ${pathForEcho(file)}: ${others} QR code(s) without an otpauth URI, not printed.`)
      if (otp.length === 0) {
        const message = texts.length === 0 ? 'No QR code found.' : 'No otpauth QR code found.'
        failures.push({ file, error: new NoQrFoundError(message) })
        continue
      }
      for (const text of otp) {
        if (printed.has(text)) continue
        printed.add(text)
        io.out(text)
      }
    }
    if (failures.length === 0) return
    if (failures.length === 1 && positionals.length === 1) {
      const { file, error } = failures[0]!
      // A URI given where an image was expected is not echoed back.
      throw rewrap(error, `${pathForEcho(file)}: ${error.message}`)
    }
    for (const { file, error } of failures) io.err(`warifu: ${pathForEcho(file)}: ${error.message} [${error.code}]`)
    const first = failures[0]!.error
    throw rewrap(first, `${failures.length} of ${positionals.length} images gave no otpauth code.`)
  },
}

/** The same kind of error (same code) with a message naming the file. */
function rewrap(error: AppError, message: string): AppError {
  if (error instanceof NoQrFoundError) return new NoQrFoundError(message)
  if (error instanceof NotAnImageError) return new NotAnImageError(message, { cause: error })
  if (error instanceof ImageTooLargeError) return new ImageTooLargeError(message, { cause: error })
  if (error instanceof ImageDecodeTimeoutError) return new ImageDecodeTimeoutError(message, { cause: error })
  if (error instanceof QrDecoderUnavailableError) return new QrDecoderUnavailableError(message, { cause: error })
  return error
}
