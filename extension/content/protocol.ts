/**
 * What the background asks of the script it injects into the tab's top frame, and what comes
 * back. Texts arrive translated: the content script shows them, it does not choose them.
 */
import type { WarningTexts } from './overlay'

export type ContentRequest =
  /**
   * Fill `code` if the top-level page is still `origin` (the tab may have moved on since the host
   * was asked: a pending code is dropped then, as browserpass does).
   */
  | {
      kind: 'fill'
      code: string
      origin: string
      /** `lang`: the language of the texts; `noFieldFramed` holds `{host}` for the frame's host. */
      texts: { filled: string; noField: string; noFieldFramed: string; navigated: string; lang: string }
    }
  | { kind: 'warn'; texts: WarningTexts }
  | { kind: 'note'; text: string; lang: string }

export type ContentResult =
  | { filled: true; how: 'single' | 'segmented'; frame: 'top' | 'same-origin-frame'; boxes: number }
  | { filled: false; reason: 'no-field' | 'navigated' }
  /** No field in the page or its same-origin frames, and a frame of `frameHost` is on it. */
  | { filled: false; reason: 'cross-origin-frame'; frameHost: string }
  | { shown: 'warning' | 'note' }

/** The name the injected bundle is reachable under in the extension's isolated world. */
export const CONTENT_GLOBAL = '__warifuCompanion'
