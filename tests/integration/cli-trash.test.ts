/**
 * Recently deleted through the built `warifu` command on the real keychain (gnome-keyring inside
 * tests/with-keyring.sh): remove keeps the secret, restore brings the account back, remove --forever
 * deletes it, and a process killed at each step of a purge loses nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useCliSandboxes } from '../support/cli-process'
import { cliBuilt, hasTool, inKeyringSession, skipUnless } from '../support/tools'

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
const URI = `otpauth://totp/Monex:taro?secret=${SECRET}&issuer=Monex`
const OTHER = 'otpauth://totp/SBI:hanako?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=SBI'
const skip = skipUnless(
  inKeyringSession() && cliBuilt() && hasTool('secret-tool'),
  'a Secret Service keyring (tests/with-keyring.sh) and the built CLI',
)

describe.skipIf(skip)('warifu CLI: Recently deleted on the real keychain', () => {
  const sandbox = useCliSandboxes()
  const idOf = (stdout: string) => stdout.trim().split('\n').at(-1)!

  it('removes to Recently deleted, keeping the secret, and restores by search', () => {
    const s = sandbox()
    const id = idOf(s.run(['add', URI]).stdout)
    const other = idOf(s.run(['add', OTHER]).stdout)

    const removed = s.run(['remove', id])
    expect(removed.status).toBe(0)
    expect(removed.stdout).toBe(`Moved Monex / taro to Recently deleted\nUndo within 30 days: warifu restore ${id}\n`)
    expect(s.secretTool()).toContain(`secret = ${SECRET}`)
    expect(JSON.parse(s.run(['list', '--json']).stdout)).toEqual([expect.objectContaining({ id: other })])
    expect(s.run(['code', 'monex']).stderr).toMatch(/\[ACCOUNT_NOT_FOUND\]/)
    // Its secret is its own, not an orphan.
    expect(s.run(['orphans']).stdout.trim()).toBe('No unused keychain entries.')

    const deleted = s.run(['deleted'])
    expect(deleted.stdout).toMatch(
      new RegExp(`^${id}\\tMonex\\ttaro\\tdeleted \\d{4}-\\d{2}-\\d{2}\\t30 days left\\n$`),
    )
    expect(s.run(['list', '--deleted']).stdout).toBe(deleted.stdout)
    expect(JSON.parse(s.run(['deleted', '--json']).stdout)).toEqual([
      expect.objectContaining({ id, issuer: 'Monex', daysLeft: 30, deletedAt: expect.any(String) }),
    ])
    expect(deleted.stdout + s.run(['deleted', '--json']).stdout).not.toContain(SECRET)

    const restored = s.run(['restore', 'monex'])
    expect(restored.status).toBe(0)
    expect(restored.stdout).toBe(`Restored Monex / taro\n${id}\n`)
    const ids = (JSON.parse(s.run(['list', '--json']).stdout) as { id: string }[]).map((a) => a.id)
    expect(ids).toEqual([id, other])
    expect(s.run(['code', 'monex']).status).toBe(0)
    expect(s.run(['deleted']).stdout).toBe('Recently deleted is empty.\n')
    expect(s.run(['restore', 'monex']).stderr).toMatch(
      /Nothing in Recently deleted matches that search\. \[ACCOUNT_NOT_FOUND\]/,
    )
  })

  it('deletes forever only what is already in Recently deleted, secret included', () => {
    const s = sandbox()
    const id = idOf(s.run(['add', URI]).stdout)
    const live = s.run(['remove', '--forever', id])
    expect(live.status).toBe(2)
    expect(live.stderr).toMatch(/not in Recently deleted: run "warifu remove <id>" first/)
    expect(s.secretTool()).toContain(`secret = ${SECRET}`)

    s.run(['remove', id])
    const gone = s.run(['remove', '--forever', id.slice(0, 6)])
    expect(gone.status).toBe(0)
    expect(gone.stdout).toBe('Deleted Monex / taro for good\n')
    expect(s.secretTool()).not.toContain(SECRET)
    expect(s.run(['deleted', '--json']).stdout.trim()).toBe('[]')
    expect(readFileSync(join(s.home, 'vault.json'), 'utf8')).not.toContain(id)
  })

  it('purges an account removed 30 days ago when the vault is next opened', () => {
    const s = sandbox()
    const id = idOf(s.run(['add', URI]).stdout)
    s.run(['remove', id])
    const file = join(s.home, 'vault.json')
    const vault = JSON.parse(readFileSync(file, 'utf8')) as { accounts: { deletedAt?: string }[] }
    vault.accounts[0]!.deletedAt = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000 - 1000).toISOString()
    writeFileSync(file, JSON.stringify(vault))
    expect(s.secretTool()).toContain(SECRET)
    const listed = s.run(['list'])
    expect(listed.status).toBe(0)
    expect(listed.stderr).toBe('')
    expect(s.secretTool()).not.toContain(SECRET)
    expect(readFileSync(file, 'utf8')).not.toContain(id)
  })

  describe('a purge killed at each step loses nothing and is finished by the next command', () => {
    it.each(['purge:after-pending', 'purge:after-keychain'])('killed at %s', (point) => {
      const s = sandbox()
      const id = idOf(s.run(['add', URI]).stdout)
      const other = idOf(s.run(['add', OTHER]).stdout)
      s.run(['remove', id])
      const killed = s.run(['remove', '--forever', id], { env: { WARIFU_CRASH_AT: point } })
      expect(killed.signal).toBe('SIGKILL')
      expect(readFileSync(join(s.home, 'vault.json'), 'utf8')).toContain('"pending": "remove"')
      // The other account is untouched all along.
      expect(s.secretTool()).toContain('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')

      const listed = s.run(['list', '--json'])
      expect(listed.status).toBe(0)
      expect(listed.stderr).toMatch(/interrupted removal of "Monex \/ taro" was completed/)
      expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id: other })])
      expect(s.secretTool()).not.toContain(SECRET)
      expect(s.run(['deleted', '--json']).stdout.trim()).toBe('[]')
      expect(s.run(['orphans']).stdout.trim()).toBe('No unused keychain entries.')
      expect(readFileSync(join(s.home, 'vault.json'), 'utf8')).not.toContain('pending')
    })
  })
})
