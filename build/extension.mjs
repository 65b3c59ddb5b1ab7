// Builds the browser companion (extension/) into dist/extension: one unpacked folder per browser
// family (chromium: Chrome, Edge, Brave, Chromium; firefox) and a zip of each for a store or a
// manual install. Every runtime dependency (tldts for the domain check) is bundled: the
// extension loads nothing from outside its package.
import { build } from 'esbuild'
import { zipSync } from 'fflate'
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'

/** Loads a TypeScript module of extension/ (the manifest and texts are written in TS, typed and tested). */
async function importTs(entry) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'warning',
  })
  const code = result.outputFiles[0].text
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)
}

async function filesUnder(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
}

/** Writes the extension into `out` (dist/extension for `npm run build`; a temporary folder in tests). */
export async function buildExtension(out = 'dist/extension') {
  const { manifestFor, ICON_SIZES } = await importTs('extension/manifest.ts')
  const { MESSAGES } = await importTs('extension/i18n/messages.ts')
  const { version } = JSON.parse(await readFile('package.json', 'utf8'))
  await rm(out, { recursive: true, force: true })

  // Compiled once, copied into each family's folder (the same code runs in both).
  const scripts = join(out, '.scripts')
  const options = {
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome116', 'firefox140'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  }
  await build({
    ...options,
    entryPoints: {
      background: 'extension/background/main.ts',
      content: 'extension/content/main.ts',
      popup: 'extension/popup/popup.ts',
    },
    outdir: scripts,
  })

  for (const family of ['chromium', 'firefox']) {
    const dir = join(out, family)
    await mkdir(join(dir, 'icons'), { recursive: true })
    await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifestFor(family, version), null, 2)}\n`)
    for (const name of ['background.js', 'content.js', 'popup.js']) await copyFile(join(scripts, name), join(dir, name))
    for (const name of ['popup.html', 'popup.css']) await copyFile(join('extension/popup', name), join(dir, name))
    for (const size of ICON_SIZES)
      await copyFile(`build/icons/png/${size}x${size}.png`, join(dir, 'icons', `${size}.png`))
    for (const [lang, table] of Object.entries(MESSAGES)) {
      const messages = Object.fromEntries(Object.entries(table).map(([key, message]) => [key, { message }]))
      await mkdir(join(dir, '_locales', lang), { recursive: true })
      await writeFile(join(dir, '_locales', lang, 'messages.json'), `${JSON.stringify(messages, null, 2)}\n`)
    }
    // Fixed timestamps so the same sources give the same zip.
    const zipped = {}
    for (const file of (await filesUnder(dir)).sort()) {
      zipped[relative(dir, file).split('\\').join('/')] = [
        await readFile(file),
        { mtime: new Date('2026-01-01T00:00:00Z') },
      ]
    }
    await writeFile(join(out, `warifu-${family}.zip`), zipSync(zipped, { level: 9 }))
  }
  await rm(scripts, { recursive: true, force: true })
}
