/**
 * Main process: the page is served from `warifu://app/`, a custom scheme limited to the built
 * renderer folder, instead of file://. Under file:// the CSP's 'self' covers every local file
 * and a page may read any of them; here 'self' is this origin, and the origin serves only the
 * files of dist/renderer with known types, nothing else, GET only.
 *
 * Plain Node: the request -> file mapping is a pure function and the handler takes its fs, so
 * both are unit-tested without Electron; main.ts only registers them.
 */
import { readFile, realpath } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from '../security'

/**
 * For protocol.registerSchemesAsPrivileged (before app ready). standard: host-based origin,
 * relative URLs and a real 'self' for the CSP; secure: treated like https (no mixed-content
 * downgrade, secure-context APIs such as the clipboard's); supportFetchAPI: the decode worker
 * fetches the .wasm. No service workers, no CORS from other origins, no bypass of the CSP.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    corsEnabled: false,
    bypassCSP: false,
    allowServiceWorkers: false,
    stream: false,
  },
}

/** The types the renderer folder holds; anything else is not served. */
const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  // WebAssembly.instantiateStreaming and compileStreaming insist on this exact type.
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
}

/** Where a request goes: a file under the root with its type, or the HTTP status of a refusal. */
export type RendererRequest = { ok: true; file: string; mime: string } | { ok: false; status: 400 | 404 | 405 }

/**
 * Maps a request on the app scheme to a file under `root` (an absolute path), or refuses it.
 * Refused: other methods than GET, another scheme or host, user info or a port, encoded
 * slashes, backslashes or NULs, dot segments (`..` and `.`, also when %-encoded), absolute
 * paths, hidden files, and types not in the list. Symlinks are checked by the handler, which
 * sees the disk.
 */
export function resolveRendererRequest(url: string, root: string, method = 'GET'): RendererRequest {
  if (method !== 'GET') return { ok: false, status: 405 }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { ok: false, status: 400 }
  }
  // Chromium lower-cases a standard scheme's host; Node's URL does not for custom schemes.
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname.toLowerCase() !== APP_HOST) {
    return { ok: false, status: 404 }
  }
  if (parsed.username || parsed.password || parsed.port) return { ok: false, status: 400 }
  // The URL parser already folded plain and %2e dot segments; the raw text is checked too, so
  // nothing that reaches the disk depends on how a segment was spelled.
  const rawPath = parsed.pathname
  if (/%(2f|5c|00)|\\/i.test(rawPath) || /(^|\/|%2e)\.(\.|%2e)?(\/|$)/i.test(rawPath)) return { ok: false, status: 400 }
  let path: string
  try {
    path = decodeURIComponent(rawPath)
  } catch {
    return { ok: false, status: 400 }
  }
  if (path === '/' || path === '') path = '/index.html'
  const segments = path.split('/').slice(1)
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.') || /[\0\\:]/.test(s))) {
    return { ok: false, status: 400 }
  }
  const file = resolve(root, ...segments)
  const inside = relative(root, file)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return { ok: false, status: 400 }
  const mime = MIME_TYPES[extname(file).toLowerCase()]
  if (mime === undefined) return { ok: false, status: 404 }
  return { ok: true, file, mime }
}

/** The fs calls the handler makes, injectable for tests. */
export interface RendererFs {
  realpath(path: string): Promise<string>
  readFile(path: string): Promise<Uint8Array>
}

const nodeFs: RendererFs = { realpath: (p) => realpath(p), readFile: (p) => readFile(p) }

/** Headers on every answer: our CSP (the meta tag says the same), no sniffing, no caching. */
function headers(mime?: string): Headers {
  const h = new Headers({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Cross-Origin-Resource-Policy': 'same-origin',
  })
  if (mime) h.set('Content-Type', mime)
  return h
}

/**
 * The protocol.handle handler for the app scheme: serves `root`'s files as resolveRendererRequest
 * maps them, after checking that the file's real path (symlinks followed) is still inside the
 * root's real path. Never throws: a refusal or a missing file is an empty error response.
 */
export function createRendererProtocolHandler(
  root: string,
  fs: RendererFs = nodeFs,
): (request: { url: string; method: string }) => Promise<Response> {
  const rootReal = fs.realpath(resolve(root)).catch(() => undefined)
  return async (request) => {
    const target = resolveRendererRequest(request.url, resolve(root), request.method)
    if (!target.ok) return new Response(null, { status: target.status, headers: headers() })
    const base = await rootReal
    try {
      const real = await fs.realpath(target.file)
      if (base === undefined || !real.startsWith(base + sep))
        return new Response(null, { status: 404, headers: headers() })
      const body = await fs.readFile(real)
      return new Response(body as Uint8Array<ArrayBuffer>, { status: 200, headers: headers(target.mime) })
    } catch {
      return new Response(null, { status: 404, headers: headers() })
    }
  }
}
