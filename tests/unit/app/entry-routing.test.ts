import { describe, expect, it, vi } from 'vitest'
import { routeEntry, type EntryRoute } from '../../../electron/app/entry-routing'
import { cliArgsFor, runHeadless } from '../../../electron/app/headless-run'
import { ALL_COMMANDS } from '../../../electron/cli/cli'
import { CHROMIUM_EXTENSION_ID, FIREFOX_EXTENSION_ID } from '../../../shared/browser/extension-id'

const commands = ALL_COMMANDS.map((c) => c.name)
const EXE = '/opt/Warifu/warifu'
const packaged = (...args: string[]): EntryRoute => routeEntry([EXE, ...args], { defaultApp: false, commands })
const dev = (...args: string[]): EntryRoute =>
  routeEntry(['/w/node_modules/electron/dist/electron', '.', ...args], { defaultApp: true, commands })
const ORIGIN = `chrome-extension://${CHROMIUM_EXTENSION_ID}/`

describe('routeEntry (packaged app: window, CLI or native host)', () => {
  it.each([
    [[]],
    [['--no-sandbox']],
    [['--enable-features=UseOzonePlatform', '--ozone-platform=wayland']],
    [['-psn_0_123456']],
    [['warifu://app/']],
    [['/home/u/Pictures/qr.png']],
    [['C:\\Users\\u\\qr.png']],
    [['--no-sandbox', '/home/u/list']],
    [['listt']],
    [['otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP']],
    [['/tmp/thing.json']],
    [['/tmp/thing.json', 'not an id']],
  ])('opens the window for %j', (args) => {
    expect(packaged(...args)).toEqual({ kind: 'gui' })
  })

  it.each([
    [['list'], ['list']],
    [
      ['code', 'monex'],
      ['code', 'monex'],
    ],
    [
      ['browser', 'install', '--browser', 'chrome'],
      ['browser', 'install', '--browser', 'chrome'],
    ],
    [['--help'], ['--help']],
    [['-h'], ['-h']],
    [['--version'], ['--version']],
    [
      ['help', 'add'],
      ['help', 'add'],
    ],
    [
      ['completion', 'bash'],
      ['completion', 'bash'],
    ],
    [
      ['__complete', 'code'],
      ['__complete', 'code'],
    ],
    [
      ['--no-sandbox', 'list', '--json'],
      ['list', '--json'],
    ],
  ])('runs the CLI for %j', (args, cliArgs) => {
    expect(packaged(...args)).toEqual({ kind: 'cli', args: cliArgs })
  })

  it.each([
    [[ORIGIN]],
    [[ORIGIN, '--parent-window=3214']],
    [['chrome-extension://abcdefghijklmnopabcdefghijklmnop/']],
    [['/home/u/.mozilla/native-messaging-hosts/warifu.browser_host.json', FIREFOX_EXTENSION_ID]],
    [['C:\\Users\\u\\AppData\\Roaming\\Warifu\\browser-host\\warifu.browser_host.firefox.json', 'other@example.org']],
  ])('runs the host for %j, with the browser\u2019s arguments unchanged (the host checks the id)', (args) => {
    expect(packaged(...args)).toEqual({ kind: 'host', args })
  })

  it('skips the app path in development (electron .)', () => {
    expect(dev()).toEqual({ kind: 'gui' })
    expect(dev('list')).toEqual({ kind: 'cli', args: ['list'] })
    expect(dev(ORIGIN)).toEqual({ kind: 'host', args: [ORIGIN] })
    // Packaged, the same "." would be a file handed to the app, not a command.
    expect(packaged('.')).toEqual({ kind: 'gui' })
  })
})

describe('runHeadless (the packaged app without a window)', () => {
  it('runs the host as warifu browser-host with the browser\u2019s arguments', () => {
    expect(cliArgsFor({ kind: 'host', args: [ORIGIN, '--parent-window=1'] })).toEqual([
      'browser-host',
      ORIGIN,
      '--parent-window=1',
    ])
    expect(cliArgsFor({ kind: 'cli', args: ['list'] })).toEqual(['list'])
  })

  it('hides the dock icon, runs the command and exits the app with its code', async () => {
    const calls: string[] = []
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    try {
      const code = await new Promise<number>((done) =>
        runHeadless(
          { kind: 'cli', args: ['help', 'no-such-command'] },
          {
            exit: (c) => done(c),
            dock: { hide: () => void calls.push('hide') },
            disableHardwareAcceleration: () => void calls.push('no-gpu'),
          },
        ),
      )
      expect(code).toBe(2)
      expect(String(stderr.mock.calls[0]?.[0])).toMatch(/^warifu: no command "no-such-command"/)
    } finally {
      stderr.mockRestore()
    }
    expect(calls).toEqual(['hide', 'no-gpu'])
  })
})
