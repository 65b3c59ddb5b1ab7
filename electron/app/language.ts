/** Main process: which language main's own texts (the tray menu) use. */
import type { LanguageChoice } from './settings-store'
import type { TrayLabels } from './tray-menu'

/** The saved choice, or the OS locale when the choice is "system": Japanese for ja*, English otherwise. */
export function effectiveLanguage(choice: LanguageChoice, locale: string): 'ja' | 'en' {
  if (choice !== 'system') return choice
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en'
}

/** The tray menu's labels. */
export function trayLabels(language: 'ja' | 'en'): TrayLabels {
  return language === 'ja'
    ? {
        show: 'Warifu を表示',
        quit: '終了',
        copyHeading: '認証コードをコピー',
        noPinned: 'ピン留めしたアカウントの認証コードをここからコピーできます',
      }
    : {
        show: 'Show Warifu',
        quit: 'Quit Warifu',
        copyHeading: 'Copy a code',
        noPinned: 'Pin an account to copy its code from here',
      }
}
