/** Loads ZXing's WebAssembly from the installed zxing-wasm package: no network, ever. */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { QrDecoderUnavailableError } from '../../shared/errors'
import { configureZxing } from '../../shared/scan/decode'

const WASM_NAME = 'zxing_reader.wasm'

/**
 * Where the reader .wasm may be: beside this code (a packaged copy), else in the installed
 * zxing-wasm package, resolved from this file (bundled CLI: dist/cli -> node_modules) or, when
 * running from source as ES modules (no `require`), from the working directory.
 */
export function zxingWasmCandidates(): string[] {
  const candidates: string[] = []
  if (typeof __dirname === 'string') candidates.push(path.join(__dirname, WASM_NAME))
  try {
    const require = createRequire(path.join(process.cwd(), 'noop.js'))
    candidates.push(require.resolve('zxing-wasm/reader/zxing_reader.wasm'))
  } catch {
    // not installed relative to the working directory
  }
  try {
    candidates.push(require.resolve('zxing-wasm/reader/zxing_reader.wasm'))
  } catch {
    // not resolvable from this file either
  }
  return candidates
}

let loaded: Promise<void> | undefined

/** Reads the .wasm bytes and hands them to the shared decoder (once per process). */
export function loadZxingForNode(): Promise<void> {
  loaded ??= (async () => {
    for (const candidate of zxingWasmCandidates()) {
      let bytes: Buffer
      try {
        bytes = await readFile(candidate)
      } catch {
        continue
      }
      configureZxing({
        wasmBinary: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      })
      return
    }
    throw new QrDecoderUnavailableError(`The QR decoder's ${WASM_NAME} was not found.`)
  })()
  return loaded
}
