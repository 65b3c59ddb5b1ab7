/**
 * Main process: the one place where navigation, new windows, permissions and
 * the trust of IPC senders are decided. The decisions are pure functions (unit
 * tested in plain Node); `installSecurity` wires them to Electron. Electron is
 * imported for its types only, so this module loads without the Electron binary.
 */
import type { App, Session, WebContents } from 'electron'

/** The app's own scheme and host: the page is warifu://app/index.html (see app/renderer-protocol.ts). */
export const APP_SCHEME = 'warifu'
export const APP_HOST = 'app'
/** The page's origin as Chromium spells it (a standard scheme has host-based origins). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
/** The one page the window loads. */
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`

/**
 * The renderer's Content Security Policy. renderer/index.html carries the same
 * policy in a meta tag (a unit test keeps the two equal); main also sends it as
 * a header: the app scheme's handler sets it, and http loads (the dev server) get it added.
 * 'self' is warifu://app, which serves only the built renderer folder (never file://, where
 * 'self' would cover every local file).
 * 'wasm-unsafe-eval' lets the QR decoder's WebAssembly compile; nothing may eval JS. A video
 * element fed a screen-capture stream through srcObject needs no media-src.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  // The decode worker fetches ZXing's .wasm from beside itself.
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

/** Where our page may legitimately be loaded from besides the app scheme. */
export interface TrustedOrigins {
  /** The dev or test server's origin (http://127.0.0.1:PORT); never set in a packaged app. */
  devOrigin?: string
}

/**
 * True when `url` is our own page: warifu://app/index.html, or a page on the dev server.
 * No file: URL is ever trusted, not even the built index.html opened directly.
 */
export function isTrustedUrl(url: string, origins: TrustedOrigins): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === `${APP_SCHEME}:`) {
    return parsed.host === APP_HOST && parsed.pathname === '/index.html' && !parsed.username && !parsed.password
  }
  if (origins.devOrigin === undefined) return false
  return isLoopbackHttpOrigin(origins.devOrigin) && parsed.origin === new URL(origins.devOrigin).origin
}

/** Only a loopback http server may serve the page in development; anything else is a mistake. */
export function isLoopbackHttpOrigin(origin: string): boolean {
  try {
    const u = new URL(origin)
    return (
      u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]')
    )
  } catch {
    return false
  }
}

/** The sender of an IPC call: its frame's URL and whether that frame is the top one. */
export interface SenderInfo {
  url: string | undefined
  isMainFrame: boolean
}

/** Main answers only our own page's top frame; never a subframe or another origin. */
export function isTrustedSender(sender: SenderInfo, origins: TrustedOrigins): boolean {
  return sender.isMainFrame && sender.url !== undefined && isTrustedUrl(sender.url, origins)
}

/** The app is one page: every navigation, including to our own file, is refused. */
export function allowNavigation(_url: string): boolean {
  return false
}

/** No window.open, no target=_blank: the app never opens a second window or an external page. */
export function windowOpenDecision(_url: string): { action: 'deny' } {
  return { action: 'deny' }
}

/**
 * Permissions a feature needs. Scanning the screen needs display capture
 * (getDisplayMedia); pasting a screenshot uses the paste event's data, which
 * needs no permission, and copying happens in main. Everything else is refused.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['display-capture'])

/** Whether a permission request (or check) from `requestingUrl` is granted. */
export function allowPermission(permission: string, requestingUrl: string, origins: TrustedOrigins): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isTrustedUrl(requestingUrl, origins)
}

/** Adds the CSP to a response's headers (for http loads; the app scheme's handler sets its own). */
export function withCspHeader(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY]
  return out
}

/** Locks down every web contents the app ever creates. Call before the first window. */
export function installSecurity(app: App, session: Session, origins: TrustedOrigins): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!allowNavigation(url)) event.preventDefault()
    })
    contents.on('will-frame-navigate', (event) => {
      if (!allowNavigation(event.url)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!allowNavigation(url)) event.preventDefault()
    })
    // No <webview>: the tag is off in webPreferences, and an attach is refused anyway.
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => windowOpenDecision(url))
  })
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(allowPermission(permission, details.requestingUrl || contents.getURL(), origins))
  })
  session.setPermissionCheckHandler((contents, permission, requestingOrigin, details) =>
    allowPermission(permission, details.requestingUrl || contents?.getURL() || requestingOrigin, origins),
  )
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders) })
  })
}
