/**
 * The content script's entry, injected only into the top frame of the tab the user acted on
 * (never declared in the manifest, never into every page). It only defines `run`; the
 * background calls it with the request right after injecting this file.
 */
import { CONTENT_GLOBAL, type ContentRequest } from './protocol'
import { run } from './run'

;(globalThis as Record<string, unknown>)[CONTENT_GLOBAL] = {
  run: (request: ContentRequest) => run(document, request),
}
