/**
 * The Import tab: files picked in main's dialog and Google Authenticator export screenshots pasted
 * or dropped here are gathered into one import; main reads them and previews what would be added,
 * what is already saved and what cannot be imported and why. Nothing is saved until "Import", which
 * adds every account of the preview or none.
 */
import type { ImportPreview } from '../../shared/backup/preview'
import type { AccountSummary } from '../../shared/types'
import { api, errorCode } from '../api'
import { h, replaceChildren } from '../components/dom'
import { displayName } from '../format'
import { errorText, pasteKeys, t } from '../i18n'

export interface ImportActions {
  imported(added: AccountSummary[]): void
}

/** The preview's reason for an entry, in the UI's language (main's own text is English). */
function rejectedText(code: string): string {
  return code === 'UNSUPPORTED_TYPE' ? t('import.unsupportedType') : errorText(code)
}

export class ImportView {
  readonly el = h('section', { class: 'card import' })
  private session: string | null = null
  private sources: string[] = []
  private preview: ImportPreview | undefined
  private password: string | null = null
  private passwordWanted: '' | 'required' | 'wrong' = ''
  private status: { text: string; kind?: 'error' | 'ok' } = { text: '' }
  private busy = false

  constructor(private readonly actions: ImportActions) {
    this.render()
  }

  /** Opens main's file dialog and adds what the user picks. */
  async addFiles(): Promise<void> {
    await this.step(async () => {
      const added = await api()['import:add-files'](this.session)
      if (added === null) return false
      this.session = added.session
      this.sources = added.sources
      return true
    })
  }

  /** Adds scanned or pasted texts (a screenshot of an export code), named `name` 1, 2, ... */
  async addTexts(texts: string[], name: string): Promise<void> {
    if (texts.length === 0) return this.showError('NO_QR_FOUND')
    await this.step(async () => {
      const added = await api()['import:add-texts'](this.session, texts, name)
      this.session = added.session
      this.sources = added.sources
      return true
    })
  }

  /** Shows why a screenshot added nothing (no QR code in it, an unreadable image). */
  showError(code: string): void {
    this.status = { text: errorText(code), kind: 'error' }
    this.render()
  }

  /** Forgets the import (leaving the screen). */
  discard(): void {
    const bridge = api()
    if (this.session !== null) void bridge['import:discard'](this.session).catch(() => undefined)
    this.session = null
    this.sources = []
    this.preview = undefined
    this.password = null
    this.passwordWanted = ''
    this.status = { text: '' }
    this.render()
  }

  /** Runs `change`; when it added sources, reads them all again. */
  private async step(change: () => Promise<boolean>): Promise<void> {
    if (this.busy) return
    this.busy = true
    this.status = { text: '' }
    try {
      if (await change()) await this.readPreview()
    } catch (error) {
      this.status = { text: errorText(errorCode(error)), kind: 'error' }
    } finally {
      this.busy = false
      this.render()
    }
  }

  private async readPreview(): Promise<void> {
    const session = this.session
    if (session === null) return
    this.preview = undefined
    this.render()
    try {
      this.preview = await api()['import:preview'](session, this.password)
      this.passwordWanted = ''
    } catch (error) {
      // "Start over" or leaving the screen ended this import (main stopped its password hashing).
      if (this.session !== session) return
      const code = errorCode(error)
      if (code === 'BACKUP_PASSWORD_REQUIRED' || code === 'BACKUP_WRONG_PASSWORD') {
        this.passwordWanted = code === 'BACKUP_WRONG_PASSWORD' ? 'wrong' : 'required'
        this.password = null
        return
      }
      throw error
    }
  }

  private async commit(): Promise<void> {
    const preview = this.preview
    if (!preview || this.busy) return
    this.busy = true
    try {
      const { added } = await api()['import:commit'](preview.id)
      this.session = null
      this.discard()
      this.actions.imported(added)
    } catch (error) {
      this.status = { text: errorText(errorCode(error)), kind: 'error' }
      // A preview commits once: read the sources again so the user can retry.
      await this.readPreview().catch(() => (this.preview = undefined))
    } finally {
      this.busy = false
      this.render()
    }
  }

