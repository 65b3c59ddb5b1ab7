import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CHROMIUM_EXTENSION_ID, FIREFOX_EXTENSION_ID, NATIVE_HOST_NAME } from '../../../shared/browser/extension-id'
import { BROWSER_ACCESS_FILE, isBrowserAccessRemoved, setBrowserAccessRemoved } from '../../../electron/browser/access'
import { connectBrowser, removeBrowserAccess } from '../../../electron/browser/connect'
import {
  BROWSERS,
  hostCommandFor,
  installBrowserHost,
  manifestDir,
  registryKey,
  uninstallBrowserHost,
  unixLauncher,
  type InstallContext,
  type RegRunner,
} from '../../../electron/browser/install'
import { makeBrowserCommand } from '../../../electron/cli/commands/browser'
import type { CliIo } from '../../../electron/cli/io'
import { useTempDir } from '../../support/temp-dir'

const NODE_HOST = { kind: 'node', node: '/opt/node22/bin/node', script: '/srv/warifu/dist/cli/warifu.cjs' } as const

function linux(home: string, extra: Partial<InstallContext> = {}): InstallContext {
  return { platform: 'linux', home, dataDir: join(home, 'data'), env: {}, host: NODE_HOST, ...extra }
}

/** Windows: keys go through `reg`, files under <home>/Warifu. */
function win32(home: string, reg: RegRunner, extra: Partial<InstallContext> = {}): InstallContext {
  return linux(home, { platform: 'win32', dataDir: join(home, 'Warifu'), reg, ...extra })
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>

describe('manifestDir / registryKey (each browser\u2019s documented per-user place)', () => {
  it.each([
    ['chrome', '/h/.config/google-chrome/NativeMessagingHosts'],
    ['chromium', '/h/.config/chromium/NativeMessagingHosts'],
    ['edge', '/h/.config/microsoft-edge/NativeMessagingHosts'],
    ['brave', '/h/.config/BraveSoftware/Brave-Browser/NativeMessagingHosts'],
    ['firefox', '/h/.mozilla/native-messaging-hosts'],
  ] as const)('Linux %s: %s', (browser, dir) => {
    expect(manifestDir(browser, { platform: 'linux', home: '/h', env: {} })).toBe(dir)
  })

  it('follows XDG_CONFIG_HOME for the Chromium family, not for Firefox', () => {
    const ctx = { platform: 'linux', home: '/h', env: { XDG_CONFIG_HOME: '/x' } } as const
    expect(manifestDir('chrome', ctx)).toBe('/x/google-chrome/NativeMessagingHosts')
    expect(manifestDir('firefox', ctx)).toBe('/h/.mozilla/native-messaging-hosts')
  })

  it.each([
    ['chrome', '/h/Library/Application Support/Google/Chrome/NativeMessagingHosts'],
    ['chromium', '/h/Library/Application Support/Chromium/NativeMessagingHosts'],
    ['edge', '/h/Library/Application Support/Microsoft Edge/NativeMessagingHosts'],
    ['brave', '/h/Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts'],
    ['firefox', '/h/Library/Application Support/Mozilla/NativeMessagingHosts'],
  ] as const)('macOS %s: %s', (browser, dir) => {
    expect(manifestDir(browser, { platform: 'darwin', home: '/h', env: {} })).toBe(dir)
  })

  it.each([
    ['chrome', 'HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\warifu.browser_host'],
    ['chromium', 'HKCU\\Software\\Chromium\\NativeMessagingHosts\\warifu.browser_host'],
    ['edge', 'HKCU\\Software\\Microsoft\\Edge\\NativeMessagingHosts\\warifu.browser_host'],
    ['brave', 'HKCU\\Software\\BraveSoftware\\Brave-Browser\\NativeMessagingHosts\\warifu.browser_host'],
    ['firefox', 'HKCU\\Software\\Mozilla\\NativeMessagingHosts\\warifu.browser_host'],
  ] as const)('Windows %s: %s', (browser, key) => {
    expect(registryKey(browser)).toBe(key)
  })
})

describe('installBrowserHost / uninstallBrowserHost (Linux and macOS files)', () => {
  const tempDir = useTempDir('warifu-install-')

  it('writes a manifest naming only Warifu\u2019s extension, and an executable launcher', async () => {
    const home = tempDir()
    const results = await installBrowserHost(['chrome', 'firefox'], linux(home), { explicit: true })
    expect(results.map((r) => r.status)).toEqual(['installed', 'installed'])
    const chromeDir = join(home, '.config/google-chrome/NativeMessagingHosts')
    const chrome = readJson(join(chromeDir, `${NATIVE_HOST_NAME}.json`))
    expect(chrome).toEqual({
      name: NATIVE_HOST_NAME,
      description: expect.stringContaining('Warifu') as unknown,
      path: join(chromeDir, 'warifu-browser-host'),
      type: 'stdio',
      allowed_origins: [`chrome-extension://${CHROMIUM_EXTENSION_ID}/`],
    })
    const firefox = readJson(join(home, '.mozilla/native-messaging-hosts', `${NATIVE_HOST_NAME}.json`))
    expect(firefox.allowed_extensions).toEqual([FIREFOX_EXTENSION_ID])
    expect(firefox).not.toHaveProperty('allowed_origins')
    const launcher = chrome.path as string
    expect(statSync(launcher).mode & 0o777).toBe(0o700)
    expect(readFileSync(launcher, 'utf8')).toContain(
      `exec '/opt/node22/bin/node' '/srv/warifu/dist/cli/warifu.cjs' browser-host "$@"`,
    )
  })

  it('with every browser asked for, installs only where a profile folder exists', async () => {
    const home = tempDir()
    mkdirSync(join(home, '.config/chromium'), { recursive: true })
    const results = await installBrowserHost(BROWSERS, linux(home), { explicit: false })
    expect(Object.fromEntries(results.map((r) => [r.browser, r.status]))).toEqual({
      chrome: 'not-found',
      chromium: 'installed',
      edge: 'not-found',
      brave: 'not-found',
      firefox: 'not-found',
    })
    expect(existsSync(join(home, '.config/google-chrome'))).toBe(false)
  })

  it('is idempotent, and uninstall removes exactly what it wrote', async () => {
    const home = tempDir()
    const ctx = linux(home)
    await installBrowserHost(['chromium'], ctx, { explicit: true })
    const dir = manifestDir('chromium', ctx)
    const first = readFileSync(join(dir, `${NATIVE_HOST_NAME}.json`), 'utf8')
    await installBrowserHost(['chromium'], ctx, { explicit: true })
    expect(readFileSync(join(dir, `${NATIVE_HOST_NAME}.json`), 'utf8')).toBe(first)
    writeFileSync(join(dir, 'someone-else.json'), '{}')
    const removed = await uninstallBrowserHost(['chromium', 'chrome'], ctx)
    expect(removed.map((r) => r.status)).toEqual(['removed', 'absent'])
    expect(existsSync(join(dir, `${NATIVE_HOST_NAME}.json`))).toBe(false)
    expect(existsSync(join(dir, 'warifu-browser-host'))).toBe(false)
    expect(existsSync(join(dir, 'someone-else.json'))).toBe(true)
  })

  it('leaves a file under our name that Warifu did not write', async () => {
    const home = tempDir()
    const ctx = linux(home)
    const dir = manifestDir('chrome', ctx)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, `${NATIVE_HOST_NAME}.json`), '{"name":"warifu.browser_host","path":"/usr/bin/x"}')
    writeFileSync(join(dir, 'warifu-browser-host'), '#!/bin/sh\necho mine\n')
    expect((await uninstallBrowserHost(['chrome'], ctx))[0]!.status).toBe('not-ours')
    expect(existsSync(join(dir, `${NATIVE_HOST_NAME}.json`))).toBe(true)
    expect(existsSync(join(dir, 'warifu-browser-host'))).toBe(true)
  })

  it('names the packaged app\u2019s own executable, and writes no launcher', async () => {
    const home = tempDir()
    const ctx = linux(home, { host: { kind: 'app', executable: '/opt/Warifu/warifu' } })
    await installBrowserHost(['chrome'], ctx, { explicit: true })
    const dir = manifestDir('chrome', ctx)
    expect(readJson(join(dir, `${NATIVE_HOST_NAME}.json`)).path).toBe('/opt/Warifu/warifu')
    expect(existsSync(join(dir, 'warifu-browser-host'))).toBe(false)
  })

  it('turns a folder it cannot write into BROWSER_INSTALL_FAILED', async () => {
    const home = tempDir()
    // A file where the browser's folder should be.
    mkdirSync(join(home, '.config'), { recursive: true })
    writeFileSync(join(home, '.config/google-chrome'), 'not a folder')
    await expect(installBrowserHost(['chrome'], linux(home), { explicit: true })).rejects.toMatchObject({
      code: 'BROWSER_INSTALL_FAILED',
    })
  })
})

