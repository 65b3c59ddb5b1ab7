/**
 * Keychain entries tied to their vault, through the built `warifu` command on the real keychain:
 * two homes sharing one keychain service never report each other's secrets as orphans, and a vault
 * from before vault ids (entries named by the bare account id) moves them on open, keeping its
 * codes, even when killed at each step of the move.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import keytar from 'keytar'
import { describe, expect, it } from 'vitest'
import { totpCode } from '../../shared/otp/codes'
import { useCliSandboxes } from '../support/cli-process'
import { vaultIdOf } from '../support/keychain-entry'
import { cliBuilt, hasTool, inKeyringSession, skipUnless } from '../support/tools'

const SECRET_A = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
const SECRET_B = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
const ID_A = '00000000000000a1'
const ID_B = '00000000000000b2'
const AT = 1_800_000_000
const skip = skipUnless(
  inKeyringSession() && cliBuilt() && hasTool('secret-tool'),
  'a Secret Service keyring (tests/with-keyring.sh), the built CLI and secret-tool',
)

type Sandbox = ReturnType<ReturnType<typeof useCliSandboxes>>

const record = (id: string, issuer: string) => ({
  id,
  type: 'totp',
  issuer,
  label: 'taro',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  createdAt: '2026-01-01T00:00:00.000Z',
})
const expectedCode = (secret: string) => totpCode({ secret, algorithm: 'SHA1', digits: 6, period: 30 }, AT * 1000).code

/** A vault as Warifu wrote it before vault ids: no id in vault.json, entries named by the account id. */
async function writeLegacyVault(s: Sandbox): Promise<void> {
  writeFileSync(
    join(s.home, 'vault.json'),
    JSON.stringify({ format: 'warifu-vault', version: 1, accounts: [record(ID_A, 'Monex'), record(ID_B, 'SBI')] }),
  )
  await keytar.setPassword(s.service, ID_A, SECRET_A)
  await keytar.setPassword(s.service, ID_B, SECRET_B)
}

/** The account names of the sandbox's keychain entries, as libsecret's own tool lists them. */
const entryNames = (s: Sandbox) =>
  [...s.secretTool().matchAll(/attribute\.account = (\S+)/g)].map((m) => m[1]!).filter((n) => n !== '.warifu-probe')

describe.skipIf(skip)('vault ids in keychain entry names (real keychain)', () => {
  const sandbox = useCliSandboxes()

  it('keeps two homes on one keychain service apart: no orphan notes, each its own codes', () => {
    const s = sandbox()
    const home2 = mkdtempSync(join(tmpdir(), 'warifu-cli-home2-'))
    try {
      const other = { WARIFU_HOME: home2 }
      expect(s.run(['add', `otpauth://totp/Monex:taro?secret=${SECRET_A}&issuer=Monex`]).status).toBe(0)
      expect(s.run(['add', `otpauth://totp/SBI:hanako?secret=${SECRET_B}&issuer=SBI`], { env: other }).status).toBe(0)
      for (const env of [{}, other]) {
        const listed = s.run(['list'], { env })
        expect(listed.status).toBe(0)
        expect(listed.stderr).toBe('')
        const orphans = s.run(['orphans'], { env })
        expect(orphans.stdout).toBe('No unused keychain entries.\n')
        expect(orphans.stderr).toBe('')
      }
      expect(s.run(['code', 'monex', '--at', String(AT)]).stdout).toBe(`${expectedCode(SECRET_A)}\n`)
      expect(s.run(['code', 'sbi', '--at', String(AT)], { env: other }).stdout).toBe(`${expectedCode(SECRET_B)}\n`)
      // One home cannot see, let alone adopt, the other's account.
      expect(s.run(['code', 'sbi']).status).toBe(1)
      const ids = entryNames(s)
      expect(ids).toHaveLength(2)
      expect(ids.map((n) => n.split('/')[0]).sort()).toEqual([vaultIdOf(s.home), vaultIdOf(home2)].sort())
    } finally {
      rmSync(home2, { recursive: true, force: true })
    }
  })

  it('moves a legacy vault’s entries on open and keeps its codes', async () => {
    const s = sandbox()
    await writeLegacyVault(s)
    const listed = s.run(['list'])
    expect(listed.status).toBe(0)
    expect(listed.stderr).toBe('')
    const vaultId = vaultIdOf(s.home)!
    expect(vaultId).toMatch(/^[0-9a-f]{16}$/)
    expect(entryNames(s).sort()).toEqual([`${vaultId}/${ID_A}`, `${vaultId}/${ID_B}`])
    expect(s.run(['code', 'monex', '--at', String(AT)]).stdout).toBe(`${expectedCode(SECRET_A)}\n`)
    expect(s.run(['code', 'sbi', '--at', String(AT)]).stdout).toBe(`${expectedCode(SECRET_B)}\n`)
  })

  it.each(['migrate:after-vault-id', 'migrate:after-copy'])(
    'loses nothing when the move is killed at %s',
    async (point) => {
      const s = sandbox()
      await writeLegacyVault(s)
      expect(s.run(['list'], { env: { WARIFU_CRASH_AT: point } }).signal).toBe('SIGKILL')
      const listed = s.run(['list'])
      expect(listed.status).toBe(0)
      expect(listed.stderr).toBe('')
      const vaultId = vaultIdOf(s.home)!
      expect(entryNames(s).sort()).toEqual([`${vaultId}/${ID_A}`, `${vaultId}/${ID_B}`])
      expect(s.run(['code', 'monex', '--at', String(AT)]).stdout).toBe(`${expectedCode(SECRET_A)}\n`)
      expect(s.run(['code', 'sbi', '--at', String(AT)]).stdout).toBe(`${expectedCode(SECRET_B)}\n`)
    },
  )

  it('never notes another home’s legacy entries, but offers an unclaimed one to adopt', async () => {
    const s = sandbox()
    await keytar.setPassword(s.service, 'fedcba9876543210', SECRET_A)
    const listed = s.run(['list'])
    expect(listed.status).toBe(0)
    expect(listed.stderr).toBe('')
    expect(s.run(['orphans']).stdout).toBe('fedcba9876543210\n')
    const adopted = s.run(['adopt', 'fedcba9876543210', '--issuer', 'ACME', '--label', 'alice'])
    expect(adopted.status).toBe(0)
    expect(s.run(['code', 'acme', '--at', String(AT)]).stdout).toBe(`${expectedCode(SECRET_A)}\n`)
    expect(entryNames(s)).toContain(`${vaultIdOf(s.home)}/fedcba9876543210`)
  })
})
