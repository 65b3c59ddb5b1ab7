/**
 * `warifu` as installed (dist/cli/warifu.cjs): picks the bundle a command line needs. `warifu
 * code` (what scripts and shell prompts run over and over) loads a bundle of its own, a fraction
 * of the full one, whose parsing alone would cost more than the rest of the command.
 */
import { join } from 'node:path'

const [name, ...rest] = process.argv.slice(2)
const codeOnly = name === 'code' && !rest.some((a) => a === '--help' || a === '-h')
// A computed path, so the bundler leaves both bundles as the separate files they are.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS load is the point
require(join(__dirname, codeOnly ? 'warifu-code.cjs' : 'warifu-all.cjs'))
