import { Packager, type Configuration } from 'electron-builder'
import { resolveFunction } from 'app-builder-lib/out/util/resolve'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../support/tools'

const CONFIG_FILE = 'build/electron-builder.config.mjs'
const require = createRequire(import.meta.url)
// electron-builder's own plist parser (no types shipped).
const plist = require('plist') as { parse(xml: string): unknown }

/**
 * Runs electron-builder's own first step of every build: Packager.validateConfig() loads the config file
 * with its loader, merges defaults, checks package.json's metadata and validates the result against
 * app-builder-lib's JSON schema (validateConfiguration). Resolves to the effective configuration.
 */
async function validate(config: string | Configuration): Promise<Configuration> {
  const packager = new Packager({ projectDir: ROOT, config })
  await packager.validateConfig()
  return packager.config
}

async function projectConfig(): Promise<Configuration> {
  const module = (await import(pathToFileURL(join(ROOT, CONFIG_FILE)).href)) as { default: Configuration }
  return structuredClone(module.default)
}

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own validation', async () => {
    const config = await validate(CONFIG_FILE)
    expect(config.appId).toBe('app.warifu.desktop')
    expect(config.productName).toBe('Warifu')
  })

  it.each([
    ['an unknown top-level option', (c: Configuration) => ({ ...c, filez: ['dist/**'] })],
    ['a misspelt macOS option', (c: Configuration) => ({ ...c, mac: { ...c.mac, hardenedRuntme: true } })],
    ['a misspelt deb option', (c: Configuration) => ({ ...c, deb: { ...c.deb, priorty: 'optional' } })],
    ['an NSIS option of the wrong type', (c: Configuration) => ({ ...c, nsis: { ...c.nsis, oneClick: { yes: 1 } } })],
  ])('fails the same validation with %s', async (_what, breakIt) => {
    const broken = breakIt(await projectConfig()) as Configuration
    await expect(validate(broken)).rejects.toThrow(/Invalid configuration object/)
    // The unbroken object passes the same path, so the failure is the breakage.
    await expect(validate(await projectConfig())).resolves.toBeDefined()
  })

  it('is what `npm run dist` builds with, after bundling', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    expect(pkg.scripts.dist).toBe(`node build/bundle.mjs && electron-builder --config ${CONFIG_FILE}`)
  })

  it('puts the unpacked browser extension beside app.asar, where Connect a browser names it', async () => {
    const config = await validate(CONFIG_FILE)
    expect(config.extraResources).toEqual([
      { from: 'dist/extension', to: 'extension', filter: ['chromium/**', 'firefox/**'] },
    ])
  })

  it('packs only the bundles and package.json, leaving dist/ to the bundler', async () => {
    const config = await validate(CONFIG_FILE)
    // electron-builder normalises the list into one file set.
    expect(config.files).toEqual([{ filter: ['dist/**', '!dist/**/*.map', 'package.json'] }])
    expect(config.directories?.output).toBe('release')
    expect(config.asar).toBe(true)
    expect(config.asarUnpack).toEqual(['**/*.node'])
    expect(config.publish).toBeNull()
  })

  it('wires the after-pack hook so electron-builder resolves it to our fuse flipper', async () => {
    const config = await validate(CONFIG_FILE)
    const hookUrl = pathToFileURL(join(ROOT, 'build', 'after-pack.mjs')).href
    const ours = ((await import(hookUrl)) as { afterPack: unknown }).afterPack
    // electron-builder resolves hook paths against the working directory: `npm run dist` runs at the root.
    const cwd = process.cwd()
    process.chdir(ROOT)
    try {
      const resolved = await resolveFunction<unknown>(undefined, config.afterPack, 'afterPack', ROOT)
      // electron-builder imports through Node, vitest through its own loader: two module instances, so the
      // hook is compared with what electron-builder loads from our file's absolute path, and by name.
      const direct = await resolveFunction<unknown>(undefined, join(ROOT, 'build', 'after-pack.mjs'), 'afterPack', ROOT)
      expect(resolved).toBe(direct)
      expect(typeof resolved).toBe('function')
      expect((resolved as { name: string }).name).toBe((ours as { name: string }).name)
    } finally {
      process.chdir(cwd)
    }
  })

  it('targets AppImage and deb, dmg, and nsis', async () => {
    const config = await validate(CONFIG_FILE)
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.mac?.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }])
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }])
    expect(config.linux?.executableName).toBe('warifu')
  })

  it('signs macOS builds with the hardened runtime and says why it wants the camera and the screen', async () => {
    const mac = (await validate(CONFIG_FILE)).mac
    expect(mac?.hardenedRuntime).toBe(true)
    const info = mac?.extendInfo as Record<string, string>
    expect(info.NSCameraUsageDescription).toMatch(/camera.*QR/i)
    expect(info.NSScreenCaptureUsageDescription).toMatch(/screen.*QR/i)
  })

  it.each(['entitlements', 'entitlementsInherit'] as const)(
    'grants %s exactly the JIT V8 needs and the camera, nothing else',
    async (key) => {
      const file = (await validate(CONFIG_FILE)).mac?.[key]
      expect(typeof file).toBe('string')
      const parsed = plist.parse(readFileSync(join(ROOT, file as string), 'utf8'))
      expect(parsed).toEqual({
        'com.apple.security.cs.allow-jit': true,
        'com.apple.security.device.camera': true,
      })
    },
  )

  it('points every platform at an icon file that exists', async () => {
    const config = await validate(CONFIG_FILE)
    for (const icon of [config.mac?.icon, config.win?.icon, config.linux?.icon]) {
      expect(typeof icon).toBe('string')
      expect(existsSync(join(ROOT, icon as string)), `${icon}`).toBe(true)
    }
    expect(existsSync(join(ROOT, 'build', 'icons', 'png', '512x512.png'))).toBe(true)
  })
})
