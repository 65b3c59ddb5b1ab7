/**
 * The one QR decode pipeline, for the CLI and the desktop renderer alike: RGBA pixels in, every QR
 * text in the image out (de-duplicated, in reading order of the decoders).
 *
 * ZXing-C++ (zxing-wasm) does the work; its `.wasm` is never fetched from a network (the package's
 * default would be a CDN): the caller hands over the bytes once, before the first decode.
 *
 * In a browser worker (desktop renderer):
 *   1. Ship `node_modules/zxing-wasm/dist/reader/zxing_reader.wasm` (the reader-only build, about
 *      950 KB; the `full` build's .wasm does NOT match `zxing-wasm/reader`) in the app bundle, e.g.
 *      copied next to the worker script by build/bundle.mjs.
 *   2. In the worker, load those bytes from the app itself (fetch, or XHR where fetch refuses
 *      file://), never from a network, and call `configureZxing({ wasmBinary: bytes })` once.
 *   3. Per image: `await decodeQrCodes({ data: imageData.data, width, height })`; it rejects with
 *      QR_DECODER_UNAVAILABLE if step 2 did not happen (the package would otherwise try a CDN).
 *   The CSP must allow `'wasm-unsafe-eval'` in script-src for WebAssembly instantiation.
 * In Node: electron/scan/zxing-node.ts `loadZxingForNode()` reads the file and calls configureZxing.
 *
 * Passes, cheapest first, stopping at the first that finds a code (an image with transparent
 * pixels that gives nothing at first is then decoded again composited onto white):
 *   1. ZXing on the image as is (tryHarder, rotations, inversion for dark mode, internal downscaling
 *      for large codes); this reads nearly every screenshot with modules of 1.5 px or more.
 *   2. Small images only (photos, crops; up to 2.5 MP): 1.25x bilinear up-scaling with a
 *      global-histogram threshold (low contrast, blur); up to 1 MP, 2x up-scaling with the local
 *      threshold (modules near 1 px); up to 0.32 MP, jsqr as an independent second reader.
 *   3. Images over 1 MP (screens): the few compact areas dense with edges in both directions
 *      (regions.ts) are cropped and up-scaled 2x (then 3x): codes of 1-1.5 px modules on a 4K or
 *      8K capture, for a few ms each; an empty page yields few or no such areas, so stays fast.
 * Every result has passed Reed-Solomon error correction in its decoder; nothing is guessed.
 */
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader'
import jsQR from 'jsqr'
import { QrDecoderUnavailableError } from '../errors'
import { checkRgbaImage, flattenOnWhite, hasTransparency, toGrey, type RgbaImage } from './image'
import { cropGrey, findDenseRegions } from './regions'

let zxingReady: Promise<unknown> | undefined

/** Supplies ZXing's reader .wasm bytes (zxing-wasm/dist/reader/zxing_reader.wasm); call once before decoding. */
export function configureZxing(options: { wasmBinary: ArrayBuffer }): void {
  zxingReady = prepareZXingModule({
    overrides: {
      wasmBinary: options.wasmBinary,
      // Never resolve the .wasm to a URL: with wasmBinary set nothing is fetched, and this makes sure.
      locateFile: (file: string) => file,
    },
    fireImmediately: true,
  })
}

/** True once configureZxing has been called. */
export function isZxingConfigured(): boolean {
  return zxingReady !== undefined
}

/** What decodeQrCodes may be told. */
export interface DecodeOptions {
  /** Try the slower rescue passes on images up to this many pixels when the first finds nothing (default 2.5 MP). */
  smallImagePixels?: number
}

/** Images up to this size get the slower rescue passes. */
const SMALL_IMAGE_PIXELS = 2_500_000
/** Up-scaling by 2 only up to this size (the result is 4x larger). */
const UPSCALE_MAX_PIXELS = 1_000_000
/**
 * jsqr only on images up to this size (a 640x480 photo): it is pure JavaScript, and on adversarial
 * input (binary noise) it takes about 2 s per megapixel. In the benchmark it rescued no image that
 * the ZXing passes missed; it stays as an independent last try on small crops.
 */
const JSQR_MAX_PIXELS = 320_000

/** Candidate areas on large images: a few, each small, so an empty page stays fast. */
const REGION_OPTIONS = { maxRegions: 8, maxSide: 400 }

const BASE_OPTIONS: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryRotate: true,
  tryInvert: true,
  tryDownscale: true,
  // Raw text as encoded (the default HRI mode would escape control characters).
  textMode: 'Plain',
  maxNumberOfSymbols: 255,
}

const GLOBAL_THRESHOLD_OPTIONS: ReaderOptions = { ...BASE_OPTIONS, binarizer: 'GlobalHistogram' }

