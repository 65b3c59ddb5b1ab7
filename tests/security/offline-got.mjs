// Preloaded into electronegativity (node --import): it fetches translations and Electron's release list
// on every run. Offline (this machine, CI) each fetch costs seconds of retries before it gives up; this
// answers "offline" at once so the tool falls back to its bundled English texts. No check depends on it.
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)
const tool = path.dirname(require.resolve('@doyensec/electronegativity/package.json'))
const gotPath = require.resolve('got', { paths: [tool] })
const offline = () => Promise.reject(new Error('offline: electronegativity runs without network here'))
offline.head = offline
offline.get = offline
offline.default = offline
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline }
