import { describe, expect, it } from 'vitest'
import { dataDir, keychainService, keychainTimeoutMs } from '../../../electron/vault/paths'

describe('dataDir', () => {
  // Electron's userData is appData joined with the productName "Warifu".
  it.each([
    ['linux', {}, '/home/u/.config/Warifu'],
    ['linux', { XDG_CONFIG_HOME: '/xdg' }, '/xdg/Warifu'],
    ['darwin', {}, '/home/u/Library/Application Support/Warifu'],
    ['win32', { APPDATA: 'C:/Users/u/AppData/Roaming' }, 'C:/Users/u/AppData/Roaming/Warifu'],
  ] as const)('on %s with %j is %s', (platform, env, expected) => {
    expect(dataDir(env, platform, '/home/u').replaceAll('\\', '/')).toBe(expected)
  })

  it('is WARIFU_HOME when set, on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(dataDir({ WARIFU_HOME: '/tmp/w' }, platform, '/home/u')).toBe('/tmp/w')
    }
  })
})

describe('keychain settings', () => {
  it('uses the warifu service unless WARIFU_KEYCHAIN_SERVICE names another', () => {
    expect(keychainService({})).toBe('warifu')
    expect(keychainService({ WARIFU_KEYCHAIN_SERVICE: 'warifu-test' })).toBe('warifu-test')
  })
  it('takes only a positive whole timeout', () => {
    expect(keychainTimeoutMs({ WARIFU_KEYCHAIN_TIMEOUT_MS: '1500' })).toBe(1500)
    expect(keychainTimeoutMs({ WARIFU_KEYCHAIN_TIMEOUT_MS: '-1' })).toBeUndefined()
    expect(keychainTimeoutMs({ WARIFU_KEYCHAIN_TIMEOUT_MS: 'soon' })).toBeUndefined()
    expect(keychainTimeoutMs({})).toBeUndefined()
  })
})
