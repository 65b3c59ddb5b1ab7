/** Carries out one ContentRequest in a document (the tab's top frame). */
import { format } from '../i18n/messages'
import { crossOriginFrameHosts, findCodeField } from './find-field'
import { fillField } from './fill'
import { showNote, showWarning } from './overlay'
import type { ContentRequest, ContentResult } from './protocol'

export function run(doc: Document, request: ContentRequest): ContentResult {
  switch (request.kind) {
    case 'fill': {
      // Only the top frame runs this; a frame's own origin never decides.
      if (doc.location.origin !== request.origin) {
        showNote(doc, request.texts.navigated, request.texts.lang)
        return { filled: false, reason: 'navigated' }
      }
      const field = findCodeField(doc, request.code.length)
      if (field === null) {
        // Most likely the field is in another site's frame: say whose, since Warifu never fills there.
        const frameHost = crossOriginFrameHosts(doc)[0]
        if (frameHost !== undefined) {
          showNote(doc, format(request.texts.noFieldFramed, { host: frameHost }), request.texts.lang)
          return { filled: false, reason: 'cross-origin-frame', frameHost }
        }
        showNote(doc, request.texts.noField, request.texts.lang)
        return { filled: false, reason: 'no-field' }
      }
      const inputs = fillField(field, request.code)
      showNote(doc, request.texts.filled, request.texts.lang, 2500)
      return { filled: true, how: field.kind, frame: field.frame, boxes: inputs.length }
    }
    case 'warn':
      showWarning(doc, request.texts)
      return { shown: 'warning' }
    case 'note':
      showNote(doc, request.text, request.lang)
      return { shown: 'note' }
  }
}
