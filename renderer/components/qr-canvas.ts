/** Draws a QR code from its modules (main's matrix) on a canvas: no image URL, nothing to fetch. */
import type { QrMatrix } from '../../shared/backup/preview'
import { h } from './dom'

/** Modules of white border around the code, as the QR standard asks for. */
const QUIET_ZONE = 4

export function qrCanvas(matrix: QrMatrix, modulePixels: number, label: string): HTMLCanvasElement {
  const side = (matrix.size + 2 * QUIET_ZONE) * modulePixels
  const canvas = h('canvas', { class: 'qr', width: side, height: side, role: 'img', 'aria-label': label })
  const g = canvas.getContext('2d')
  if (!g) return canvas
  // Always dark on white, also in dark mode: phone cameras read that best.
  g.fillStyle = '#ffffff'
  g.fillRect(0, 0, side, side)
  g.fillStyle = '#000000'
  for (let y = 0; y < matrix.size; y++) {
    for (let x = 0; x < matrix.size; x++) {
      if (matrix.modules[y * matrix.size + x] !== 1) continue
      g.fillRect((x + QUIET_ZONE) * modulePixels, (y + QUIET_ZONE) * modulePixels, modulePixels, modulePixels)
    }
  }
  return canvas
}

/** Paints the canvas white: the codes hold secrets and should not stay drawn after the view closes. */
export function wipeCanvas(canvas: HTMLCanvasElement): void {
  const g = canvas.getContext('2d')
  if (!g) return
  g.fillStyle = '#ffffff'
  g.fillRect(0, 0, canvas.width, canvas.height)
  canvas.width = 0
}
