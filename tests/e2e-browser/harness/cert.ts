/**
 * A throwaway TLS certificate for one test run, made with Debian's `openssl`. The browser trusts it
 * only through `--ignore-certificate-errors-spki-list` (its key's SPKI hash) for the one profile the
 * test launches; nothing is added to any trust store.
 */
import { spawnSync } from 'node:child_process'
import { createHash, X509Certificate } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TestCertificate {
  key: string
  cert: string
  /** base64 SHA-256 of the DER SubjectPublicKeyInfo: the value Chromium's SPKI flag takes. */
  spkiSha256: string
}

/** A self-signed certificate for `hosts` (ASCII DNS names: punycode for an IDN), valid for two days. */
export function makeCertificate(hosts: readonly string[]): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'warifu-e2e-cert-'))
  try {
    const keyFile = join(dir, 'key.pem')
    const certFile = join(dir, 'cert.pem')
    const made = spawnSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
        ...['-days', '2', '-subj', '/CN=warifu-e2e', '-keyout', keyFile, '-out', certFile],
        ...['-addext', `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`],
      ],
      { encoding: 'utf8' },
    )
    if (made.status !== 0) throw new Error(`openssl could not make the test certificate: ${made.stderr.trim()}`)
    const cert = readFileSync(certFile, 'utf8')
    const spki = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' })
    return {
      key: readFileSync(keyFile, 'utf8'),
      cert,
      spkiSha256: createHash('sha256').update(spki).digest('base64'),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