describe('the launcher script', () => {
  const tempDir = useTempDir('warifu-launcher-')

  it('carries WARIFU_HOME and the keychain service, quoted, and passes the browser\u2019s arguments', () => {
    const dir = tempDir()
    const text = unixLauncher(
      { kind: 'node', node: '/bin/echo', script: "it's here" },
      { WARIFU_HOME: "/tmp/a b'c", WARIFU_KEYCHAIN_SERVICE: 'svc', PATH: '/nope' },
    )
    expect(text).not.toContain('/nope')
    const path = join(dir, 'launcher')
    writeFileSync(
      path,
      text.replace("exec '/bin/echo'", 'echo "$WARIFU_HOME|$WARIFU_KEYCHAIN_SERVICE"; exec \'/bin/echo\''),
      {
        mode: 0o700,
      },
    )
    const r = spawnSync(path, ['chrome-extension://x/', 'two words'], { encoding: 'utf8', env: {} })
    expect(r.stdout).toBe("/tmp/a b'c|svc\nit's here browser-host chrome-extension://x/ two words\n")
  })
})

describe('Windows: manifests in the data folder, registry keys through reg.exe', () => {
  const tempDir = useTempDir('warifu-win-')

  function fakeReg() {
    const keys = new Map<string, string>()
    const calls: string[][] = []
    const reg: RegRunner = (args) => {
      calls.push(args)
      const [verb, key] = args
      if (verb === 'add') keys.set(key!, args[args.indexOf('/d') + 1]!)
      if (verb === 'query')
        return Promise.resolve(
          keys.has(key!)
            ? { code: 0, stdout: `\r\n${key}\r\n    (Default)    REG_SZ    ${keys.get(key!)}\r\n` }
            : { code: 1, stdout: '' },
        )
      if (verb === 'delete') keys.delete(key!)
      return Promise.resolve({ code: 0, stdout: '' })
    }
    return { reg, keys, calls }
  }

  it('writes one manifest per family with a .cmd launcher and points each browser\u2019s key at it', async () => {
    const home = tempDir()
    const { reg, keys } = fakeReg()
    const ctx = win32(home, reg)
    await installBrowserHost(BROWSERS, ctx, { explicit: false })
    const folder = join(home, 'Warifu', 'browser-host')
    expect(keys.get(registryKey('edge'))).toBe(join(folder, `${NATIVE_HOST_NAME}.chromium.json`))
    expect(keys.get(registryKey('firefox'))).toBe(join(folder, `${NATIVE_HOST_NAME}.firefox.json`))
    const manifest = readJson(join(folder, `${NATIVE_HOST_NAME}.chromium.json`))
    expect(manifest.path).toBe(join(folder, 'warifu-browser-host.cmd'))
    expect(readFileSync(manifest.path as string, 'utf8')).toContain(
      '"/opt/node22/bin/node" "/srv/warifu/dist/cli/warifu.cjs" browser-host %*',
    )
    expect(keys.size).toBe(5)
  })

  it('uninstall deletes only keys that point at Warifu\u2019s manifest, then the files', async () => {
    const home = tempDir()
    const { reg, keys } = fakeReg()
    const ctx = win32(home, reg)
    await installBrowserHost(BROWSERS, ctx, { explicit: false })
    keys.set(registryKey('brave'), 'C:\\Other\\thing.json')
    const results = await uninstallBrowserHost(BROWSERS, ctx)
    expect(Object.fromEntries(results.map((r) => [r.browser, r.status]))).toEqual({
      chrome: 'removed',
      chromium: 'removed',
      edge: 'removed',
      brave: 'not-ours',
      firefox: 'removed',
    })
    expect([...keys.keys()]).toEqual([registryKey('brave')])
    expect(existsSync(join(home, 'Warifu', 'browser-host', `${NATIVE_HOST_NAME}.chromium.json`))).toBe(false)
  })

  it('a refused reg.exe is BROWSER_INSTALL_FAILED', async () => {
    const home = tempDir()
    const reg: RegRunner = () => Promise.resolve({ code: 1, stdout: '' })
    const ctx = win32(home, reg, { dataDir: home })
    await expect(installBrowserHost(['chrome'], ctx, { explicit: true })).rejects.toMatchObject({
      code: 'BROWSER_INSTALL_FAILED',
    })
  })
})

