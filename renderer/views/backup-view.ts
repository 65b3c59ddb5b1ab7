/** The Backup screen: when the last verified backup was made, and the Export and Import tabs. */
import type { BackupStatus } from '../../shared/backup/preview'
import { h } from '../components/dom'
import { t } from '../i18n'
import { renderExportView, type ExportActions } from './export-view'
import type { ImportView } from './import-view'

export type BackupTab = 'export' | 'import'

export interface BackupViewOptions {
  tab: BackupTab
  accountCount: number
  status: BackupStatus | undefined
  importView: ImportView
  exportActions: ExportActions
  switchTab(tab: BackupTab): void
}

/** "Last backup: 24 Nov 2026, 10:00" in the UI's language, or that there is none. */
export function lastBackupText(status: BackupStatus | undefined, locale: string): string {
  if (!status) return ''
  if (!status.lastBackupAt) return t('backup.never')
  const when = new Date(status.lastBackupAt).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })
  return t('backup.last', { when })
}

export function renderBackupView(o: BackupViewOptions, locale: string): HTMLElement {
  const tab = (value: BackupTab, label: string) =>
    h(
      'button',
      {
        type: 'button',
        role: 'tab',
        class: 'tab',
        id: `tab-${value}`,
        'aria-selected': String(o.tab === value),
        'aria-controls': 'backup-panel',
        tabindex: o.tab === value ? 0 : -1,
        onclick: () => o.switchTab(value),
      },
      label,
    )
  const tabs = h(
    'div',
    { class: 'tabs', role: 'tablist' },
    tab('export', t('export.title')),
    tab('import', t('import.title')),
  )
  tabs.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') o.switchTab(o.tab === 'export' ? 'import' : 'export')
  })
  const panel = o.tab === 'export' ? renderExportView(o.accountCount, o.exportActions) : o.importView.el
  return h(
    'div',
    { class: 'backup-view' },
    h('h1', { class: 'view-title' }, t('backup.title')),
    h('p', { class: 'hint backup-last' }, lastBackupText(o.status, locale)),
    tabs,
    h('div', { id: 'backup-panel', role: 'tabpanel', 'aria-labelledby': `tab-${o.tab}` }, panel),
  )
}

/**
 * The quiet reminder above the list: accounts were added since the last verified backup (or there
 * never was one). "Later" hides it until another account is added.
 */
export function renderBackupReminder(status: BackupStatus, backUp: () => void, later: () => void): HTMLElement {
  return h(
    'div',
    { class: 'note reminder', role: 'note', 'data-testid': 'backup-reminder' },
    h(
      'span',
      {},
      status.lastBackupAt
        ? t('backup.reminder', { count: status.addedSinceBackup })
        : t('backup.reminderNever', { count: status.addedSinceBackup }),
    ),
    h(
      'span',
      { class: 'reminder-actions' },
      h(
        'button',
        { type: 'button', class: 'button subtle small', 'data-action': 'reminder-later', onclick: later },
        t('backup.later'),
      ),
      h(
        'button',
        { type: 'button', class: 'button small', 'data-action': 'reminder-backup', onclick: backUp },
        t('backup.now'),
      ),
    ),
  )
}
