/**
 * Getting accounts in through the built `warifu` on the real keychain (issue 12, items 1, 2, 3, 5,
 * 9, 15): Google Authenticator export texts through `add` (argument and pipe from `scan`),
 * duplicates refused unless --allow-duplicate, coded one-line errors for input that cannot be read,
 * `--secret -` and `add -` asking with echo off at a terminal, progress at a terminal only, and
 * other apps' files (2FAS names, # comments, Aegis v3 groups).
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatMigrationUris } from '../../shared/formats/google-migration'
import type { OtpParams } from '../../shared/otp/account'
import { useCliSandboxes } from '../support/cli-process'
import { runInTerminal } from '../support/terminal'
import { CLI, ROOT, cliBuilt, hasTool, inKeyringSession, skipUnless } from '../support/tools'

const SECRET = 'JBSWY3DPEHPK3PXP'
const MONEX = `otpauth://totp/Monex:hanako?secret=${SECRET}&issuer=Monex`
const GA_IMAGE = join(ROOT, 'tests', 'fixtures', 'qr', 'ga-export.png')
const account = (issuer: string, label: string, secret: string): OtpParams => ({
  type: 'totp',
  secret,
  issuer,
  label,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
})
const SBI = account('SBI', 'taro', 'GEZDGNBVGY3TQOJQ')
const RAKUTEN = account('Rakuten', 'jiro', 'MFRGGZDFMZTWQ2LK')
const [MIGRATION] = formatMigrationUris([SBI, RAKUTEN], 7).uris as [string]

const skip = skipUnless(
  inKeyringSession() && cliBuilt() && hasTool('script'),
  'a Secret Service keyring (tests/with-keyring.sh), the built CLI and script (util-linux)',
)

type Listed = { id: string; issuer: string; label: string; tags?: string[] }

describe.skipIf(skip)('warifu add and import: getting accounts in', () => {
  const sandbox = useCliSandboxes()
  const list = (s: ReturnType<typeof sandbox>) => JSON.parse(s.run(['list', '--json']).stdout) as Listed[]

  describe('Google Authenticator export texts (item 1)', () => {
    it('add of an otpauth-migration:// argument imports it with the preview, the new ids last', () => {
      const s = sandbox()
      const r = s.run(['add', MIGRATION])
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
      const saved = list(s)
      expect(saved.map((a) => [a.issuer, a.label])).toEqual([
        ['SBI', 'taro'],
        ['Rakuten', 'jiro'],
      ])
      expect(r.stdout).toBe(
        [
          'add        SBI / taro (TOTP, SHA1, 6 digits, 30 s)',
          'add        Rakuten / jiro (TOTP, SHA1, 6 digits, 30 s)',
          'Added 2 account(s).',
          ...saved.map((a) => a.id),
          '',
        ].join('\n'),
      )
    })

    it('warifu scan export.png | warifu add - adds the export', () => {
      const s = sandbox()
      const scanned = s.run(['scan', GA_IMAGE])
      expect(scanned.status).toBe(0)
      expect(scanned.stdout).toMatch(/^otpauth-migration:\/\//)
      const r = s.run(['add', '-'], { stdin: scanned.stdout })
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
      expect(r.stdout).toContain('Added 10 account(s).')
      expect(list(s).map((a) => a.issuer)).toEqual(Array.from({ length: 10 }, (_, i) => `Example Broker ${i}`))
    })

    it('add - of several otpauth links (scan of an image with two codes) adds each of them', () => {
      const s = sandbox()
      const scanned = s.run(['scan', join(ROOT, 'tests', 'fixtures', 'qr', 'two-codes.png')])
      expect(scanned.stdout.trim().split('\n')).toHaveLength(2)
      const r = s.run(['add', '-'], { stdin: scanned.stdout })
      expect(r.status).toBe(0)
      expect(r.stdout).toContain('Added 2 account(s).')
      expect(
        list(s)
          .map((a) => a.issuer)
          .sort(),
      ).toEqual(['Broker 4', 'Broker 5'])
    })

    it('import takes the export text as an argument and from standard input, never echoing it', () => {
      const s = sandbox()
      const r = s.run(['import', MIGRATION, '--yes'])
      expect(r.status).toBe(0)
      expect(r.stdout + r.stderr).not.toContain('otpauth')
      const other = sandbox()
      const piped = other.run(['import', '-', '--yes'], { stdin: `${MIGRATION}\n` })
      expect(piped.status).toBe(0)
      expect(list(other)).toHaveLength(2)
    })

    it('an export whose accounts are all saved already is refused like one account (exit 1)', () => {
      const s = sandbox()
      expect(s.run(['add', MIGRATION]).status).toBe(0)
      const [first] = list(s)
      const again = s.run(['add', MIGRATION])
      expect(again.status).toBe(1)
      expect(again.stderr).toBe(
        `warifu: all 2 accounts are already saved (the first as "SBI (taro)" (id ${first!.id})); add --allow-duplicate to save them again [DUPLICATE_ACCOUNT]\n`,
      )
      expect(list(s)).toHaveLength(2)
      expect(s.run(['add', MIGRATION, '--allow-duplicate']).status).toBe(0)
      expect(list(s)).toHaveLength(4)
    })

    it('refuses --site with an export (it is for one account) before reading anything', () => {
      const s = sandbox()
      const r = s.run(['add', MIGRATION, '--site', 'sbisec.co.jp'])
      expect(r.status).toBe(2)
      expect(r.stderr).toBe(
        'warifu: --site is for one account; add sites after with "warifu site add <id> <domain>". [USAGE]\n',
      )
      expect(list(s)).toEqual([])
    })
  })

  describe('duplicates (item 5)', () => {
    it('refuses the same account twice with the saved one named, and --allow-duplicate saves it', () => {
      const s = sandbox()
      const first = s.run(['add', MONEX])
      expect(first.status).toBe(0)
      const id = first.stdout.trim().split('\n').pop()!
      const again = s.run(['add', MONEX])
      expect(again.status).toBe(1)
      expect(again.stdout).toBe('')
      expect(again.stderr).toBe(
        `warifu: already saved as "Monex (hanako)" (id ${id}); add --allow-duplicate to save it again [DUPLICATE_ACCOUNT]\n`,
      )
      // The same through a typed key.
      const typed = s.run(['add', '--secret', '-', '--issuer', 'Monex', '--label', 'hanako'], { stdin: SECRET })
      expect(typed.status).toBe(1)
      expect(typed.stderr).toContain('[DUPLICATE_ACCOUNT]')
      expect(list(s)).toHaveLength(1)

      const allowed = s.run(['add', MONEX, '--allow-duplicate'])
      expect(allowed.status).toBe(0)
      expect(allowed.stderr).toContain(`warifu: note: saved again; the same account is also saved as ${id}.`)
      expect(list(s)).toHaveLength(2)
    })

    it('import leaves a saved account out, says how to import it again, and --allow-duplicate does', () => {
      const s = sandbox()
      const id = s.run(['add', MONEX]).stdout.trim().split('\n').pop()!
      const again = s.run(['import', MONEX, '--yes'])
      expect(again.status).toBe(0)
      expect(again.stdout).toBe(
        `duplicate  Monex / hanako (TOTP, SHA1, 6 digits, 30 s) (saved as ${id})\nNothing to add.\n`,
      )
      expect(again.stderr).toBe(
        'warifu: note: every account in it is saved already; --allow-duplicate imports them again.\n',
      )
      expect(list(s)).toHaveLength(1)
      const allowed = s.run(['import', MONEX, '--yes', '--allow-duplicate'])
      expect(allowed.status, allowed.stderr).toBe(0)
      expect(allowed.stdout).toContain('Added 1 account(s).')
      expect(list(s)).toHaveLength(2)
    })

    it('another label or key is not a duplicate', () => {
      const s = sandbox()
      expect(s.run(['add', MONEX]).status).toBe(0)
      expect(s.run(['add', MONEX.replace('hanako', 'taro')]).status).toBe(0)
      expect(s.run(['add', MONEX.replace(SECRET, 'GEZDGNBVGY3TQOJQ')]).status).toBe(0)
      expect(list(s)).toHaveLength(3)
    })
  })

  describe('input that cannot be read (item 2)', () => {
    it('says so in one coded line, exit 1, for empty standard input and a file that cannot be opened', () => {
      const s = sandbox()
      const empty = s.run(['import', '-'], { stdin: '' })
      expect(empty.status).toBe(1)
      expect(empty.stderr).toBe('warifu: standard input is empty: there is nothing to import. [BACKUP_UNSUPPORTED]\n')
      const blank = s.run(['import', '-'], { stdin: '\n  \n' })
      expect(blank.stderr).toBe(empty.stderr)

      symlinkSync('loop', join(s.files, 'loop'))
      const loop = s.run(['import', join(s.files, 'loop')])
      expect(loop.status).toBe(1)
      expect(loop.stderr).toBe('warifu: loop: The file cannot be opened (ELOOP). [FILE_UNREADABLE]\n')

      mkdirSync(join(s.files, 'folder'))
      const folder = s.run(['import', join(s.files, 'folder'), '--yes'])
      expect(folder.stderr).toBe('warifu: folder: That is a folder, not a file. [FILE_UNREADABLE]\n')
      const unnamed = s.run(['import', ''])
      expect(unnamed.stderr).toBe('warifu: a file: The file does not exist. [FILE_UNREADABLE]\n')
      writeFileSync(join(s.files, 'bad.txt'), Buffer.from([0x6f, 0x74, 0x70, 0xff, 0xfe, 0x0a]))
      const badText = s.run(['import', join(s.files, 'bad.txt')])
      expect(badText.status).toBe(1)
      expect(badText.stderr).toBe('warifu: bad.txt: The file is not valid UTF-8 text. [BACKUP_CORRUPT]\n')
      expect(s.run(['add', '-'], { stdin: '' }).status).toBe(1)
      expect(list(s)).toEqual([])
    })

    it('says "no permission" for a file the user may not read', (context) => {
      // root reads any file whatever its mode: there is nothing to refuse.
      if (process.getuid?.() === 0) {
        console.warn('[skip] running as root, which can read any file: the no-permission case is not testable here.')
        context.skip()
      }
      const s = sandbox()
      const file = join(s.files, 'secret.txt')
      writeFileSync(file, MONEX, { mode: 0o000 })
      const r = s.run(['import', file])
      expect(r.status).toBe(1)
      expect(r.stderr).toBe('warifu: secret.txt: The file cannot be opened (no permission). [FILE_UNREADABLE]\n')
    })
  })

  describe('at a terminal (items 3 and 9)', () => {
    it('add --secret - asks "Setup key: " without echo and finishes at Enter', async () => {
      const s = sandbox()
      const run = await runInTerminal(
        [process.execPath, CLI, 'add', '--secret', '-', '--issuer', 'Monex', '--label', 'hanako'],
        s.env,
        [{ prompt: 'Setup key: ', type: 'JBSW Y3DP EHPK 3PXP\r' }],
      )
      expect(run.status).toBe(0)
      expect(run.screen).toContain('Added Monex / hanako: SHA1, 6 digits, every 30 s')
      expect(run.screen).not.toMatch(/JBSW|Y3DP|EHPK/)
      // The key typed is the one saved: the code matches one from the same key given directly.
      const code = s.run(['code', 'monex', '--at', '59']).stdout.trim().split(/\s/)[0]
      const direct = s.run(['code', '--uri', MONEX, '--at', '59']).stdout.trim()
      expect(code).toBe(direct)
    })

    it('add - asks for the link without echo', async () => {
      const s = sandbox()
      const run = await runInTerminal([process.execPath, CLI, 'add', '-'], s.env, [
        { prompt: 'otpauth link: ', type: `${MONEX}\r` },
      ])
      expect(run.status).toBe(0)
      expect(run.screen).not.toContain(SECRET)
      expect(list(s).map((a) => a.issuer)).toEqual(['Monex'])
    })

    it('import - at a terminal asks for one link without echo', async () => {
      const s = sandbox()
      const run = await runInTerminal([process.execPath, CLI, 'import', '-', '--yes'], s.env, [
        { prompt: 'otpauth link: ', type: `${MIGRATION}\r` },
      ])
      expect(run.status).toBe(0)
      expect(run.screen).not.toContain('otpauth-migration')
      expect(run.screen).toContain('Added 2 account(s).')
    })

    it('import asks before adding at a terminal: "n" adds nothing (exit 1, not a usage error), "y" adds', async () => {
      const s = sandbox()
      const question = 'Add 2 account(s)? [y/N] '
      const no = await runInTerminal([process.execPath, CLI, 'import', MIGRATION], s.env, [
        { prompt: question, type: 'n\r' },
      ])
      expect(no.status).toBe(1)
      expect(no.screen).toContain('warifu: Cancelled; nothing was added. [NOT_CONFIRMED]')
      expect(list(s)).toEqual([])
      const yes = await runInTerminal([process.execPath, CLI, 'import', MIGRATION], s.env, [
        { prompt: question, type: 'y\r' },
      ])
      expect(yes.status).toBe(0)
      expect(list(s)).toHaveLength(2)
      // No terminal to ask, and no --yes: a usage error that adds nothing.
      const other = sandbox()
      const script = other.run(['import', MIGRATION])
      expect(script.status).toBe(2)
      expect(script.stderr).toBe('warifu: Add --yes to import without the question (no terminal to ask). [USAGE]\n')
      expect(list(other)).toEqual([])
    })

    it('Ctrl+C at the setup key prompt saves nothing', async () => {
      const s = sandbox()
      const run = await runInTerminal(
        [process.execPath, CLI, 'add', '--secret', '-', '--issuer', 'Monex', '--label', 'hanako'],
        s.env,
        [{ prompt: 'Setup key: ', type: 'JBSW\u0003' }],
      )
      expect(run.status).not.toBe(0)
      expect(run.screen).toContain('Cancelled')
      expect(list(s)).toEqual([])
    })

    it('scan and import show progress on stderr at a terminal, and say when the image is downscaled', async () => {
      const s = sandbox()
      // The threshold is injected (0 ms) so the line shows at once instead of after a second.
      const env = { ...s.env, WARIFU_PROGRESS_AFTER_MS: '0' }
      const scan = await runInTerminal([process.execPath, CLI, 'scan', GA_IMAGE], env, [])
      expect(scan.status).toBe(0)
      expect(scan.screen).toContain('Reading ')
      expect(scan.screen).toContain('Decoding 720×900 image, downscaling…')
      // The line is erased before the result is printed.
      expect(scan.screen).toMatch(/\r\u001b\[Kotpauth-migration:\/\//)

      const imported = await runInTerminal([process.execPath, CLI, 'import', GA_IMAGE, '--yes'], env, [])
      expect(imported.status).toBe(0)
      expect(imported.screen).toContain('Reading ga-export.png…')
      expect(imported.screen).toContain('Decoding 720×900 image, downscaling…')
      expect(imported.screen).toContain('Added 10 account(s).')
    })

    it('shows no progress when stderr is not a terminal', () => {
      const s = sandbox()
      const r = s.run(['scan', GA_IMAGE], { env: { WARIFU_PROGRESS_AFTER_MS: '0' } })
      expect(r.status).toBe(0)
      expect(r.stderr).toBe('')
      const imported = s.run(['import', GA_IMAGE, '--yes'], { env: { WARIFU_PROGRESS_AFTER_MS: '0' } })
      expect(imported.stderr).toBe('')
    })
  })

  describe('other apps\u2019 files (item 15)', () => {
    it('imports a 2FAS export under the name the user saw, a list with # comments, and Aegis v3 groups as tags', () => {
      const s = sandbox()
      const twofas = join(s.files, 'export.2fas')
      writeFileSync(
        twofas,
        JSON.stringify({
          schemaVersion: 4,
          services: [{ name: 'Example 1', secret: SECRET, otp: { issuer: 'Ledgy', account: 'hanako' } }],
        }),
      )
      const listFile = join(s.files, 'links.txt')
      writeFileSync(listFile, `# my accounts, kept by hand\n${MONEX.replace('hanako', 'taro')}\n# end\n`)
      const aegis = join(s.files, 'aegis.json')
      writeFileSync(aegis, aegisV3File())
      const r = s.run(['import', twofas, listFile, aegis, '--yes'])
      expect(r.stderr).toBe('')
      expect(r.stdout).not.toContain('skip')
      expect(r.status).toBe(0)
      expect(list(s).map((a) => [a.issuer, a.label, a.tags])).toEqual([
        ['Example 1', 'hanako', undefined],
        ['Monex', 'taro', undefined],
        ['SBI', 'jiro', ['証券']],
      ])
    })

    it('exports tags as Aegis v3 groups, and another vault imports them back as tags', () => {
      const s = sandbox()
      const aegis = join(s.files, 'aegis.json')
      writeFileSync(aegis, aegisV3File())
      expect(s.run(['import', aegis, '--yes']).status).toBe(0)
      const out = join(s.files, 'plain.json')
      const exported = s.run(['export', '--format', 'aegis-plain', '--out', out, '--yes-write-plain-secrets'])
      expect(exported.status).toBe(0)
      const db = (JSON.parse(readFileSync(out, 'utf8')) as { db: Record<string, unknown> }).db
      expect(db.version).toBe(3)
      const groups = db.groups as { uuid: string; name: string }[]
      expect(groups.map((g) => g.name)).toEqual(['証券'])
      expect((db.entries as { groups: string[] }[]).map((e) => e.groups)).toEqual([[groups[0]!.uuid]])

      const other = sandbox()
      expect(other.run(['import', out, '--yes']).status).toBe(0)
      expect(list(other).map((a) => a.tags)).toEqual([['証券']])
    })
  })
})

/** A plain Aegis vault as Aegis itself writes it now: content version 3, one entry in group 証券. */
function aegisV3File(): string {
  return JSON.stringify({
    version: 1,
    header: { slots: null, params: null },
    db: {
      version: 3,
      groups: [{ uuid: '01234567-89ab-4def-8123-456789abcdef', name: '証券' }],
      entries: [
        {
          type: 'totp',
          uuid: '11234567-89ab-4def-8123-456789abcdef',
          name: 'jiro',
          issuer: 'SBI',
          note: '',
          favorite: false,
          icon: null,
          info: { secret: 'GEZDGNBVGY3TQOJQ', algo: 'SHA1', digits: 6, period: 30 },
          groups: ['01234567-89ab-4def-8123-456789abcdef'],
        },
      ],
    },
  })
}
