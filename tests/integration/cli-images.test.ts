/** `warifu import` of hostile images through the built CLI, against the real keychain: refused typed, memory bounded. */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useCliSandboxes } from '../support/cli-process'
import { cliBuilt, hasTool, inKeyringSession, skipUnless } from '../support/tools'
import { pngFile, zlibZeros } from '../unit/scan/hostile-png'

const skip = skipUnless(
  inKeyringSession() && cliBuilt() && hasTool('secret-tool'),
  'a Secret Service keyring (tests/with-keyring.sh) and the built CLI',
)

describe.skipIf(skip)('warifu import of hostile images', () => {
  const sandbox = useCliSandboxes()

  it('refuses a 1 MB interlaced PNG that inflates to 1 GiB with NOT_AN_IMAGE, peaking far below it', () => {
    // Before the header cap this import peaked above 2 GB.
    const s = sandbox()
    const bomb = join(s.files, 'bomb.png')
    writeFileSync(bomb, pngFile({ width: 1000, height: 1000, interlace: 1 }, zlibZeros(1024 * 1024 * 1024)))
    const report = join(s.files, 'peak-rss.cjs')
    writeFileSync(
      report,
      "process.on('exit', () => process.stderr.write('peak-rss-kb=' + process.resourceUsage().maxRSS + '\\n'))",
    )
    const run = s.run(['import', bomb, '--yes'], { env: { NODE_OPTIONS: `--require ${report}` } })
    expect(run.status).toBe(1)
    expect(run.stderr.replace(/peak-rss-kb=\d+\n/g, '')).toBe(
      'warifu: The PNG file is corrupt (more pixel data than its size). [NOT_AN_IMAGE]\n',
    )
    const peaks = [...run.stderr.matchAll(/peak-rss-kb=(\d+)/g)].map((m) => Number(m[1]))
    expect(peaks.length).toBeGreaterThan(0)
    expect(Math.max(...peaks) / 1024).toBeLessThan(300)
    expect(JSON.parse(s.run(['list', '--json']).stdout)).toEqual([])
  })
})
