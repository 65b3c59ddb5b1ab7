import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isBrowserAccessRemoved } from '../../../electron/browser/access'
import { appBrowserAccess } from '../../../electron/browser/app-access'
import type { InstallContext, RegRunner } from '../../../electron/browser/install'
import { CHROMIUM_EXTENSION_ID, NATIVE_HOST_NAME } from '../../../shared/browser/extension-id'
import { useTempDir } from '../../support/temp-dir'

const NOW = Date.UTC(2026, 10, 26, 0, 31)
const APP = '/opt/Warifu/warifu'

describe("the app's browser access (Connect a browser)", () => {
  const tempDir = useTempDir('warifu-browser-')

  function linuxAccess(opened: string[] = []) {
    const home = tempDir()
    const ctx: InstallContext = {
      platform: 'linux',
      home,
      dataDir: join(home, 'data'),
      env: {},
      host: { kind: 'app', executable: APP },
    }
    mkdirSync(ctx.dataDir)
    const extensionRoot = join(home, 'extension')
    const { host, ...place } = ctx
    const access = appBrowserAccess({
      place,
      host: () => host,
      now: () => NOW,
      extensionRoot,
      openFolder: (path) => {
        opened.push(path)
        return Promise.resolve()
      },
    })
    return { access, ctx, home, extensionRoot }
  }

  it('writes the chosen browsers\u2019 manifests into the temp home, naming this app and only our extension', async () => {
    const { access, home } = linuxAccess()
    expect(await access.state()).toEqual({ connected: [], allowed: true })
    await access.connect(['chromium', 'firefox'])
    expect(await access.state()).toEqual({ connected: ['chromium', 'firefox'], allowed: true })
    const manifest = JSON.parse(
      readFileSync(join(home, '.config', 'chromium', 'NativeMessagingHosts', `${NATIVE_HOST_NAME}.json`), 'utf8'),
    ) as { path: string; allowed_origins: string[] }
    expect(manifest.path).toBe(APP)
    expect(manifest.allowed_origins).toEqual([`chrome-extension://${CHROMIUM_EXTENSION_ID}/`])
  })

  it('removes access with one call: manifests gone and the flag set; connect gives it back', async () => {
    const { access, ctx } = linuxAccess()
    await access.connect(['chrome'])
    await access.removeAccess()
    expect(await access.state()).toEqual({ connected: [], allowed: false })
    expect(await isBrowserAccessRemoved(ctx.dataDir)).toBe(true)
    await access.connect(['chrome'])
    expect(await access.state()).toEqual({ connected: ['chrome'], allowed: true })
  })

  it('names an extension folder only when the built extension is there', async () => {
    const opened: string[] = []
    const { access, extensionRoot } = linuxAccess(opened)
    expect(access.extensionFolders()).toEqual({ chromium: null, firefox: null })
    mkdirSync(join(extensionRoot, 'chromium'), { recursive: true })
    writeFileSync(join(extensionRoot, 'chromium', 'manifest.json'), '{}')
    expect(access.extensionFolders()).toEqual({ chromium: join(extensionRoot, 'chromium'), firefox: null })
    await access.openFolder(join(extensionRoot, 'chromium'))
    expect(opened).toEqual([join(extensionRoot, 'chromium')])
  })

  it('reads what is connected from the registry on Windows', async () => {
    const home = tempDir()
    const keys = new Set<string>()
    const reg: RegRunner = (args) => {
      const [verb, key] = args as [string, string]
      if (verb === 'add') keys.add(key)
      if (verb === 'delete') keys.delete(key)
      return Promise.resolve({ code: verb === 'query' && !keys.has(key) ? 1 : 0, stdout: '' })
    }
    const ctx: InstallContext = {
      platform: 'win32',
      home,
      dataDir: home,
      env: {},
      host: { kind: 'app', executable: 'C:\\Program Files\\Warifu\\Warifu.exe' },
      reg,
    }
    const { host, ...place } = ctx
    const access = appBrowserAccess({
      place,
      host: () => host,
      now: () => NOW,
      extensionRoot: home,
      openFolder: () => Promise.resolve(),
    })
    await access.connect(['edge'])
    expect(await access.state()).toEqual({ connected: ['edge'], allowed: true })
  })
})
