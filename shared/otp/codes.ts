/** Code generation (RFC 4226 HOTP, RFC 6238 TOTP) with the clock always passed in. */
import { HOTP, TOTP } from 'otpauth'
import type { HotpParams, OtpParams, TotpParams } from './account'
import { secretFromBase32 } from './secret'

/** A TOTP code and the time window it is valid in. */
export interface TotpCode {
  code: string
  /** The RFC 6238 time step (T) this code belongs to. */
  step: number
  /** Whole seconds until the next code, 1..period. */
  secondsLeft: number
  /** When this code stops being valid, in ms since the epoch. */
  expiresAt: number
}

/** The TOTP code for `nowMs` (milliseconds since the Unix epoch). */
export function totpCode(params: Omit<TotpParams, 'issuer' | 'label' | 'type'>, nowMs: number): TotpCode {
  const periodMs = params.period * 1000
  const step = Math.floor(nowMs / periodMs)
  const code = TOTP.generate({
    secret: secretFromBase32(params.secret),
    algorithm: params.algorithm,
    digits: params.digits,
    period: params.period,
    timestamp: nowMs,
  })
  const expiresAt = (step + 1) * periodMs
  return { code, step, secondsLeft: Math.ceil((expiresAt - nowMs) / 1000), expiresAt }
}

/** The HOTP code for `counter`. */
export function hotpCode(params: Omit<HotpParams, 'issuer' | 'label' | 'type' | 'counter'>, counter: number): string {
  return HOTP.generate({
    secret: secretFromBase32(params.secret),
    algorithm: params.algorithm,
    digits: params.digits,
    counter,
  })
}

/** The code an account shows now: TOTP at `nowMs`, HOTP at its stored counter. */
export function currentCode(params: OtpParams, nowMs: number): string {
  return params.type === 'totp' ? totpCode(params, nowMs).code : hotpCode(params, params.counter)
}
