/** Main process: which language main's own texts (the tray menu) use. */
import type { LanguageChoice } from './settings-store'

/** The saved choice, or the OS locale when the choice is "system": Japanese for ja*, English otherwise. */
export function effectiveLanguage(choice: LanguageChoice, locale: string): 'ja' | 'en' {
  if (choice !== 'system') return choice
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en'
}

/** The tray menu's labels. */
export function trayLabels(language: 'ja' | 'en'): { show: string; quit: string } {
  return language === 'ja' ? { show: 'Warifu を表示', quit: '終了' } : { show: 'Show Warifu', quit: 'Quit Warifu' }
}