describe('hostCommandFor', () => {
  it('is the app\u2019s executable in Electron (the AppImage file on Linux), else node + the script', () => {
    expect(hostCommandFor({ versions: { electron: '38' }, execPath: '/opt/W/warifu', script: 'x', env: {} })).toEqual({
      kind: 'app',
      executable: '/opt/W/warifu',
    })
    expect(
      hostCommandFor({
        versions: { electron: '38' },
        execPath: '/tmp/.mount_x/warifu',
        script: 'x',
        env: { APPIMAGE: '/home/u/Warifu.AppImage' },
      }),
    ).toEqual({ kind: 'app', executable: '/home/u/Warifu.AppImage' })
    expect(hostCommandFor({ versions: {}, execPath: '/usr/bin/node', script: '/w/warifu.cjs', env: {} })).toEqual({
      kind: 'node',
      node: '/usr/bin/node',
      script: '/w/warifu.cjs',
    })
  })
})

describe('the browser-access flag, connectBrowser and removeBrowserAccess', () => {
  const tempDir = useTempDir('warifu-access-')

  it('is not removed until set; a damaged flag counts as removed', async () => {
    const dir = tempDir()
    expect(await isBrowserAccessRemoved(dir)).toBe(false)
    await setBrowserAccessRemoved(dir, true, 0)
    expect(await isBrowserAccessRemoved(dir)).toBe(true)
    await setBrowserAccessRemoved(dir, false, 0)
    expect(await isBrowserAccessRemoved(dir)).toBe(false)
    writeFileSync(join(dir, BROWSER_ACCESS_FILE), '{"removed": fal')
    expect(await isBrowserAccessRemoved(dir)).toBe(true)
  })

  it('removing access sets the flag and removes the manifests; connecting clears it and installs', async () => {
    const home = tempDir()
    const ctx = linux(home)
    await connectBrowser({ ctx, nowMs: 0, browsers: ['chrome'] })
    const manifest = join(manifestDir('chrome', ctx), `${NATIVE_HOST_NAME}.json`)
    expect(existsSync(manifest)).toBe(true)
    await removeBrowserAccess({ ctx, nowMs: 1 })
    expect(existsSync(manifest)).toBe(false)
    expect(await isBrowserAccessRemoved(ctx.dataDir)).toBe(true)
    await connectBrowser({ ctx, nowMs: 2, browsers: ['chrome'] })
    expect(await isBrowserAccessRemoved(ctx.dataDir)).toBe(false)
    expect(existsSync(manifest)).toBe(true)
  })

  it('removing one browser keeps the others\u2019 access', async () => {
    const home = tempDir()
    const ctx = linux(home)
    await connectBrowser({ ctx, nowMs: 0, browsers: ['chrome'] })
    await removeBrowserAccess({ ctx, nowMs: 1, browsers: ['firefox'] })
    expect(await isBrowserAccessRemoved(ctx.dataDir)).toBe(false)
  })
})

