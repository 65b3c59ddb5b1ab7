import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  allowNavigation,
  allowPermission,
  CONTENT_SECURITY_POLICY,
  isLoopbackHttpOrigin,
  isTrustedUrl,
  windowOpenDecision,
  withCspHeader,
} from '../../../electron/security'
import { ScreenScanQueue, SCAN_ARM_MS } from '../../../electron/app/screen-scan'
import { screenSourceFor } from '../../../electron/app/display-media'
import { closeHidesWindow, quitWhenAllWindowsClosed } from '../../../electron/app/close-policy'
import { ROOT } from '../../support/tools'

const ORIGINS = {}
const PAGE = 'warifu://app/index.html'

describe('security decisions', () => {
  it('trusts exactly our index.html on the app scheme, with or without a query or hash', () => {
    expect(isTrustedUrl(PAGE, ORIGINS)).toBe(true)
    expect(isTrustedUrl(`${PAGE}#/add`, ORIGINS)).toBe(true)
    for (const url of [
      // Never a file: page, not even the built index.html opened directly (its 'self' is every local file).
      'file:///opt/warifu/renderer/index.html',
      'file:///opt/warifu/renderer/other.html',
      'warifu://app/other.html',
      'warifu://app/',
      'warifu://other/index.html',
      'warifu://user@app/index.html',
      'warifu-evil://app/index.html',
      'app://warifu/index.html',
      'file:///opt/warifu/renderer/index.html/../../../etc/passwd',
      'file://remote-host/opt/warifu/renderer/index.html',
      'https://opt/warifu/renderer/index.html',
      'http://127.0.0.1:8080/index.html',
      'about:blank',
      'javascript:alert(1)',
      '',
    ]) {
      expect(isTrustedUrl(url, ORIGINS), url).toBe(false)
    }
  })

  it('accepts only a loopback http dev origin', () => {
    expect(isLoopbackHttpOrigin('http://127.0.0.1:5173')).toBe(true)
    expect(isLoopbackHttpOrigin('http://localhost:5173')).toBe(true)
    expect(isLoopbackHttpOrigin('https://127.0.0.1:5173')).toBe(false)
    expect(isLoopbackHttpOrigin('http://example.com')).toBe(false)
    expect(isTrustedUrl('http://example.com/', { ...ORIGINS, devOrigin: 'http://example.com' })).toBe(false)
  })

  it('denies every navigation and every new window', () => {
    for (const url of [PAGE, 'https://example.com', 'file:///etc/passwd', 'about:blank']) {
      expect(allowNavigation(url)).toBe(false)
      expect(windowOpenDecision(url)).toEqual({ action: 'deny' })
    }
  })

  it('grants display capture to our page only, and nothing else to anyone', () => {
    expect(allowPermission('display-capture', PAGE, ORIGINS)).toBe(true)
    expect(allowPermission('display-capture', 'https://evil.example/', ORIGINS)).toBe(false)
    for (const p of [
      'media',
      'clipboard-read',
      'clipboard-sanitized-write',
      'geolocation',
      'notifications',
      'openExternal',
      'fileSystem',
      'hid',
      'usb',
      'unknown',
    ]) {
      expect(allowPermission(p, PAGE, ORIGINS), p).toBe(false)
    }
  })

  it('sends the CSP header, replacing any the server sent', () => {
    const headers = withCspHeader({ 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] })
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'")
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-inline'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'/)
  })

  it.skipIf(!existsSync(join(ROOT, 'renderer', 'index.html')))(
    'matches the CSP meta tag of renderer/index.html',
    () => {
      const html = readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8')
      const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)
      expect(
        meta?.[1]
          ?.split(';')
          .map((d) => d.trim())
          .filter(Boolean),
      ).toEqual(CONTENT_SECURITY_POLICY.split('; '))
    },
  )

  it('grants screen capture only while armed, once per display, to our page, video only', () => {
    let now = 1_000
    const queue = new ScreenScanQueue(() => now)
    const ours = { frameUrl: PAGE, videoRequested: true }
    expect(screenSourceFor(ours, queue, ORIGINS)).toBeUndefined()
    queue.arm(2)
    expect(screenSourceFor({ frameUrl: 'https://evil.example/', videoRequested: true }, queue, ORIGINS)).toBeUndefined()
    expect(screenSourceFor({ frameUrl: undefined, videoRequested: true }, queue, ORIGINS)).toBeUndefined()
    expect(screenSourceFor({ frameUrl: PAGE, videoRequested: false }, queue, ORIGINS)).toBeUndefined()
    expect(screenSourceFor(ours, queue, ORIGINS)).toBe(0)
    expect(screenSourceFor(ours, queue, ORIGINS)).toBe(1)
    expect(screenSourceFor(ours, queue, ORIGINS)).toBeUndefined()
    queue.arm(1)
    now += SCAN_ARM_MS + 1
    expect(screenSourceFor(ours, queue, ORIGINS)).toBeUndefined()
  })

  it('hides on close unless quitting; quits with the last window except on macOS', () => {
    expect(closeHidesWindow(false)).toBe(true)
    expect(closeHidesWindow(true)).toBe(false)
    expect(quitWhenAllWindowsClosed('darwin')).toBe(false)
    expect(quitWhenAllWindowsClosed('linux')).toBe(true)
    expect(quitWhenAllWindowsClosed('win32')).toBe(true)
  })
})
