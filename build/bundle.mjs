// Bundles the TypeScript sources into dist/ with esbuild: the CLI (plain Node),
// and, when present, the Electron main process, preload and renderer.
import { build } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { chmod, copyFile, mkdir, writeFile } from 'node:fs/promises'
import { buildExtension } from './extension.mjs'

const common = { bundle: true, sourcemap: 'linked', logLevel: 'warning', legalComments: 'none' }
// keytar is a native module and electron is provided at run time: never bundled.
const nodeExternal = ['keytar', 'electron']

// The CLI: dist/cli/warifu.cjs is a launcher of a few lines that loads warifu-code.cjs for
// `warifu code` (scripts run it in loops: it must start fast) and warifu-all.cjs for the rest.
const cli = {
  ...common,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  // The QR decoder's libraries load from node_modules, and only when `warifu scan` runs, so
  // every other command starts as fast as before (they are runtime dependencies); so do the
  // password estimator's dictionaries, only when a backup password is being set.
  external: [...nodeExternal, 'zxing-wasm', 'jsqr', 'pngjs', 'jpeg-js', 'qrcode', '@zxcvbn-ts/*'],
}
await build({ ...cli, entryPoints: ['electron/cli/warifu.ts'], outfile: 'dist/cli/warifu-all.cjs' })
await build({ ...cli, entryPoints: ['electron/cli/code-entry.ts'], outfile: 'dist/cli/warifu-code.cjs' })
await build({
  ...cli,
  sourcemap: false,
  entryPoints: ['electron/cli/launcher.ts'],
  outfile: 'dist/cli/warifu.cjs',
  banner: { js: '#!/usr/bin/env node' },
})
await chmod('dist/cli/warifu.cjs', 0o755)

// warifu(1), written by the CLI just built from the same help text it prints (package.json `man`).
await mkdir('man', { recursive: true })
await writeFile('man/warifu.1', execFileSync(process.execPath, ['dist/cli/warifu.cjs', '__man'], { encoding: 'utf8' }))

// The image decode worker (electron/scan/scan-file.ts starts it from beside its own bundle): one
// copy for the CLI, with the same libraries left in node_modules, and one for the main process.
const decodeWorker = {
  ...common,
  entryPoints: ['electron/scan/decode-worker.ts'],
  platform: 'node',
  target: 'node22',
  format: 'cjs',
}
await build({
  ...decodeWorker,
  outfile: 'dist/cli/decode-worker.cjs',
  external: [...nodeExternal, 'zxing-wasm', 'jsqr', 'pngjs', 'jpeg-js'],
})
await build({ ...decodeWorker, outfile: 'dist/electron/decode-worker.cjs', external: nodeExternal })

// The password-hashing worker (electron/backup/kdf.ts starts it from beside its own bundle, so
// discarding an import can terminate it): only node:crypto, the same file for the CLI and main.
for (const outfile of ['dist/cli/kdf-worker.cjs', 'dist/electron/kdf-worker.cjs']) {
  await build({
    ...common,
    entryPoints: ['electron/backup/kdf-worker.ts'],
    outfile,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
  })
}

// The Electron main process (Node) and the sandboxed preload (may require only 'electron').
await build({
  ...common,
  entryPoints: ['electron/main.ts'],
  outfile: 'dist/electron/main.cjs',
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  // The CLI's commands are in main (the packaged app runs them): the password estimator's
  // dictionaries (megabytes) stay in node_modules, loaded only when a CLI password is set.
  external: [...nodeExternal, '@zxcvbn-ts/*'],
})
await build({
  ...common,
  entryPoints: ['electron/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  platform: 'node',
  target: 'chrome140',
  format: 'cjs',
  external: ['electron'],
})

// The renderer: a classic deferred script (loads from file:// in the packaged app, where module
// scripts are refused), the QR decode worker, and ZXing's reader .wasm copied from node_modules so
// nothing is ever fetched from a CDN.
const rendererOut = 'dist/renderer'
const browser = { ...common, platform: 'browser', target: 'chrome140', format: 'iife', minify: true }
await build({ ...browser, entryPoints: ['renderer/main.ts'], outfile: `${rendererOut}/app.js` })
await build({ ...browser, entryPoints: ['renderer/scan/decode.worker.ts'], outfile: `${rendererOut}/decode.worker.js` })
// zxcvbn-ts and its dictionaries (megabytes) live in their own worker, started when a password field shows.
await build({
  ...browser,
  entryPoints: ['renderer/backup/strength.worker.ts'],
  outfile: `${rendererOut}/strength.worker.js`,
})
await mkdir(rendererOut, { recursive: true })
for (const [from, to] of [
  ['renderer/index.html', 'index.html'],
  ['renderer/styles.css', 'styles.css'],
  ['node_modules/zxing-wasm/dist/reader/zxing_reader.wasm', 'zxing_reader.wasm'],
]) {
  await copyFile(from, `${rendererOut}/${to}`)
}

// The browser companion: dist/extension/{chromium,firefox}/ unpacked and a zip of each.
await buildExtension()
