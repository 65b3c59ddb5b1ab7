import { spawn } from 'node:child_process'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isBrowserAccessRemoved } from '../../../electron/browser/access'
import { appBrowserAccess, appHostCommand, findNode } from '../../../electron/browser/app-access'
import type { InstallContext, RegRunner } from '../../../electron/browser/install'
import { encodeFrame, readFrames } from '../../../electron/browser/native-messaging'
import { CHROMIUM_EXTENSION_ID, NATIVE_HOST_NAME } from '../../../shared/browser/extension-id'
import { useTempDir } from '../../support/temp-dir'
import { CLI, cliBuilt, skipUnless } from '../../support/tools'

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

describe('the host the app writes (appHostCommand)', () => {
  const tempDir = useTempDir('warifu-host-cmd-')
  const ELECTRON = '/w/node_modules/electron/dist/electron'
  const SCRIPT = '/w/dist/cli/warifu.cjs'
  const only =
    (...paths: string[]) =>
    (path: string) =>
      paths.includes(path)

  it('is the app\u2019s own executable when packaged (the AppImage file on Linux)', () => {
    const proc = { versions: { electron: '38' }, execPath: APP, env: {} }
    expect(appHostCommand({ isPackaged: true, proc, platform: 'linux', cliScript: SCRIPT })).toEqual({
      kind: 'app',
      executable: APP,
    })
    const appImage = { ...proc, execPath: '/tmp/.mount_x/warifu', env: { APPIMAGE: '/home/u/Warifu.AppImage' } }
    expect(appHostCommand({ isPackaged: true, proc: appImage, platform: 'linux', cliScript: SCRIPT })).toEqual({
      kind: 'app',
      executable: '/home/u/Warifu.AppImage',
    })
  })

  it('from source (npm start): Node running the built CLI, never the plain Electron binary', () => {
    const env = { npm_node_execpath: '/opt/node22/bin/node', PATH: '/usr/bin:/bin' }
    const command = appHostCommand({
      isPackaged: false,
      proc: { versions: { electron: '38' }, execPath: ELECTRON, env },
      platform: 'linux',
      cliScript: SCRIPT,
      isExecutable: only('/opt/node22/bin/node', '/usr/bin/node'),
      fileExists: only(SCRIPT),
    })
    expect(command).toEqual({ kind: 'node', node: '/opt/node22/bin/node', script: SCRIPT })
  })

  it('finds Node: npm\u2019s own, then NODE, then the first executable node on PATH', () => {
    const env = { npm_node_execpath: '/gone/node', NODE: '/n/node', PATH: '/a::/b:/c' }
    expect(findNode(env, 'linux', only('/n/node', '/b/node'))).toBe('/n/node')
    expect(findNode(env, 'linux', only('/b/node', '/c/node'))).toBe('/b/node')
    expect(findNode({ Path: 'C:\\a;C:\\node' }, 'win32', (p) => p.startsWith('C:\\node'))).toMatch(
      /^C:\\node.node\.exe$/,
    )
    expect(findNode({ PATH: '/a:/b' }, 'linux', () => false)).toBeNull()
    expect(findNode({}, 'linux')).toBeNull()
  })

  it.each([
    ['no Node anywhere', () => false, () => true],
    ['the CLI not built', () => true, () => false],
  ])('refuses with BROWSER_HOST_NEEDS_NODE when there is %s, writing nothing', (_what, isExecutable, fileExists) => {
    expect(() =>
      appHostCommand({
        isPackaged: false,
        proc: { versions: { electron: '38' }, execPath: ELECTRON, env: { PATH: '/usr/bin' } },
        platform: 'linux',
        cliScript: SCRIPT,
        isExecutable,
        fileExists,
      }),
    ).toThrow(expect.objectContaining({ code: 'BROWSER_HOST_NEEDS_NODE' }))
  })

  it('finds a real executable on PATH and skips a file that is not executable', () => {
    const a = tempDir()
    const b = tempDir()
    writeFileSync(join(a, 'node'), '')
    chmodSync(join(a, 'node'), 0o600)
    writeFileSync(join(b, 'node'), '#!/bin/sh\n')
    chmodSync(join(b, 'node'), 0o700)
    mkdirSync(join(tempDir(), 'node'))
    expect(findNode({ PATH: `${a}:${b}` }, 'linux')).toBe(join(b, 'node'))
  })

  it.skipIf(skipUnless(cliBuilt(), 'the built CLI (npm run build)'))(
    'Connect a browser from source writes a launcher that really starts the host (ping, pong)',
    async () => {
      const home = tempDir()
      const dataDir = join(home, 'data')
      mkdirSync(dataDir)
      const access = appBrowserAccess({
        place: { platform: 'linux', home, dataDir, env: { WARIFU_HOME: dataDir } },
        host: () =>
          appHostCommand({
            isPackaged: false,
            proc: { versions: { electron: '38' }, execPath: ELECTRON, env: { npm_node_execpath: process.execPath } },
            platform: 'linux',
            cliScript: CLI,
          }),
        now: () => NOW,
        extensionRoot: join(home, 'extension'),
        openFolder: () => Promise.resolve(),
      })
      await access.connect(['chromium'])
      const folder = join(home, '.config', 'chromium', 'NativeMessagingHosts')
      const manifest = JSON.parse(readFileSync(join(folder, `${NATIVE_HOST_NAME}.json`), 'utf8')) as { path: string }
      expect(manifest.path).toBe(join(folder, 'warifu-browser-host'))
      expect(readFileSync(manifest.path, 'utf8')).not.toContain(ELECTRON)
      // Started as a browser starts it: the launcher alone, the caller's origin as its argument.
      const child = spawn(manifest.path, [`chrome-extension://${CHROMIUM_EXTENSION_ID}/`], { env: {} })
      const out: Buffer[] = []
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
      child.stderr.resume()
      const exited = new Promise<void>((done) => child.on('close', () => done()))
      child.stdin.end(encodeFrame({ v: 1, type: 'ping' }))
      await exited
      const answers: unknown[] = []
      for await (const frame of readFrames([Buffer.concat(out)]))
        if (frame.kind === 'message') answers.push(frame.value)
      expect(answers).toEqual([expect.objectContaining({ v: 1, type: 'pong' })])
    },
  )
})
