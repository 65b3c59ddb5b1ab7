/**
 * Main process: one IPC call from start to finish, without Electron: check the
 * sender, parse the arguments, run the handler, turn any failure into data.
 * register.ts calls this for Electron; the e2e harness calls it for Chromium.
 */
import { AppError } from '../../shared/errors'
import {
  argParsers,
  CHANNEL_NAMES,
  INTERNAL_ERROR_CODE,
  UNTRUSTED_SENDER_CODE,
  type ChannelName,
  type IpcResult,
} from '../../shared/ipc/channels'
import { isTrustedSender, type SenderInfo, type TrustedOrigins } from '../security'
import type { Handlers } from './handlers'

/** Reports unexpected failures; receives the channel and the error's name only (a message might hold a secret). */
export type InternalErrorLog = (channel: string, errorName: string) => void

const defaultLog: InternalErrorLog = (channel, errorName) =>
  console.error(`warifu: unexpected ${errorName} while handling ${channel}`)

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && (CHANNEL_NAMES as string[]).includes(name)
}

/** Runs one call. Never throws: every outcome is an IpcResult. */
export async function dispatch(
  handlers: Handlers,
  channel: string,
  rawArgs: unknown,
  sender: SenderInfo,
  origins: TrustedOrigins,
  log: InternalErrorLog = defaultLog,
): Promise<IpcResult<unknown>> {
  // Checked first: an untrusted page learns nothing, not even whether the channel exists.
  if (!isTrustedSender(sender, origins)) {
    return { ok: false, error: { code: UNTRUSTED_SENDER_CODE, message: 'This page may not call Warifu.' } }
  }
  if (!isChannelName(channel)) {
    return { ok: false, error: { code: 'USAGE', message: 'Unknown call.' } }
  }
  try {
    const args = argParsers[channel](Array.isArray(rawArgs) ? rawArgs : [rawArgs])
    const handler = handlers[channel] as (...a: unknown[]) => Promise<unknown>
    return { ok: true, value: await handler(...args) }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } }
    log(channel, error instanceof Error ? error.name : typeof error)
    return { ok: false, error: { code: INTERNAL_ERROR_CODE, message: 'Something went wrong inside Warifu.' } }
  }
}
