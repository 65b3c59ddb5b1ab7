/**
 * `warifu` as installed (dist/cli/warifu.cjs): picks the bundle a command line needs. `warifu
 * code` (what scripts and shell prompts run over and over) loads a bundle of its own, a fraction
 * of the full one, whose parsing alone would cost more than the rest of the command.
 *
 * It also turns on Node's on-disk compile cache (module.enableCompileCache, Node 22.1+) in the
 * user's own cache folder: V8 keeps the compiled bundle between runs, about a third of `warifu
 * code`'s start-up. The cache holds compiled code only, checked against the source it came
 * from; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
 */
import { enableCompileCache } from 'node:module'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** The per-user cache folder: XDG on Linux, Library/Caches on macOS, LOCALAPPDATA on Windows. */
function cacheDir(): string {
  const env = process.env
  if (process.platform === 'win32')
    return join(env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'Warifu', 'Cache')
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'Warifu')
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'warifu')
}

try {
  enableCompileCache?.(join(cacheDir(), 'compile-cache'))
} catch {
  // No cache (a read-only home, say): the same commands, only slower to start.
}

const [name, ...rest] = process.argv.slice(2)
const codeOnly = name === 'code' && !rest.some((a) => a === '--help' || a === '-h')
// A computed path, so the bundler leaves both bundles as the separate files they are.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS load is the point
require(join(__dirname, codeOnly ? 'warifu-code.cjs' : 'warifu-all.cjs'))
