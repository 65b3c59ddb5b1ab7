// The parts of pngjs 7 that png-pixels.ts drives itself (the package ships no types for them).
declare module 'pngjs/lib/parser.js' {
  interface PngMetadata {
    width: number
    height: number
    depth: number
    interlace: boolean
    bpp: number
    colorType: number
    palette?: unknown
    transColor?: number[]
  }
  interface ParserDependencies {
    read(length: number, callback: (data: Buffer) => void): void
    error(error: Error): void
    metadata(metadata: PngMetadata): void
    gamma(gamma: number): void
    palette(palette: number[][]): void
    transColor(color: number[]): void
    inflateData(data: Buffer): void
    simpleTransparency(): void
  }
  class Parser {
    constructor(options: Record<string, unknown>, dependencies: ParserDependencies)
    start(): void
  }
  export = Parser
}
declare module 'pngjs/lib/sync-reader.js' {
  class SyncReader {
    constructor(buffer: Buffer)
    read(length: number, callback: (data: Buffer) => void): void
    process(): void
  }
  export = SyncReader
}
declare module 'pngjs/lib/filter-parse-sync.js' {
  export function process(data: Buffer, metadata: object): Buffer
}
declare module 'pngjs/lib/bitmapper.js' {
  export function dataToBitMap(data: Buffer, metadata: object): Buffer | Uint16Array
}
declare module 'pngjs/lib/format-normaliser.js' {
  function normalise(data: Buffer | Uint16Array, metadata: object, skipRescale?: boolean): Buffer
  export = normalise
}
