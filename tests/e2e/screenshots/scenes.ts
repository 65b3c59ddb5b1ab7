/**
 * The accounts and clock the UI screenshots, UI tests and the UI bench show: realistic names in
 * English and Japanese, a fixed clock so the codes and countdowns in a screenshot never change.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { PNG } from 'pngjs'
import QRCode from 'qrcode'
import { ROOT } from '../../support/tools'

/** Where screenshots go (gitignored). */
export const SHOTS_DIR = join(ROOT, 'tests', 'artifacts', 'screenshots')

/** 2023-11-14T22:13:33Z: 27 s left in a 30 s period. */
export const AT_27_LEFT = 1_700_000_013_000
/** 4 s left in a 30 s period: the next code shows. */
export const AT_4_LEFT = 1_700_000_036_000

/** Base32 test secrets (not anyone's real key). */
const S = [
  'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
  'KRUGS4ZANFZSAYJAORSXG5BAONSWG4TF',
  'ORSXG5DTMVRXEZLUNVQWY2LDMVQWY2LD',
  'NBSWY3DPEB3W64TMMQQHI2LNMUQGC3TE',
  'OBQXG43XN5ZGIIDBNZSCA43FMNZGK5BA',
  'IFBEGRCFIZDUQSKKJNGE2TSPKBIVEUZU',
]

/** The demo list: a mix of services, one 8-digit 60 s account and one counter-based account. */
export const DEMO_ACCOUNTS: string[] = [
  `otpauth://totp/GitHub:alice%40example.com?secret=${S[0]}&issuer=GitHub`,
  `otpauth://totp/Google:alice.tanaka%40gmail.com?secret=${S[1]}&issuer=Google`,
  `otpauth://totp/%E6%A5%BD%E5%A4%A9%E8%A8%BC%E5%88%B8:ZX1234567?secret=${S[2]}&issuer=%E6%A5%BD%E5%A4%A9%E8%A8%BC%E5%88%B8`,
  `otpauth://totp/Amazon%20Web%20Services:root%40example-corp?secret=${S[3]}&issuer=Amazon%20Web%20Services`,
  `otpauth://totp/SBI%E8%A8%BC%E5%88%B8:tanaka.hanako?secret=${S[4]}&issuer=SBI%E8%A8%BC%E5%88%B8`,
  `otpauth://totp/Example%20Bank:0012-345678?secret=${S[5]}&issuer=Example%20Bank&digits=8&period=60&algorithm=SHA256`,
  `otpauth://totp/Dropbox:alice%40example.com?secret=${S[6]}&issuer=Dropbox`,
  `otpauth://hotp/Legacy%20VPN:alice?secret=${S[7]}&issuer=Legacy%20VPN&counter=5`,
]

/** A setup QR a site would show (for the paste / scan-result shots). */
export const SETUP_URI =
  'otpauth://totp/%E3%83%9E%E3%83%8D%E3%83%BC%E3%83%95%E3%82%A9%E3%83%AF%E3%83%BC%E3%83%89:hanako%40example.jp?secret=JBSWY3DPEHPK3PXP&issuer=%E3%83%9E%E3%83%8D%E3%83%BC%E3%83%95%E3%82%A9%E3%83%AF%E3%83%BC%E3%83%89'

/** A マネックス証券 setup QR (issue 10: its issuer proposes monex.co.jp). */
export const MONEX_URI =
  'otpauth://totp/%E3%83%9E%E3%83%8D%E3%83%83%E3%82%AF%E3%82%B9%E8%A8%BC%E5%88%B8:taro?secret=ONSWG4TFOQYTEMZU&issuer=%E3%83%9E%E3%83%8D%E3%83%83%E3%82%AF%E3%82%B9%E8%A8%BC%E5%88%B8'

/** An SBI証券 account (a second known issuer for the one-time site suggestion). */
export const SBI_URI =
  'otpauth://totp/SBI%E8%A8%BC%E5%88%B8:hanako?secret=MZXW6YTBOI2DMNZY&issuer=SBI%E8%A8%BC%E5%88%B8'

/** n accounts with distinct names and secrets (the bench's 200). */
export function manyAccounts(n: number): string[] {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  return Array.from({ length: n }, (_, i) => {
    let secret = ''
    for (let k = 0, x = i * 2654435761 + 12345; k < 32; k++, x = (x * 1103515245 + 12345) % 2 ** 31) {
      secret += alphabet[x % 32]
    }
    return `otpauth://totp/Service%20${i}:user${i}%40example.com?secret=${secret}&issuer=Service%20${i}`
  })
}

/** Saves a PNG of the page under SHOTS_DIR and returns its path. */
export async function shoot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SHOTS_DIR, { recursive: true })
  const path = join(SHOTS_DIR, `${name}.png`)
  // The caret and the toast's fade would make shots differ run to run.
  await page.screenshot({ path, animations: 'disabled', caret: 'hide', fullPage: options.fullPage ?? false })
  return path
}

/** Two QR codes side by side in one PNG (a page that shows several). */
export async function twoQrPng(a: string, b: string): Promise<Buffer> {
  const left = PNG.sync.read(await QRCode.toBuffer(a, { scale: 5 }))
  const right = PNG.sync.read(await QRCode.toBuffer(b, { scale: 5 }))
  const out = new PNG({ width: left.width + right.width + 40, height: Math.max(left.height, right.height) })
  out.data.fill(255)
  PNG.bitblt(left, out, 0, 0, left.width, left.height, 0, 0)
  PNG.bitblt(right, out, 0, 0, right.width, right.height, left.width + 40, 0)
  return PNG.sync.write(out)
}