  /** Draws the tab again (also after a language change). */
  render(): void {
    const chooseFiles = h(
      'button',
      { type: 'button', class: 'button', 'data-action': 'import-files', disabled: this.busy },
      this.sources.length === 0 ? t('import.chooseFiles') : t('import.moreFiles'),
    )
    chooseFiles.addEventListener('click', () => void this.addFiles())
    // Without a preview (a damaged file, a wrong password) the way out is to start again.
    const startOver =
      this.sources.length > 0 && !this.preview
        ? h(
            'button',
            { type: 'button', class: 'button', 'data-action': 'import-start-over', onclick: () => this.discard() },
            t('import.startOver'),
          )
        : undefined
    const status = h(
      'p',
      { class: 'scan-status', role: 'status', 'aria-live': 'polite' },
      this.busy && !this.status.text ? t('import.reading') : this.status.text,
    )
    if (this.status.kind) status.dataset.kind = this.status.kind

    replaceChildren(
      this.el,
      this.sources.length === 0 && h('p', { class: 'hint' }, t('import.body')),
      h('p', { class: 'drop-hint' }, t('import.pasteHint', { keys: pasteKeys() })),
      h('div', { class: 'button-row' }, chooseFiles, startOver),
      this.sources.length > 0 &&
        h('p', { class: 'sources' }, t('import.sources'), ' ', h('span', {}, this.sources.join(', '))),
      this.passwordWanted !== '' && this.renderPassword(),
      this.preview && this.renderPreview(this.preview),
      status,
    )
  }

  private renderPassword(): HTMLElement {
    const wrong = this.passwordWanted === 'wrong'
    const input = h('input', {
      type: 'password',
      name: 'import-password',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': 'import-password-note',
      'aria-invalid': wrong ? 'true' : undefined,
    })
    const open = h(
      'button',
      { type: 'submit', class: 'button primary', 'data-action': 'import-unlock' },
      t('import.unlock'),
    )
    const form = h(
      'form',
      { class: 'import-password' },
      h(
        'label',
        { class: 'field' },
        h('span', { class: 'field-label' }, t('import.passwordLabel')),
        input,
        h(
          'small',
          // In the error colour and size (a .field small rule once made it grey 12 px).
          { id: 'import-password-note', 'data-kind': wrong ? 'error' : undefined },
          wrong ? t('import.passwordWrong') : t('import.passwordHint'),
        ),
      ),
      h('div', { class: 'button-row' }, open),
    )
    form.addEventListener('submit', (e) => {
      e.preventDefault()
      if (input.value === '') return
      this.password = input.value
      input.value = ''
      void this.step(() => Promise.resolve(true))
    })
    queueMicrotask(() => input.focus())
    return form
  }

  private renderPreview(p: ImportPreview): HTMLElement {
    const importButton = h(
      'button',
      {
        type: 'button',
        class: 'button primary',
        'data-action': 'import-commit',
        disabled: this.busy || p.toAdd.length === 0,
        // Nothing to add: no 「0件を取り込む」 button at all, only Start over.
        hidden: p.toAdd.length === 0,
      },
      t('import.commit', { count: p.toAdd.length }),
    )
    importButton.addEventListener('click', () => void this.commit())
    const cancel = h('button', { type: 'button', class: 'button', 'data-action': 'import-cancel' }, t('import.cancel'))
    cancel.addEventListener('click', () => this.discard())
    const list = (items: { issuer: string; label: string }[], extra?: (i: number) => string) =>
      h(
        'ul',
        { class: 'preview-list' },
        items.map((a, i) =>
          h(
            'li',
            {},
            h('span', {}, displayName(a) || t('import.noName')),
            extra && extra(i) !== '' && h('small', {}, extra(i)),
          ),
        ),
      )
    // Warnings first, so they are read before the accounts and the Import button.
    return h(
      'div',
      { class: 'import-preview', 'data-testid': 'import-preview' },
      p.incompleteBatches.length > 0 &&
        h(
          'div',
          { class: 'note warn', 'data-testid': 'import-missing' },
          p.incompleteBatches.map((b) =>
            h(
              'p',
              {},
              t('import.missingCodes', { missing: b.missing.map((i) => i + 1).join(', '), total: b.batchSize }),
            ),
          ),
        ),
      p.rejected.length > 0 &&
        h(
          'div',
          { class: 'rejected' },
          h('h3', {}, t('import.rejected', { count: p.rejected.length })),
          list(p.rejected, (i) => rejectedText(p.rejected[i]!.code)),
        ),
      h('h3', {}, t('import.toAdd', { count: p.toAdd.length })),
      p.toAdd.length > 0
        ? list(p.toAdd, (i) => {
            // The sites each account will be saved with (from a Warifu export, else proposed for its issuer).
            const { sites, sitesLeftOut = 0 } = p.toAdd[i]!
            return [
              sites.length > 0 ? t('sites.import', { sites: sites.join(', ') }) : '',
              sitesLeftOut > 0 ? t('sites.importLeftOut', { count: sitesLeftOut }) : '',
            ]
              .filter(Boolean)
              .join(' · ')
          })
        : h('p', { class: 'hint' }, t('import.nothingNew')),
      p.duplicates.length > 0 &&
        h('details', {}, h('summary', {}, t('import.duplicates', { count: p.duplicates.length })), list(p.duplicates)),
      h('div', { class: 'button-row' }, cancel, importButton),
    )
  }
}
