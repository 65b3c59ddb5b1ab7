import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SETTINGS_FILE, SettingsStore } from '../../../electron/app/settings-store'
import { useTempDir } from '../../support/temp-dir'

describe('SettingsStore', () => {
  const tempDir = useTempDir()

  it('keeps both of two changes made at once (theme, then the clipboard delay)', async () => {
    const dir = tempDir()
    const store = new SettingsStore(dir)
    await Promise.all([
      store.update({ theme: 'dark' }),
      store.update({ clipboardSeconds: 10 }),
      store.setLanguage('en'),
    ])
    const again = await new SettingsStore(dir).get()
    expect(again).toMatchObject({ theme: 'dark', clipboardSeconds: 10, language: 'en', density: 'comfortable' })
  })

  it('reads a damaged or hand-edited file as the defaults for each bad value', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ theme: 'sepia', density: 'compact', clipboardSeconds: 5 }))
    expect(await new SettingsStore(dir).get()).toMatchObject({
      theme: 'system',
      density: 'compact',
      clipboardSeconds: 30,
    })
    writeFileSync(join(dir, SETTINGS_FILE), '{not json')
    expect(await new SettingsStore(dir).get()).toMatchObject({ theme: 'system', clipboardSeconds: 30 })
  })

  it('writes only values the reader keeps', async () => {
    const dir = tempDir()
    const store = new SettingsStore(dir)
    await store.update({ density: 'compact', clipboardSeconds: 90 })
    expect(JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8'))).toMatchObject({
      density: 'compact',
      clipboardSeconds: 90,
    })
  })
})
