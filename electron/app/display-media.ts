/** Main process: the decision behind session.setDisplayMediaRequestHandler, without Electron. */
import { isTrustedUrl, type TrustedOrigins } from '../security'
import type { ScreenScanQueue } from './screen-scan'

export interface DisplayMediaRequestInfo {
  /** The requesting frame's URL; undefined when the frame is gone. */
  frameUrl: string | undefined
  videoRequested: boolean
}

/**
 * The index of the screen source to grant, or undefined to refuse: only our
 * own page, only video (never system audio), only while a scan is armed.
 */
export function screenSourceFor(
  request: DisplayMediaRequestInfo,
  queue: ScreenScanQueue,
  origins: TrustedOrigins,
): number | undefined {
  if (request.frameUrl === undefined || !isTrustedUrl(request.frameUrl, origins)) return undefined
  if (!request.videoRequested) return undefined
  return queue.take()
}
