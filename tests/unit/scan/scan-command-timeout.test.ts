import { describe, expect, it, vi } from 'vitest'
import { runCli } from '../../../electron/cli/cli'
import type { CliIo } from '../../../electron/cli/io'
import { ImageDecodeTimeoutError } from '../../../shared/errors'

// The decode worker's time limit, without waiting for it: the worker is replaced by its answer.
vi.mock('../../../electron/scan/scan-file', () => ({
  scanImageFile: () =>
    Promise.reject(new ImageDecodeTimeoutError('The image took over 30 s to decode; it was stopped.')),
}))

describe('warifu scan when an image times out', () => {
  it('names the file and ends with IMAGE_DECODE_TIMEOUT', async () => {
    const err: string[] = []
    const io: CliIo = {
      out: () => {},
      err: (l) => err.push(l),
      readStdin: () => Promise.resolve(''),
      now: () => 0,
      openVault: () => Promise.reject(new Error('scan never opens the vault')),
    }
    expect(await runCli(['scan', 'slow.png'], io)).toBe(1)
    expect(err).toEqual([
      'warifu: slow.png: The image took over 30 s to decode; it was stopped. [IMAGE_DECODE_TIMEOUT]',
    ])
  })
})
