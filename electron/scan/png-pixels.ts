/**
 * pngjs's synchronous reader (lib/parser-sync.js in pngjs 7) with the one step it leaves unbounded
 * handed to the caller: inflating. pngjs inflates an interlaced image with no output limit, so a
 * 1 MB file could become gigabytes; read-image.ts passes an inflate capped at what the header
 * implies. Chunk parsing, CRCs, unfiltering and pixel formats stay pngjs's own.
 */
import Parser from 'pngjs/lib/parser.js'
import SyncReader from 'pngjs/lib/sync-reader.js'
import { process as unfilter } from 'pngjs/lib/filter-parse-sync.js'
import { dataToBitMap } from 'pngjs/lib/bitmapper.js'
import normalise from 'pngjs/lib/format-normaliser.js'

type Metadata = ConstructorParameters<typeof Parser>[1] extends { metadata(m: infer M): void } ? M : never

/** RGBA pixels of a PNG, and how many bytes its image data inflated to. */
export interface PngPixels {
  data: Uint8Array
  width: number
  height: number
  inflatedBytes: number
}

/** Decodes PNG bytes to 8-bit RGBA; `inflate` turns the joined IDAT data into filtered rows. */
export function pngPixels(buffer: Buffer, inflate: (zlibData: Buffer) => Buffer): PngPixels {
  let failure: Error | undefined
  let metadata: Metadata | undefined
  const idat: Buffer[] = []
  const reader = new SyncReader(buffer)
  const parser = new Parser(
    {},
    {
      read: (length, callback) => reader.read(length, callback),
      error: (error) => (failure ??= error),
      metadata: (m) => (metadata = m),
      gamma: () => {},
      palette: (palette) => {
        if (metadata !== undefined) metadata.palette = palette
      },
      transColor: (color) => {
        if (metadata !== undefined) metadata.transColor = color
      },
      inflateData: (data) => idat.push(data),
      simpleTransparency: () => {},
    },
  )
  parser.start()
  reader.process()
  if (failure !== undefined) throw failure
  if (metadata === undefined) throw new Error('no header')
  // Each stage's input is let go as soon as the next one has it, so the collector can free it
  // (at 100 megapixels each is hundreds of MB; holding them all made the peak about 40% higher).
  const stage: { data?: Buffer } = { data: Buffer.concat(idat) }
  idat.length = 0
  stage.data = inflate(stage.data!)
  const inflatedBytes = stage.data.length
  stage.data = unfilter(stage.data, metadata)
  const bitmap = dataToBitMap(stage.data, metadata)
  delete stage.data
  const pixels = normalise(bitmap, metadata)
  return {
    data: new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength),
    width: metadata.width,
    height: metadata.height,
    inflatedBytes,
  }
}
