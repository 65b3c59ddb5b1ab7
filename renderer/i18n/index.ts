/** The current UI language and its messages: Japanese or English, following the OS unless the user chose. */
import { en, type MessageKey } from './en'
import { ja } from './ja'

/** A language the UI is translated into. */
export type Language = 'ja' | 'en'

const tables: Record<Language, Record<MessageKey, string>> = { en, ja }
let current: Language = 'en'

/** ja for a Japanese locale ("ja", "ja-JP"), en for everything else. */
export function languageForLocale(locale: string): Language {
  return /^ja\b/i.test(locale) ? 'ja' : 'en'
}

/** Switches the language of every later t() call and of the document. */
export function setLanguage(language: Language): void {
  current = language
  document.documentElement.lang = language
}

export function language(): Language {
  return current
}

/**
 * The message for key in the current language, with {name} placeholders filled in; {count|one|other}
 * writes the number and the word Intl.PluralRules picks ("1 account", "2 accounts").
 */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = tables[current][key]
  return text.replace(/\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g, (whole, name: string, one?: string, other?: string) => {
    if (!(name in params)) return whole
    const value = params[name]!
    if (one === undefined || typeof value !== 'number') return String(value)
    return `${value} ${new Intl.PluralRules(current).select(value) === 'one' ? one : other}`
  })
}

/** The translated text for an error code; unknown codes get the generic message (never the raw one). */
export function errorText(code: string): string {
  const key = `error.${code}`
  return key in en ? t(key as MessageKey) : t('error.INTERNAL')
}

/** The paste shortcut as this platform writes it. */
export function pasteKeys(): string {
  return /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘V' : 'Ctrl+V'
}