describe('warifu browser install|uninstall (in-process, temporary home)', () => {
  const tempDir = useTempDir('warifu-browser-cmd-')

  async function run(home: string, ...args: string[]) {
    const out: string[] = []
    const err: string[] = []
    const command = makeBrowserCommand(() => linux(home))
    const io: CliIo = {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readStdin: () => Promise.resolve(''),
      now: () => 0,
      openVault: () => Promise.reject(new Error('the browser command opens no vault')),
    }
    let thrown: unknown
    const code = await command.run(args, io).catch((error: unknown) => void (thrown = error))
    return { out, err, thrown, code }
  }

  it('installs for a named browser, says what to do next, and uninstalls', async () => {
    const home = tempDir()
    const installed = await run(home, 'install', '--browser', 'chromium')
    expect(installed.thrown).toBeUndefined()
    expect(installed.code).toBe(0)
    expect(installed.out).toEqual([
      `chromium: connected  ${join(home, '.config/chromium/NativeMessagingHosts', `${NATIVE_HOST_NAME}.json`)}`,
    ])
    expect(installed.err.join('\n')).toMatch(/^Next: load Warifu/)
    const removed = await run(home, 'uninstall')
    expect(removed.out[1]).toMatch(/^chromium: removed /)
    expect(await isBrowserAccessRemoved(join(home, 'data'))).toBe(true)
  })

  it('says so when no browser profile was found', async () => {
    const r = await run(tempDir(), 'install')
    expect(r.code).toBe(1)
    expect(r.out.every((l) => l.includes('not found'))).toBe(true)
    expect(r.err).toEqual(['warifu: no browser profile folder was found; name one with --browser.'])
  })

  it.each([[[]], [['install', 'extra']], [['install', '--browser', 'safari']], [['remove']]])(
    'refuses %j as a usage error',
    async (args) => {
      expect((await run(tempDir(), ...args)).thrown).toMatchObject({ code: 'USAGE' })
    },
  )
})