/** Every QR text in the image, de-duplicated; [] when there is none. Throws ImageTooLargeError over 100 MP. */
export async function decodeQrCodes(image: RgbaImage, options: DecodeOptions = {}): Promise<string[]> {
  checkRgbaImage(image)
  if (zxingReady === undefined) {
    throw new QrDecoderUnavailableError('The QR decoder is not configured: call configureZxing first.')
  }
  try {
    await zxingReady
  } catch (error) {
    throw new QrDecoderUnavailableError('The QR decoder could not be loaded.', { cause: error })
  }
  const found = new Set<string>()

  for (const text of await zxingTexts(image, BASE_OPTIONS)) found.add(text)
  if (found.size > 0) return [...found]

  // Transparent pixels carry no colour of their own: decode again as shown on white.
  if (hasTransparency(image)) return decodeQrCodes(flattenOnWhite(image), options)

  const pixels = image.width * image.height
  const grey = pixels <= UPSCALE_MAX_PIXELS ? toGrey(image) : undefined
  if (pixels <= (options.smallImagePixels ?? SMALL_IMAGE_PIXELS)) {
    // Blurred or low-contrast photos: a little more resolution and one global threshold.
    const scaled = scaleGrey(grey ?? toGrey(image), image.width, image.height, 1.25)
    for (const text of await zxingTexts(scaled, GLOBAL_THRESHOLD_OPTIONS)) found.add(text)
    if (found.size > 0) return [...found]
  }
  if (grey !== undefined) {
    // HiDPI-resampled codes near 1 px per module: double the resolution of the whole image.
    for (const text of await zxingTexts(scaleGrey(grey, image.width, image.height, 2), BASE_OPTIONS)) found.add(text)
    if (found.size > 0) return [...found]
  } else {
    // Large screens: up-scale only the few compact areas dense with edges both ways (see regions.ts).
    for (const box of findDenseRegions(image.data, image.width, image.height, REGION_OPTIONS)) {
      const crop = cropGrey(image.data, image.width, box)
      for (const factor of [2, 3]) {
        const texts = await zxingTexts(scaleGrey(crop, box.width, box.height, factor), BASE_OPTIONS)
        for (const text of texts) found.add(text)
        if (texts.length > 0) break
      }
    }
    if (found.size > 0) return [...found]
  }
  if (pixels <= JSQR_MAX_PIXELS) {
    const text = jsqrText(image)
    if (text !== undefined) found.add(text)
  }
  return [...found]
}

async function zxingTexts(image: RgbaImage, options: ReaderOptions): Promise<string[]> {
  // zxing-wasm's types name the DOM's ImageData (unknown in shared/, known where the DOM lib is
  // loaded); it reads only data, width and height.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  const results = await readBarcodes(image as unknown as Parameters<typeof readBarcodes>[0], options)
  return results.filter((r) => r.isValid && r.format === 'QRCode').map((r) => r.text)
}

function jsqrText(image: RgbaImage): string | undefined {
  const data =
    image.data instanceof Uint8ClampedArray
      ? image.data
      : new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength)
  // jsqr 1.4.0 writes the options of one call into its shared defaults: always pass them all.
  const result = jsQR(data, image.width, image.height, { inversionAttempts: 'attemptBoth' })
  return result === null ? undefined : result.data
}

/** Bilinear resampling of a grey image by `factor`, returned as RGBA for the decoders. */
export function scaleGrey(grey: Uint8Array, width: number, height: number, factor: number): RgbaImage {
  const w = Math.max(1, Math.round(width * factor))
  const h = Math.max(1, Math.round(height * factor))
  const out = new Uint8ClampedArray(w * h * 4)
  for (let y = 0; y < h; y++) {
    const fy = Math.max(0, (y + 0.5) / factor - 0.5)
    const y0 = Math.min(height - 1, Math.floor(fy))
    const y1 = Math.min(height - 1, y0 + 1)
    const ty = fy - y0
    for (let x = 0; x < w; x++) {
      const fx = Math.max(0, (x + 0.5) / factor - 0.5)
      const x0 = Math.min(width - 1, Math.floor(fx))
      const x1 = Math.min(width - 1, x0 + 1)
      const tx = fx - x0
      const top = grey[y0 * width + x0]! * (1 - tx) + grey[y0 * width + x1]! * tx
      const bottom = grey[y1 * width + x0]! * (1 - tx) + grey[y1 * width + x1]! * tx
      const v = top * (1 - ty) + bottom * ty
      const i = (y * w + x) * 4
      out[i] = v
      out[i + 1] = v
      out[i + 2] = v
      out[i + 3] = 255
    }
  }
  return { data: out, width: w, height: h }
}
