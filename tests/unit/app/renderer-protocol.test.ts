import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  APP_SCHEME_PRIVILEGES,
  createRendererProtocolHandler,
  resolveRendererRequest,
} from '../../../electron/app/renderer-protocol'
import { APP_PAGE_URL, CONTENT_SECURITY_POLICY } from '../../../electron/security'

const ROOT = '/opt/warifu/renderer'

describe('resolveRendererRequest', () => {
  it.each([
    ['warifu://app/index.html', 'index.html', 'text/html; charset=utf-8'],
    ['warifu://app/', 'index.html', 'text/html; charset=utf-8'],
    ['warifu://app/app.js', 'app.js', 'text/javascript; charset=utf-8'],
    ['warifu://app/decode.worker.js', 'decode.worker.js', 'text/javascript; charset=utf-8'],
    ['warifu://app/zxing_reader.wasm', 'zxing_reader.wasm', 'application/wasm'],
    ['warifu://app/styles.css?v=1#x', 'styles.css', 'text/css; charset=utf-8'],
    ['WARIFU://APP/app.js', 'app.js', 'text/javascript; charset=utf-8'],
  ])('serves %s from the renderer folder', (url, file, mime) => {
    expect(resolveRendererRequest(url, ROOT)).toEqual({ ok: true, file: join(ROOT, file), mime })
  })

  it.each([
    'warifu://app/../../etc/passwd',
    'warifu://app/%2e%2e/%2e%2e/etc/passwd',
    'warifu://app/%2E%2E/secrets.js',
    'warifu://app/.%2e/x.js',
    'warifu://app/a/%2e%2e%2f%2e%2e%2fetc/passwd.js',
    'warifu://app/..%2f..%2fetc%2fpasswd.js',
    'warifu://app/..%5c..%5cwindows%5cwin.ini.js',
    'warifu://app/a\\..\\..\\x.js',
    'warifu://app//etc/passwd.js',
    'warifu://app/%2fetc%2fpasswd.js',
    'warifu://app/C:%5cWindows%5cx.js',
    'warifu://app/c:/x.js',
    'warifu://app/app.js%00.html',
    'warifu://app/.hidden.js',
    'warifu://app/%E0%A4%A.js',
    'warifu://user:pw@app/app.js',
    'warifu://app:8080/app.js',
  ])('never maps the traversal or trick %s outside the folder', (url) => {
    // Plain and %2e dot segments are folded by the URL parser (as Chromium does) and land inside
    // the folder; everything else that could reach out is refused.
    const r = resolveRendererRequest(url, ROOT)
    if (r.ok) expect(r.file.startsWith(ROOT + '/'), url).toBe(true)
  })

  it.each([
    'warifu://app/a/..%2f..%2fetc/passwd.js',
    'warifu://app/..%5c..%5cx.js',
    'warifu://app/a\\..\\x.js',
    'warifu://app/%2fetc%2fpasswd.js',
    'warifu://app//etc/passwd.js',
    'warifu://app/C:%5cx.js',
    'warifu://app/c:/x.js',
    'warifu://app/app.js%00.html',
    'warifu://app/.hidden.js',
    'warifu://app/%E0%A4%A.js',
    'warifu://user:pw@app/app.js',
    'warifu://app:8080/app.js',
  ])('refuses %s outright', (url) => {
    expect(resolveRendererRequest(url, ROOT).ok, url).toBe(false)
  })

  it('folds dot segments to a file inside the folder, as the browser does', () => {
    expect(resolveRendererRequest('warifu://app/%2e%2e/%2e%2e/app.js', ROOT)).toMatchObject({
      ok: true,
      file: join(ROOT, 'app.js'),
    })
  })

  it.each([
    'warifu://other/app.js',
    'file:///opt/warifu/renderer/app.js',
    'https://app/app.js',
    'warifu://app/vault.json',
    'warifu://app/app',
    'warifu://app/app.js.exe',
    'not a url',
  ])('serves nothing for %s', (url) => {
    expect(resolveRendererRequest(url, ROOT).ok).toBe(false)
  })

  it.each(['POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'])('answers %s with 405', (method) => {
    expect(resolveRendererRequest('warifu://app/app.js', ROOT, method)).toEqual({ ok: false, status: 405 })
  })

  it('registers the scheme as standard, secure and fetchable, without bypassing the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({
      scheme: 'warifu',
      privileges: { standard: true, secure: true, supportFetchAPI: true, bypassCSP: false, allowServiceWorkers: false },
    })
    expect(APP_PAGE_URL).toBe('warifu://app/index.html')
  })
})

describe('the app scheme handler on a real folder', () => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'warifu-protocol-')))
  const root = join(base, 'renderer')
  mkdirSync(join(root, 'sub'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html>')
  writeFileSync(join(root, 'app.js'), 'console.log(1)')
  writeFileSync(join(root, 'zxing_reader.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]))
  writeFileSync(join(base, 'vault.json'), '{"secret":"outside"}')
  writeFileSync(join(base, 'outside.js'), 'stolen()')
  symlinkSync(join(base, 'outside.js'), join(root, 'link.js'))
  symlinkSync(base, join(root, 'up'))
  afterAll(() => rmSync(base, { recursive: true, force: true }))
  const handler = createRendererProtocolHandler(root)
  const get = (url: string, method = 'GET') => handler({ url, method })

  it('serves the page with its type, the CSP and nosniff', async () => {
    const r = await get('warifu://app/index.html')
    expect(r.status).toBe(200)
    expect(await r.text()).toBe('<!doctype html>')
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(r.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('serves the .wasm as application/wasm and scripts as text/javascript', async () => {
    const wasm = await get('warifu://app/zxing_reader.wasm')
    expect(wasm.headers.get('content-type')).toBe('application/wasm')
    expect([...new Uint8Array(await wasm.arrayBuffer())]).toEqual([0, 0x61, 0x73, 0x6d])
    expect((await get('warifu://app/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  })

  it('refuses symlinks that lead out of the folder', async () => {
    expect((await get('warifu://app/link.js')).status).toBe(404)
    expect((await get('warifu://app/up/outside.js')).status).toBe(404)
  })

  it('never serves a file beside the folder, however the path is spelled', async () => {
    for (const url of [
      'warifu://app/../outside.js',
      'warifu://app/%2e%2e/outside.js',
      'warifu://app/..%2foutside.js',
      'warifu://app/../vault.json',
      'warifu://app/up/vault.json',
    ]) {
      const r = await get(url)
      expect(r.status, url).not.toBe(200)
      expect(await r.text(), url).toBe('')
    }
  })

  it('answers a missing file 404 and a POST 405, never throwing', async () => {
    expect((await get('warifu://app/missing.js')).status).toBe(404)
    expect((await get('warifu://app/app.js', 'POST')).status).toBe(405)
  })
})
