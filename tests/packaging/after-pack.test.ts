import { FuseState, FuseV1Options, getCurrentFuseWire, type FuseConfig } from '@electron/fuses'
import { Arch } from 'electron-builder'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT } from '../support/tools'

/** The slice of electron-builder's AfterPackContext the hook reads. */
interface Context {
  appOutDir: string
  electronPlatformName: string
  arch: Arch
  packager: { appInfo: { productFilename: string }; executableName?: string }
}
interface AfterPackModule {
  supportsAsarIntegrity(platform: string): boolean
  fuseConfigFor(platform: string, arch: Arch): FuseConfig
  electronBinaryPath(context: Context): string
  fusesNotApplied(config: FuseConfig, wire: Record<number, number>): string[]
  afterPack(context: Context): Promise<void>
  default: (context: Context) => Promise<void>
}

// build/after-pack.mjs is plain JS (electron-builder loads it as is); typed here by the interface above.
const hookUrl = pathToFileURL(join(ROOT, 'build', 'after-pack.mjs')).href
const hook = (await import(hookUrl)) as AfterPackModule

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** Electron's shipped defaults for fuses 0..8 ("1" on, "0" off), per docs/tutorial/fuses.md: runAsNode, nodeOptions, inspect, file privileges and wasm trap handlers on. */
const ELECTRON_DEFAULT_WIRE = '101100011'

const temps: string[] = []
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

/** Writes a stand-in Electron binary: arbitrary bytes around the fuse sentinel, version 1 and a wire. */
function fakeElectron(file: string, wire = ELECTRON_DEFAULT_WIRE): void {
  mkdirSync(dirname(file), { recursive: true })
  const filler = Buffer.alloc(4096, 0x5a)
  const header = Buffer.from([1, wire.length])
  writeFileSync(file, Buffer.concat([filler, Buffer.from(SENTINEL), header, Buffer.from(wire, 'latin1'), filler]))
}

function appOutDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'warifu-after-pack-'))
  temps.push(dir)
  return dir
}

const packager = { appInfo: { productFilename: 'Warifu' }, executableName: 'warifu' }
const ON = FuseState.ENABLE
const OFF = FuseState.DISABLE

describe('after-pack fuse configuration', () => {
  it.each(['linux', 'win32', 'darwin', 'mas'])(
    'turns the Node escape hatches off and asar-only on for %s',
    (platform) => {
      const config = hook.fuseConfigFor(platform, Arch.x64) as Record<number, unknown>
      expect(config[FuseV1Options.RunAsNode]).toBe(false)
      expect(config[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false)
      expect(config[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false)
      expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true)
      expect(config[FuseV1Options.EnableCookieEncryption]).toBe(true)
      // The page is served from warifu://app/, never file://.
      expect(config[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false)
    },
  )

  it('validates the embedded asar hash on macOS and Windows only (Electron has no Linux support for it)', () => {
    const integrity = (p: string) => (hook.fuseConfigFor(p, Arch.x64) as Record<number, unknown>)[4]
    expect(FuseV1Options.EnableEmbeddedAsarIntegrityValidation).toBe(4)
    expect(integrity('darwin')).toBe(true)
    expect(integrity('mas')).toBe(true)
    expect(integrity('win32')).toBe(true)
    expect(integrity('linux')).toBeUndefined()
  })

  it('re-signs ad hoc only for Apple silicon and universal macOS builds (builder-util Arch values)', () => {
    const reset = (p: string, a: Arch) => hook.fuseConfigFor(p, a).resetAdHocDarwinSignature
    expect(reset('darwin', Arch.arm64)).toBe(true)
    expect(reset('darwin', Arch.universal)).toBe(true)
    expect(reset('mas', Arch.arm64)).toBe(true)
    expect(reset('darwin', Arch.x64)).toBe(false)
    expect(reset('linux', Arch.arm64)).toBe(false)
    expect(reset('win32', Arch.arm64)).toBe(false)
  })

  it('leaves the other fuses at Electron defaults', () => {
    const config = hook.fuseConfigFor('darwin', Arch.x64) as Record<number, unknown>
    expect(config[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBeUndefined()
    expect(config[FuseV1Options.WasmTrapHandlers]).toBeUndefined()
  })
})

describe('after-pack binary path', () => {
  const at = (electronPlatformName: string) =>
    hook.electronBinaryPath({ appOutDir: '/out', electronPlatformName, arch: Arch.x64, packager })

  it('names the binary the way electron-builder renamed it', () => {
    expect(at('linux')).toBe(join('/out', 'warifu'))
    expect(at('win32')).toBe(join('/out', 'Warifu.exe'))
    expect(at('darwin')).toBe(join('/out', 'Warifu.app'))
    expect(at('mas')).toBe(join('/out', 'Warifu.app'))
  })

  it('refuses a platform it does not know rather than guessing a path', () => {
    expect(() => at('freebsd')).toThrow(/no Electron binary layout/)
  })
})

describe('after-pack on a stand-in Electron binary', () => {
  const expectFlipped = async (binary: string, integrity: number) => {
    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF)
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ON)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF)
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(integrity)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON)
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(OFF)
    // Untouched: Electron's defaults stay.
    expect(wire[FuseV1Options.WasmTrapHandlers]).toBe(ON)
  }

  it('flips the Linux executable', async () => {
    const out = appOutDir()
    fakeElectron(join(out, 'warifu'))
    await hook.default({ appOutDir: out, electronPlatformName: 'linux', arch: Arch.x64, packager })
    await expectFlipped(join(out, 'warifu'), OFF)
  })

  it('flips the Windows executable, asar integrity included', async () => {
    const out = appOutDir()
    fakeElectron(join(out, 'Warifu.exe'))
    await hook.afterPack({ appOutDir: out, electronPlatformName: 'win32', arch: Arch.x64, packager })
    await expectFlipped(join(out, 'Warifu.exe'), ON)
  })

  it('flips the framework inside the macOS bundle', async () => {
    const out = appOutDir()
    const framework = join(out, 'Warifu.app', 'Contents', 'Frameworks', 'Electron Framework.framework')
    fakeElectron(join(framework, 'Electron Framework'))
    await hook.afterPack({ appOutDir: out, electronPlatformName: 'darwin', arch: Arch.x64, packager })
    await expectFlipped(join(out, 'Warifu.app'), ON)
  })

  it('fails the build when the binary has no fuse wire', async () => {
    const out = appOutDir()
    writeFileSync(join(out, 'warifu'), Buffer.alloc(1024, 1))
    await expect(
      hook.afterPack({ appOutDir: out, electronPlatformName: 'linux', arch: Arch.x64, packager }),
    ).rejects.toThrow(/sentinel/)
  })

  it('fails the build when the wire is too short for a fuse it must set', async () => {
    const out = appOutDir()
    fakeElectron(join(out, 'warifu'), '1010')
    await expect(
      hook.afterPack({ appOutDir: out, electronPlatformName: 'linux', arch: Arch.x64, packager }),
    ).rejects.toThrow(/not long enough/)
  })

  it('names every fuse that did not take effect', () => {
    const config = hook.fuseConfigFor('linux', Arch.x64)
    const wire = { 0: ON, 1: ON, 2: OFF, 3: OFF, 5: FuseState.REMOVED, 7: ON }
    expect(hook.fusesNotApplied(config, wire)).toEqual([
      'RunAsNode',
      'OnlyLoadAppFromAsar',
      'GrantFileProtocolExtraPrivileges',
    ])
    expect(hook.fusesNotApplied(config, { 0: OFF, 1: ON, 2: OFF, 3: OFF, 5: ON, 7: OFF })).toEqual([])
  })
})
