/** The renderer's view of main: `window.warifu`, built by the preload (or the e2e harness) from shared/ipc. */
import type { WarifuBridge } from '../shared/ipc/channels'

declare global {
  interface Window {
    warifu: WarifuBridge
  }
}

/** The bridge to main; every call is async and rejects with an Error carrying `code`. */
export function api(): WarifuBridge {
  return window.warifu
}

/** The stable error code of a failed call, or INTERNAL for anything else. */
export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code
  }
  return 'INTERNAL'
}
