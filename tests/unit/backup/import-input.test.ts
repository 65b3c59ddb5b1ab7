/**
 * What an import is given besides a good file: a missing file, a folder, a FIFO, standard input
 * and links as arguments. `warifu import` said "unexpected Error" for the first three and `-`
 * (issue 9); the app's import session reads files through the same helper as scan:open-image.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { previewImport } from '../../../electron/backup/import'
import { runCli } from '../../../electron/cli/cli'
import type { CliIo } from '../../../electron/cli/io'
import { Vault } from '../../../electron/vault/vault'
import { base64Encode } from '../../../shared/formats/encoding'
import { ProtoWriter } from '../../../shared/formats/protobuf'
import { MemorySecretStore } from '../../support/memory-secret-store'
import { useTempDir } from '../../support/temp-dir'
import { hasTool, skipUnless } from '../../support/tools'

const URI = 'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME'
const URI2 = 'otpauth://totp/Monex:taro?secret=GEZDGNBVGY3TQOJQ&issuer=Monex'
const SECRET_NAME = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU'

function migrationUri(): string {
  const account = new ProtoWriter()
    .bytes(1, Uint8Array.from([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]))
    .bytes(2, new TextEncoder().encode('Example:bob'))
    .bytes(3, new TextEncoder().encode('Example'))
    .uint(4, 1)
    .uint(5, 1)
    .uint(6, 2)
    .finish()
  const payload = new ProtoWriter().bytes(1, account).uint(2, 1).uint(3, 1).uint(4, 0).uint(5, 3).finish()
  return `otpauth-migration://offline?data=${encodeURIComponent(base64Encode(payload))}`
}

function harness(dir: string, stdin = '') {
  const out: string[] = []
  const err: string[] = []
  const store = new MemorySecretStore()
  const open = () => Vault.open({ dir: join(dir, 'data'), store, now: () => 59_000 })
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readStdin: () => Promise.resolve(stdin),
    now: () => 59_000,
    openVault: open,
  }
  return { out, err, open, run: (...argv: string[]) => runCli(argv, io) }
}

const noFifo = skipUnless(hasTool('mkfifo'), 'mkfifo')

describe('import input other than a good file', () => {
  const tempDir = useTempDir()

  it('says a missing file does not exist, in the CLI and in the app', async () => {
    const dir = tempDir()
    const h = harness(dir)
    expect(await h.run('import', join(dir, 'missing.json'))).toBe(1)
    expect(h.err).toEqual(['warifu: missing.json: The file does not exist. [FILE_UNREADABLE]'])
    await expect(previewImport(await h.open(), [{ kind: 'file', path: join(dir, 'gone.json') }])).rejects.toMatchObject(
      { code: 'FILE_UNREADABLE' },
    )
  })

  it('says a folder is a folder', async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'folder'))
    const h = harness(dir)
    expect(await h.run('import', join(dir, 'folder'))).toBe(1)
    expect(h.err).toEqual(['warifu: folder: That is a folder, not a file. [FILE_UNREADABLE]'])
  })

  it.skipIf(noFifo)('refuses a FIFO without waiting for a writer', async () => {
    const dir = tempDir()
    const fifo = join(dir, 'pipe')
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0)
    const h = harness(dir)
    expect(await h.run('import', fifo)).toBe(1)
    expect(h.err).toEqual(['warifu: pipe: That is not a regular file (a pipe or a device). [FILE_UNREADABLE]'])
  })

  it('never shows a file name that may hold a secret', async () => {
    const dir = tempDir()
    const h = harness(dir)
    expect(await h.run('import', join(dir, `${SECRET_NAME}.json`))).toBe(1)
    expect(h.err.join('\n')).not.toContain(SECRET_NAME.slice(0, 16))
    expect(h.err).toEqual(['warifu: a file: The file does not exist. [FILE_UNREADABLE]'])
  })

  it('reads otpauth and export-code links from standard input with "-"', async () => {
    const dir = tempDir()
    const h = harness(dir, `${URI}\n\n${migrationUri()}\n`)
    expect(await h.run('import', '-', '--yes')).toBe(0)
    expect(h.out.at(-1)).toBe('Added 2 account(s).')
    expect((await h.open()).list().map((a) => a.label)).toEqual(['alice', 'bob'])
  })

  it('reads an otpauth:// or otpauth-migration:// argument as a link, not a file name', async () => {
    const dir = tempDir()
    const h = harness(dir)
    expect(await h.run('import', URI2, migrationUri(), '--yes')).toBe(0)
    expect(h.out.at(-1)).toBe('Added 2 account(s).')
    expect(h.err.join('\n')).not.toContain('GEZDGNBVGY3TQOJQ')
  })

  it('takes "-" once only', async () => {
    const h = harness(tempDir(), URI)
    expect(await h.run('import', '-', '-', '--yes')).toBe(2)
    expect(h.err[0]).toMatch(/\[USAGE\]$/)
  })
})
