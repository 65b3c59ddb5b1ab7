/** Main process: the app's own settings (today: the language choice), in settings.json beside the vault. */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../vault/atomic-file'

export type LanguageChoice = 'ja' | 'en' | 'system'

export interface Settings {
  language: LanguageChoice
}

export const SETTINGS_FILE = 'settings.json'
const DEFAULTS: Settings = { language: 'system' }

/** Reads and writes settings; a missing or unreadable file means the defaults (settings hold nothing precious). */
export class SettingsStore {
  private cached: Settings | undefined

  constructor(private readonly dir: string) {}

  async get(): Promise<Settings> {
    if (this.cached) return { ...this.cached }
    let settings = { ...DEFAULTS }
    try {
      const parsed = JSON.parse(await readFile(join(this.dir, SETTINGS_FILE), 'utf8')) as unknown
      settings = sanitize(parsed)
    } catch {
      // Missing or damaged: the defaults. The next save rewrites the file whole.
    }
    this.cached = settings
    return { ...settings }
  }

  async setLanguage(language: LanguageChoice): Promise<void> {
    const next = { ...(await this.get()), language }
    await writeFileAtomic(join(this.dir, SETTINGS_FILE), `${JSON.stringify(next, null, 2)}\n`)
    this.cached = next
  }
}

function sanitize(raw: unknown): Settings {
  const out = { ...DEFAULTS }
  if (typeof raw === 'object' && raw !== null) {
    const language = (raw as Record<string, unknown>).language
    if (language === 'ja' || language === 'en' || language === 'system') out.language = language
  }
  return out
}
