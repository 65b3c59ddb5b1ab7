/**
 * Sites benchmark: checking a pasted 200-line e-mail (headers, Japanese text, 60 links of every
 * kind, a different tracking host on every third line) against 200 accounts' sites, everything included (preparing the sites, extraction,
 * judging). Baseline, measured in the same run: a plain regex scan of the same text for URLs
 * and hosts, which does no judging at all. Target (issue 10): under 5 ms.
 */
import { checkText, type KnownSite } from '../../shared/sites/check'
import { median, ms, percentile, report, sample } from './measure'

// Deterministic site names: no randomness between runs or machines.
let seed = 0x5eed
function next(): number {
  seed = (seed * 1103515245 + 12345) >>> 0
  return seed
}
const SUFFIXES = ['com', 'co.jp', 'jp', 'net', 'ne.jp', 'io']
function word(): string {
  const length = 5 + (next() % 8)
  let w = ''
  for (let i = 0; i < length; i++) w += String.fromCharCode(97 + (next() % 26))
  return w
}

const REAL = ['monex.co.jp', 'sbisec.co.jp', 'rakuten-sec.co.jp', 'matsui.co.jp', 'smbcnikko.co.jp', 'github.com']
const known: KnownSite[] = []
for (let i = 0; known.length < 200; i++) {
  const site = i < REAL.length ? REAL[i]! : `${word()}.${SUFFIXES[next() % SUFFIXES.length]}`
  known.push({ site, accounts: [{ issuer: `Issuer ${i}`, label: `user${i}@example.com` }] })
}

const LINKS = [
  'https://www.monex.co.jp/',
  'https://monex.co.jp.account-verify.com/login?id=1',
  'https://sbisec-security.jp/ETGate',
  'http://rakuten-sec.net/login',
  'https://mоnex.co.jp/',
  'https://rnonex.co.jp/',
  'https://monex.co.jp@evil.example/',
  'https://bit.ly/3xYzAbC',
  'https://www.example.com/help',
  'support@sbisec.co.jp',
]
const lines: string[] = [
  'Return-Path: <bounce@mailer.evil.example>',
  'Received: from mx.evil.example (mx.evil.example [198.51.100.4])',
  'From: "マネックス証券" <info@monex-secure.com>',
  'To: taro@example.net',
  'Subject: 【重要】口座保護のための確認手続き',
  'Message-ID: <abc@mx.evil.example>',
  '',
]
for (let i = 0; lines.length < 200; i++) {
  lines.push(
    i % 3 === 0
      ? `お客様の口座を保護するため、以下のURLから確認手続きをお願いします。${LINKS[i % LINKS.length]}?n=${i}`
      : i % 3 === 1
        ? `平素より当社サービスをご利用いただき誠にありがとうございます。詳細は www.${known[i % known.length]!.site} をご覧ください。`
        : // Every newsletter's tracking links: a different unknown host on each line, the costly case.
          `配信停止はこちら https://click${i}.${word()}-mail.com/u?id=${i} またはサポート support@${word()}.jp まで`,
  )
}
const text = lines.join('\n')

const SCAN = /https?:\/\/[^\s]+|[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi
const baseline = median(await sample(() => text.match(SCAN)?.length, 200, 20))
const times = await sample(() => checkText(text, known), 200, 20)
const result = checkText(text, known)
console.log(
  `sites: a ${lines.length}-line e-mail (${text.length} characters, ${result.findings.length} findings, worst ${result.worst}) against ${known.length} sites; p95 ${ms(percentile(times, 95))}`,
)
report('checkText (median of 200)', median(times), baseline, '< 5 ms', median(times) < 5)
