/** Where an image to scan comes from: the clipboard, a dropped file, main's open dialog, or the screen. */
import { api } from '../api'
import { DecodeError } from './decode-client'

/** The first image in a paste, or undefined when the clipboard holds none. */
export function imageFromClipboard(e: ClipboardEvent): Blob | undefined {
  const items = e.clipboardData?.items
  if (!items) return undefined
  for (const item of Array.from(items)) {
    if (item.kind === 'file' && item.type.startsWith('image/')) return item.getAsFile() ?? undefined
  }
  return undefined
}

/** The first image file in a drop. */
export function imageFromDrop(e: DragEvent): Blob | undefined {
  const files = e.dataTransfer?.files
  if (!files) return undefined
  return Array.from(files).find((f) => f.type.startsWith('image/') || f.type === '') ?? undefined
}

/** Whether a drag carries files (so the window shows it will take the drop). */
export function dragHasFiles(e: DragEvent): boolean {
  return e.dataTransfer?.types.includes('Files') ?? false
}

/** An image the user picks in main's own dialog (main reads the file; no path crosses); null if cancelled. */
export async function imageFromOpenDialog(): Promise<Blob | null> {
  const picked = await api()['scan:open-image']()
  if (!picked) return null
  // Copy into a fresh ArrayBuffer-backed view: Blob wants ArrayBuffer, not a possibly shared buffer.
  return new Blob([new Uint8Array(picked.bytes)])
}

/**
 * One frame of every display. Main grants exactly the number of capture requests it armed in
 * scan:prepare-screens, one display each, so the page cannot capture on its own.
 */
export async function framesFromScreens(): Promise<ImageBitmap[]> {
  const { screens } = await api()['scan:prepare-screens']()
  const frames: ImageBitmap[] = []
  for (let i = 0; i < Math.max(1, screens); i++) {
    let stream: MediaStream
    try {
      stream = await navigator.mediaDevices.getDisplayMedia({
        // Without a size Chromium may start the stream scaled down (400x250 for a 1280x800 screen),
        // too small to read a QR code; ideal sizes are capped at the display's own resolution.
        video: { width: { ideal: 7680 }, height: { ideal: 4320 }, frameRate: { ideal: 5 } },
        audio: false,
      })
    } catch {
      if (frames.length > 0) break
      throw new DecodeError('SCREEN_CAPTURE_DENIED')
    }
    try {
      frames.push(await grabFrame(stream))
    } finally {
      for (const track of stream.getTracks()) track.stop()
    }
  }
  return frames
}

/** The first decoded frame of a stream, at the display's full resolution. */
async function grabFrame(stream: MediaStream): Promise<ImageBitmap> {
  const video = document.createElement('video')
  video.muted = true
  video.srcObject = stream
  await video.play()
  if (video.videoWidth === 0) {
    await new Promise<void>((resolve) => video.addEventListener('resize', () => resolve(), { once: true }))
  }
  // Wait for a painted frame: the first one after play() can still be black on some platforms.
  await new Promise<void>((resolve) => {
    if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(() => resolve())
    else setTimeout(resolve, 100)
  })
  const bitmap = await createImageBitmap(video)
  video.srcObject = null
  return bitmap
}
