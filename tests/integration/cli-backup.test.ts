/** `warifu export` / `warifu import` through the built CLI against the real keychain. */
import { writeFileSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useCliSandboxes } from '../support/cli-process'
import { cliBuilt, hasTool, inKeyringSession, skipUnless } from '../support/tools'

const URIS = [
  'otpauth://totp/Monex:taro?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Monex&algorithm=SHA256&digits=8&period=60',
  'otpauth://hotp/ACME:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME&counter=5',
]
const skip = skipUnless(
  inKeyringSession() && cliBuilt() && hasTool('secret-tool'),
  'a Secret Service keyring (tests/with-keyring.sh) and the built CLI',
)

describe.skipIf(skip)('warifu export/import with the real keychain', () => {
  const sandbox = useCliSandboxes()

  it('exports an encrypted Aegis backup and imports it into an empty vault with the same codes', () => {
    const a = sandbox()
    for (const uri of URIS) expect(a.run(['add', uri]).status).toBe(0)
    const pw = join(a.files, 'pw.txt')
    writeFileSync(pw, 'correct horse\n')
    const out = join(a.files, 'backup.json')
    const exported = a.run(['export', '--format', 'aegis', '--out', out, '--password-file', pw])
    expect(exported.stderr).toBe('')
    expect(exported.status).toBe(0)
    expect(statSync(out).mode & 0o777).toBe(0o600)
    expect(readFileSync(out, 'utf8')).not.toContain('JBSWY3DP')

    const b = sandbox()
    const wrong = join(b.files, 'wrong.txt')
    writeFileSync(wrong, 'nope')
    const refused = b.run(['import', out, '--yes', '--password-file', wrong])
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain('[BACKUP_WRONG_PASSWORD]')
    expect(refused.stderr).not.toContain('nope')
    expect(JSON.parse(b.run(['list', '--json']).stdout)).toEqual([])

    const imported = b.run(['import', out, '--yes', '--password-file', pw])
    expect(imported.status).toBe(0)
    expect(imported.stdout).toContain('Added 2 account(s).')
    const strip = (list: Record<string, unknown>[]) => list.map(({ id: _i, createdAt: _c, ...rest }) => rest)
    expect(strip(JSON.parse(b.run(['list', '--json']).stdout))).toEqual(
      strip(JSON.parse(a.run(['list', '--json']).stdout)),
    )
    expect(b.run(['code', 'monex', '--at', '59']).stdout).toBe(a.run(['code', 'monex', '--at', '59']).stdout)

    // A second import finds only duplicates.
    const again = b.run(['import', out, '--yes', '--password-file', pw])
    expect(again.stdout).toContain('Nothing to add.')
  })

  it('refuses a plain export without the explicit flag', () => {
    const a = sandbox()
    expect(a.run(['add', URIS[0]!]).status).toBe(0)
    const r = a.run(['export', '--format', 'otpauth', '--out', join(a.files, 'x.txt')])
    expect(r.status).toBe(2)
  })

  it('refuses to export over its own account list, which stays intact', () => {
    const a = sandbox()
    expect(a.run(['add', URIS[0]!]).status).toBe(0)
    const r = a.run(['export', '--format', 'otpauth', '--out', join(a.home, 'vault.json'), '--yes-write-plain-secrets'])
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/outside Warifu.s data folder\. \[EXPORT_TARGET_REFUSED\]\n$/)
    expect(a.run(['list']).stdout).toContain('Monex')
  })

  describe('an import killed part-way is all or nothing on the next open', () => {
    /** Account secrets secret-tool lists (the probe entry's is "usable"). */
    const accountSecrets = (listing: string) => (listing.match(/^secret = (?!usable$)/gm) ?? []).length
    const THREE = [
      'otpauth://totp/Monex:taro?secret=JBSWY3DPEHPK3PXP&issuer=Monex',
      'otpauth://totp/SBI:hanako?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=SBI',
      'otpauth://totp/Rakuten:jiro?secret=KRSXG5CTMVRXEZLU&issuer=Rakuten',
    ]

    for (const [point, expected] of [
      ['add:after-pending', 0],
      ['add-many:between-keychain-writes', 0],
      ['add:after-keychain', 3],
    ] as const) {
      it(`killed at ${point}: ${expected === 0 ? 'nothing' : 'everything'} is kept, no stray secret`, () => {
        const s = sandbox()
        const list = join(s.files, 'moving.txt')
        writeFileSync(list, THREE.join('\n') + '\n')
        const killed = s.run(['import', list, '--yes'], { env: { WARIFU_CRASH_AT: point } })
        expect(killed.signal).toBe('SIGKILL')
        // Killed between writes: the keychain holds some of the import's secrets, not all.
        const inKeychain = accountSecrets(s.secretTool())
        if (point === 'add-many:between-keychain-writes') expect(inKeychain).toBe(1)

        const listed = s.run(['list', '--json'])
        expect(listed.status).toBe(0)
        expect((JSON.parse(listed.stdout) as unknown[]).length).toBe(expected)
        expect(listed.stderr).toMatch(
          expected === 0 ? /interrupted import was undone whole, "Monex \/ taro" with it/ : /was completed/,
        )
        expect(readFileSync(join(s.home, 'vault.json'), 'utf8')).not.toMatch(/pending|batch/)
        expect(s.run(['orphans']).stdout).not.toMatch(/[0-9a-f]{16}/)
        const left = accountSecrets(s.secretTool())
        expect(left).toBe(expected)
        // Nothing is lost: the same file imports whole afterwards.
        if (expected === 0) {
          expect(s.run(['import', list, '--yes']).status).toBe(0)
          expect((JSON.parse(s.run(['list', '--json']).stdout) as unknown[]).length).toBe(3)
        }
      })
    }
  })
})
