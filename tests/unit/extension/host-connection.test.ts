import { describe, expect, it } from 'vitest'
import {
  HOST_ANSWER_MS,
  HOST_IDLE_MS,
  HostConnection,
  type NativePort,
} from '../../../extension/background/host-connection'

/** A fake native port and clock: what was posted, answers and disconnects on demand, timers run by hand. */
function fake() {
  const ports: { posted: unknown[]; disconnected: boolean; answer(m: unknown): void; drop(): void }[] = []
  let lastError: string | undefined
  let now = 0
  const timers = new Map<number, { at: number; run: () => void }>()
  let nextTimer = 1
  const connection = new HostConnection({
    connect: (): NativePort => {
      const onMessage: ((m: unknown) => void)[] = []
      const onDisconnect: (() => void)[] = []
      const record = {
        posted: [] as unknown[],
        disconnected: false,
        answer: (m: unknown) => onMessage.forEach((l) => l(m)),
        drop: () => onDisconnect.forEach((l) => l()),
      }
      ports.push(record)
      return {
        postMessage: (m) => record.posted.push(m),
        disconnect: () => {
          record.disconnected = true
        },
        onMessage: { addListener: (l) => onMessage.push(l) },
        onDisconnect: { addListener: (l) => onDisconnect.push(l) },
      }
    },
    lastError: () => lastError,
    setTimer: (run, ms) => {
      timers.set(nextTimer, { at: now + ms, run })
      return nextTimer++
    },
    clearTimer: (id) => timers.delete(id as number),
  })
  const advance = (ms: number) => {
    now += ms
    for (const [id, t] of [...timers]) {
      if (t.at <= now) {
        timers.delete(id)
        t.run()
      }
    }
  }
  return { connection, ports, advance, setLastError: (m: string) => (lastError = m) }
}

const ASK = { v: 1, type: 'code-for-page', url: 'https://monex.co.jp/' } as const

describe('extension HostConnection', () => {
  it('starts the host once and asks a second question over the same port while warm', async () => {
    const { connection, ports } = fake()
    const first = connection.ask(ASK)
    ports[0]!.answer({ v: 1, type: 'no-account' })
    expect(await first).toEqual({ ok: true, response: { v: 1, type: 'no-account' } })
    const second = connection.ask(ASK)
    ports[0]!.answer({ v: 1, type: 'access-removed' })
    expect(await second).toEqual({ ok: true, response: { v: 1, type: 'access-removed' } })
    expect(ports).toHaveLength(1)
    expect(ports[0]!.posted).toEqual([ASK, ASK])
  })

  it('closes the port after a minute idle, and starts the host again on the next question', async () => {
    const { connection, ports, advance } = fake()
    const first = connection.ask(ASK)
    ports[0]!.answer({ v: 1, type: 'no-account' })
    await first
    advance(HOST_IDLE_MS - 1)
    expect(ports[0]!.disconnected).toBe(false)
    advance(1)
    expect(ports[0]!.disconnected).toBe(true)
    expect(connection.isOpen).toBe(false)
    void connection.ask(ASK)
    expect(ports).toHaveLength(2)
  })

  it('answers "host missing" when the browser finds no host manifest', async () => {
    const { connection, ports, setLastError } = fake()
    const answer = connection.ask(ASK)
    setLastError('Specified native messaging host not found.')
    ports[0]!.drop()
    expect(await answer).toEqual({ ok: false, hostMissing: true, code: 'HOST_NOT_INSTALLED' })
    expect(connection.isOpen).toBe(false)
  })

  it('gives up on a host that does not answer, and never leaves a question hanging', async () => {
    const { connection, ports, advance } = fake()
    const answer = connection.ask(ASK)
    advance(HOST_ANSWER_MS)
    expect(await answer).toEqual({ ok: false, hostMissing: false, code: 'HOST_TIMEOUT' })
    expect(ports[0]!.disconnected).toBe(true)
  })

  it('turns a malformed answer into an error, not a fill', async () => {
    const { connection, ports } = fake()
    const answer = connection.ask(ASK)
    ports[0]!.answer({ v: 1, type: 'code', code: '<img src=x>', secondsLeft: 1, period: 30, name: 'n', site: 's.jp' })
    expect(await answer).toEqual({ ok: false, hostMissing: false, code: 'BAD_HOST_ANSWER' })
  })
})
