/**
 * Main process: one account as a QR code, to move it to a phone (any authenticator app reads an otpauth
 * URI). The code carries the secret, so main's own dialog names the account and says yes first; only the
 * modules cross to the page, which draws them on a canvas and wipes it when closed.
 */
import type { QrMatrix } from '../../shared/backup/preview'
import { formatOtpUri } from '../../shared/otp/uri'
import type { Confirm } from '../app/native-confirm'
import type { Vault } from '../vault/vault'
import type { Handlers } from './handlers'
import { confirmOrRefuse } from './trash-handlers'

/** The otpauth URI of `id` as QR modules (error correction M, as the phone transfer codes). */
export async function accountQrMatrix(vault: Vault, id: string): Promise<QrMatrix> {
  const uri = formatOtpUri(vault.params(id))
  const { default: QRCode } = await import('qrcode')
  const { modules } = QRCode.create(uri, { errorCorrectionLevel: 'M' })
  return { size: modules.size, modules: Uint8Array.from(modules.data) }
}

export function createAccountQrHandler(
  confirm: Confirm,
  vault: () => Promise<Vault>,
): Pick<Handlers, 'accounts:qr-matrix'> {
  return {
    'accounts:qr-matrix': async (id) => {
      const v = await vault()
      // Fails (not found, secret missing) before asking the user anything.
      v.params(id)
      await confirmOrRefuse(confirm, 'account-qr', [v.get(id)])
      return accountQrMatrix(v, id)
    },
  }
}
