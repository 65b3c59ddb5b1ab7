/**
 * Runs the real electron-builder CLI with our config (`npm run dist` minus the installer step) for a Linux
 * unpacked build. The Electron binary cannot be downloaded here, so electronDist points at a stand-in: a
 * directory with an `electron` file carrying a genuine fuse wire. Everything else is electron-builder's own:
 * file selection, app.asar, asarUnpack, production node_modules, the afterPack hook.
 */
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { extractFile, listPackage } from '@electron/asar'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../support/tools'

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const work = mkdtempSync(join(tmpdir(), 'warifu-pack-'))
const out = join(work, 'release')
const unpacked = join(out, 'linux-unpacked')
const asarFile = join(unpacked, 'resources', 'app.asar')
let files: string[] = []
let log = ''

/** Every file under dir, as /-separated paths relative to root. */
function walk(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    return statSync(full).isDirectory() ? walk(full, root) : [relative(root, full).split(sep).join('/')]
  })
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'electron', 'main.cjs'))) {
    throw new Error('dist/ is not built: run `npm run build` (npm test does) before this test')
  }
  const electronDist = join(work, 'electron-dist')
  mkdirSync(join(electronDist, 'resources'), { recursive: true })
  const filler = Buffer.alloc(8192, 0x5a)
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, 9]), Buffer.from('101100011', 'latin1')])
  writeFileSync(join(electronDist, 'electron'), Buffer.concat([filler, wire, filler]), { mode: 0o755 })
  writeFileSync(join(electronDist, 'LICENSE'), 'stand-in')
  writeFileSync(join(electronDist, 'version'), 'stand-in')

  const cli = join(ROOT, 'node_modules', 'electron-builder', 'cli.js')
  const run = spawnSync(
    process.execPath,
    [
      cli,
      '--linux',
      'dir',
      '--x64',
      '--config',
      'build/electron-builder.config.mjs',
      `-c.electronDist=${electronDist}`,
      // Rebuilding keytar for Electron's ABI downloads Electron's headers: no network here.
      '-c.npmRebuild=false',
      `-c.directories.output=${out}`,
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 180_000 },
  )
  log = `${run.stdout}\n${run.stderr}`
  if (run.status !== 0) throw new Error(`electron-builder failed (${run.status}):\n${log}`)
  files = listPackage(asarFile, { isPack: false }).map((f) => f.split(sep).join('/'))
}, 200_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('electron-builder --linux dir with our config', () => {
  it('renames the executable and runs the after-pack hook on it', async () => {
    expect(log).toMatch(/after-pack: fuses flipped in warifu/)
    const wire = (await getCurrentFuseWire(join(unpacked, 'warifu'))) as unknown as Record<number, number>
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE)
  })

  it('puts every built bundle into app.asar, without source maps', () => {
    // The browser extension goes beside the archive instead (extraResources; checked below).
    const built = walk(join(ROOT, 'dist')).filter((f) => !f.endsWith('.map') && !f.startsWith('extension/'))
    expect(built).toEqual(
      expect.arrayContaining([
        'electron/main.cjs',
        'electron/preload.cjs',
        'cli/warifu.cjs',
        'renderer/index.html',
        'renderer/app.js',
        'renderer/decode.worker.js',
        'renderer/zxing_reader.wasm',
      ]),
    )
    for (const file of built) expect(files, file).toContain(`/dist/${file}`)
    expect(files.filter((f) => f.endsWith('.map') && f.startsWith('/dist/'))).toEqual([])
  })

  it('starts the app at package.json main, which is inside the archive', () => {
    const pkg = JSON.parse(extractFile(asarFile, 'package.json').toString('utf8')) as { main: string; name: string }
    expect(pkg.name).toBe('warifu')
    expect(files).toContain(`/${pkg.main}`)
  })

  it('leaves sources, tests, build scripts and dev dependencies out', () => {
    const top = new Set(files.map((f) => f.split('/')[1]))
    expect([...top].sort()).toEqual(['dist', 'node_modules', 'package.json'])
    for (const dev of ['electron', 'electron-builder', 'vitest', 'playwright-core', 'esbuild', 'typescript']) {
      expect(files, dev).not.toContain(`/node_modules/${dev}`)
    }
  })

  it('ships the browser extension as real folders beside the archive (what Connect a browser names)', () => {
    for (const family of ['chromium', 'firefox']) {
      expect(existsSync(join(unpacked, 'resources', 'extension', family, 'manifest.json')), family).toBe(true)
    }
  })

  it('unpacks keytar’s native addon next to the archive and ships ZXing’s reader .wasm', () => {
    const native = files.filter((f) => f.endsWith('.node'))
    expect(native).toContain('/node_modules/keytar/build/Release/keytar.node')
    for (const file of native) {
      expect(existsSync(join(unpacked, 'resources', 'app.asar.unpacked', ...file.split('/'))), file).toBe(true)
    }
    // The renderer's worker fetches its copy from dist/renderer; main and the CLI read the package's.
    expect(files).toContain('/dist/renderer/zxing_reader.wasm')
    expect(files).toContain('/node_modules/zxing-wasm/dist/reader/zxing_reader.wasm')
  })
})
