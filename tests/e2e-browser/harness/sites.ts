/**
 * The web the browser sees in these tests: the real site (monex.co.jp and a subdomain), the fakes
 * the issue names, and an unrelated origin for cross-origin frames, all served from loopback.
 *
 * Chromium is pointed at a local proxy (`--proxy-server`), so pages load at their exact addresses
 * (https://monex.co.jp/, port 443; http://monex.co.jp/, port 80) without root and without ports
 * in the URL: an https request arrives as CONNECT host:443 and is piped to a local TLS server with
 * a throwaway certificate; a plain http request arrives with its absolute URL and is answered by
 * the proxy itself. Any other host or port is refused, so nothing leaves the machine.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { domainToASCII } from 'node:url'
import { makeCertificate } from './cert'

/** The account's site. */
export const REAL_SITE = 'monex.co.jp'
/** A subdomain of it (same site, another origin). */
export const REAL_SUBDOMAIN = 'trade.monex.co.jp'
/** The fakes: another ending with the brand in the name, the real name as the start of another site. */
export const FAKE_HYPHENATED = 'monex-co-jp.com'
export const FAKE_PREFIXED = 'monex.co.jp.evil.test'
/** mоnex.co.jp with a Cyrillic о (U+043E): an IDN homograph, reached by its punycode name. */
export const FAKE_HOMOGRAPH_UNICODE = 'm\u043enex.co.jp'
export const FAKE_HOMOGRAPH = domainToASCII(FAKE_HOMOGRAPH_UNICODE)
/** A site two accounts share (the extension asks which one). */
export const SHARED_SITE = 'rakuten-sec.co.jp'
/** A site whose account is counter-based (HOTP: never filled automatically). */
export const HOTP_SITE = 'sbisec.co.jp'
/** An unrelated origin that frames can come from. */
export const OTHER_ORIGIN_HOST = 'widgets.evil.test'

export const SERVED_HOSTS = [
  REAL_SITE,
  REAL_SUBDOMAIN,
  FAKE_HYPHENATED,
  FAKE_PREFIXED,
  FAKE_HOMOGRAPH,
  OTHER_ORIGIN_HOST,
  SHARED_SITE,
  HOTP_SITE,
] as const

/**
 * Every page records the events a framework listens to (`input`, `change`) with the field's value
 * at that moment, in `window.__fills`, so a test can tell a real fill from a value merely set.
 */
const RECORDER = `<script>
  window.__fills = []
  for (const type of ['input', 'change']) {
    document.addEventListener(type, (e) => {
      window.__fills.push({ type, id: e.target.id, value: e.target.value, at: performance.timeOrigin + performance.now() })
    }, true)
  }
</script>`

const page = (title: string, body: string) =>
  `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${title}</title>${RECORDER}</head>` +
  `<body><h1>${title}</h1>${body}</body></html>`

/** The fixture pages, the same on every host (so a fake is a faithful copy of the real page). */
export const PAGES: Record<string, string> = {
  // The common case: the standard hint, a Japanese label, a password field before it.
  '/login': page(
    'ログイン',
    `<form onsubmit="return false">
      <label>パスワード <input id="password" type="password" autocomplete="current-password"></label>
      <label for="otp">ワンタイムパスワード</label>
      <input id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric">
      <button>ログイン</button>
    </form>`,
  ),
  // No autocomplete hint: only the label 認証コード and a numeric input with a code-like name.
  '/verify': page(
    '二段階認証',
    `<form onsubmit="return false">
      <label for="code">認証コード</label>
      <input id="code" name="verification_code" inputmode="numeric" maxlength="6">
      <button>確認</button>
    </form>`,
  ),
  // One box per digit.
  '/segmented': page(
    '認証コードの入力',
    `<form onsubmit="return false"><fieldset><legend>認証コード</legend>
      ${[1, 2, 3, 4, 5, 6]
        .map(
          (i) =>
            `<input id="d${i}" maxlength="1" inputmode="numeric" autocomplete="${i === 1 ? 'one-time-code' : 'off'}" aria-label="${i}桁目" size="1">`,
        )
        .join('')}
    </fieldset></form>`,
  ),
  // The code field inside a frame of the same origin.
  '/frame-same': page('ログイン', `<iframe id="frame" src="/frame-inner" width="400" height="160"></iframe>`),
  // A frame from another origin on the real site: the only field is in it, and it must stay empty.
  '/frame-cross': page(
    'ログイン',
    `<iframe id="frame" src="https://${OTHER_ORIGIN_HOST}/frame-inner" width="400" height="160"></iframe>`,
  ),
  '/frame-inner': page(
    '認証',
    `<label for="otp">確認コード</label><input id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric">`,
  ),
  // A page on no account's site... reached through OTHER_ORIGIN_HOST.
  '/plain': page('ようこそ', '<p>Nothing to fill here.</p>'),
}

export interface SitesServer {
  /** For Chromium's --proxy-server. */
  proxy: string
  /** For --ignore-certificate-errors-spki-list. */
  spkiSha256: string
  close(): Promise<void>
}

function answer(res: ServerResponse, host: string | undefined, path: string): void {
  const body = host && (SERVED_HOSTS as readonly string[]).includes(host) ? PAGES[path] : undefined
  if (body === undefined) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found')
    return
  }
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(body)
}

const hostOf = (req: IncomingMessage) => req.headers.host?.replace(/:\d+$/, '').toLowerCase()

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

/** Starts the TLS server and the proxy in front of it. */
export async function serveSites(): Promise<SitesServer> {
  const { key, cert, spkiSha256 } = makeCertificate(SERVED_HOSTS)
  const sockets = new Set<Socket>()
  const tls = createHttpsServer({ key, cert }, (req, res) =>
    answer(res, hostOf(req), new URL(req.url ?? '/', 'https://x').pathname),
  )
  const tlsPort = await listen(tls)

  const proxy = createHttpServer((req, res) => {
    // A plain http:// page: the proxy gets the absolute URL.
    let url: URL
    try {
      url = new URL(req.url ?? '')
    } catch {
      res.writeHead(400).end()
      return
    }
    if (url.protocol !== 'http:' || url.port !== '') {
      res.writeHead(403).end()
      return
    }
    answer(res, url.hostname, url.pathname)
  })
  proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client)
    client.once('close', () => sockets.delete(client))
    // From the first moment: Chromium may reset a tunnel it no longer wants (even one refused below),
    // and a socket error with no listener would be thrown in the test process.
    client.on('error', () => client.destroy())
    const target = (req.url ?? '').toLowerCase()
    const [host, port] = target.split(':')
    if (port !== '443' || !(SERVED_HOSTS as readonly string[]).includes(host ?? '')) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    const tunnel = connect(tlsPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) tunnel.write(head)
      tunnel.pipe(client)
      client.pipe(tunnel)
    })
    sockets.add(tunnel)
    tunnel.once('close', () => sockets.delete(tunnel))
    // Either end gone takes the other with it.
    client.once('close', () => tunnel.destroy())
    tunnel.on('error', () => client.destroy())
    tunnel.once('close', () => client.destroy())
  })
  const proxyPort = await listen(proxy)

  return {
    proxy: `http://127.0.0.1:${proxyPort}`,
    spkiSha256,
    close: async () => {
      for (const s of sockets) s.destroy()
      for (const server of [proxy, tls]) {
        server.closeAllConnections()
        await new Promise<void>((resolve) => server.close(() => resolve()))
      }
    },
  }
}
