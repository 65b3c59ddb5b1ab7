/** Main process: the app's own settings (language, theme, density, clipboard delay), in settings.json beside the vault. */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  CLIPBOARD_CLEAR_CHOICES,
  DENSITIES,
  THEMES,
  type ClipboardClearSeconds,
  type Density,
  type SettingsPatch,
  type ThemeChoice,
} from '../../shared/ipc/channels'
import { SORT_ORDERS, type SortOrder } from '../../shared/organise'
import { writeFileAtomic } from '../vault/atomic-file'

export type LanguageChoice = 'ja' | 'en' | 'system'

export interface Settings {
  language: LanguageChoice
  theme: ThemeChoice
  density: Density
  /** Seconds before a copied code is cleared from the clipboard (if it is still there). */
  clipboardSeconds: ClipboardClearSeconds
  /** The account list's order. */
  sort: SortOrder
  /** "Hide codes until clicked" (privacy mode). */
  hideCodes: boolean
}

export const SETTINGS_FILE = 'settings.json'
const DEFAULTS: Settings = {
  language: 'system',
  theme: 'system',
  density: 'comfortable',
  clipboardSeconds: 30,
  sort: 'manual',
  hideCodes: false,
}

/** Reads and writes settings; a missing or unreadable file means the defaults (settings hold nothing precious). */
export class SettingsStore {
  private cached: Settings | undefined
  /** Changes run one after another: two quick changes must not both start from the same old file. */
  private queue: Promise<unknown> = Promise.resolve()

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
    await this.change((current) => ({ ...current, language }))
  }

  async setSort(sort: SortOrder): Promise<void> {
    await this.change((current) => ({ ...current, sort }))
  }

  /** Changes the given appearance and clipboard settings (already validated by the channel's parser). */
  async update(patch: SettingsPatch): Promise<void> {
    // Checked again here: the file must never hold a value the reader would drop.
    await this.change((current) => sanitize({ ...current, ...patch }))
  }

  private change(next: (current: Settings) => Settings): Promise<void> {
    const run = this.queue.then(async () => {
      const settings = next(await this.get())
      await writeFileAtomic(join(this.dir, SETTINGS_FILE), `${JSON.stringify(settings, null, 2)}\n`)
      this.cached = settings
    })
    this.queue = run.catch(() => undefined)
    return run
  }
}

function sanitize(raw: unknown): Settings {
  const out = { ...DEFAULTS }
  if (typeof raw === 'object' && raw !== null) {
    const r = raw as Record<string, unknown>
    if (r.language === 'ja' || r.language === 'en' || r.language === 'system') out.language = r.language
    if (THEMES.includes(r.theme as ThemeChoice)) out.theme = r.theme as ThemeChoice
    if (DENSITIES.includes(r.density as Density)) out.density = r.density as Density
    if (CLIPBOARD_CLEAR_CHOICES.includes(r.clipboardSeconds as ClipboardClearSeconds))
      out.clipboardSeconds = r.clipboardSeconds as ClipboardClearSeconds
    if (SORT_ORDERS.includes(r.sort as SortOrder)) out.sort = r.sort as SortOrder
    if (typeof r.hideCodes === 'boolean') out.hideCodes = r.hideCodes
  }
  return out
}
