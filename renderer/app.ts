/**
 * The renderer's controller: which view shows, the once-a-second code refresh, and the page-wide
 * inputs (paste a screenshot anywhere, drop an image, type to search). Views only draw; every call to
 * main goes through window.warifu and every failure is shown as translated text for its error code.
 */
import type { BackupStatus } from '../shared/backup/preview'
import type { AppSettings, CodeSnapshot, PhoneCodes, SettingsPatch, SiteSuggestion } from '../shared/ipc/channels'
import type { AccountSummary, DeletedAccount } from '../shared/types'
import { api, errorCode } from './api'
import { applyAppearance } from './appearance'
import { isDialogOpen } from './components/dialog'
import { h } from './components/dom'
import { toast } from './components/toast'
import { displayName } from './format'
import { renderHeader, trackHeaderHeight } from './header'
import { errorText, languageForLocale, setLanguage, t, type Language } from './i18n'
import { installKeyboard, isEditable } from './keyboard'
import { Search } from './search'
import { decodeImage } from './scan/decode-client'
import { dragHasFiles, framesFromScreens, imageFromClipboard, imageFromDrop, imageFromOpenDialog } from './scan/sources'
import { renderAddView, setScanStatus } from './views/add-view'
import { lastBackupText, renderBackupReminder, renderBackupView, type BackupTab } from './views/backup-view'
import { ImportView } from './views/import-view'
import { renderPhoneCodes } from './views/phone-codes-view'
import { settingsMenu } from './views/settings-menu'
import { browserDialog } from './views/browser-view'
import { editDialog, type EditFocus } from './views/edit-dialog'
import { renderDeletedLink, renderDeletedView } from './views/deleted-view'
import { renderEmptyState } from './views/empty-state'
import { LinkCheckPanel, linkCheckDialog } from './views/link-check-view'
import { ListView, SHOW_NEXT_SECONDS } from './views/list-view'
import { OrganiseBar } from './views/organise-bar'
import { copyToast, renderSiteSuggestion } from './views/sites'
import { classifyTexts, renderScanResult, type ScannedAccount } from './views/scan-result-view'

type View = 'list' | 'add' | 'scan-result' | 'backup' | 'phone' | 'deleted' | 'unavailable'
type LanguageChoice = Language | 'system'

/** Performance entry names the UI benchmark reads. */
export const PERF = { listRendered: 'warifu:list-rendered', refresh: 'warifu:refresh' } as const

export class App {
  private accounts: AccountSummary[] = []
  /** Recently deleted: the list links to it while it holds anything. */
  private deleted: DeletedAccount[] = []
  private codes: CodeSnapshot[] = []
  private view: View = 'list'
  private choice: LanguageChoice = 'system'
  private appearance: Pick<AppSettings, 'theme' | 'density' | 'clipboardSeconds'> = {
    theme: 'system',
    density: 'comfortable',
    clipboardSeconds: 30,
  }
  private locale = navigator.language
  private statusError = ''
  private problems: string[] = []
  private readonly list: ListView
  private readonly header = h('header', { class: 'topbar' })
  private readonly main = h('main', { class: 'content' })
  private readonly footer = h('footer', { class: 'keys-help' })
  private search: HTMLInputElement | undefined
  private readonly searchBox: Search
  private stopScanView = () => {}
  private refreshTimer: ReturnType<typeof setTimeout> | undefined
  private busyScanning = false
  private backupStatus: BackupStatus | undefined
  private backupTab: BackupTab = 'export'
  /** The reminder's "Later": hidden until the number of accounts added since the backup grows. */
  private reminderHiddenAt = 0
  private readonly importView: ImportView
  /** The verdict of a link pasted or typed into the search box (shown instead of filtering). */
  private readonly linkCheck = new LinkCheckPanel()
  /** Existing accounts with a known issuer and no site: the list offers the first, once. */
  private siteSuggestions: SiteSuggestion[] = []
  /** Tag chips and the order above the list (views/organise-bar.ts). */
  private readonly organise = new OrganiseBar({ arrange: () => this.renderList(), reload: () => this.reload() })

  constructor(private readonly root: HTMLElement) {
    this.list = new ListView({
      copy: (a) => void this.copy(a),
      edit: (a) => void this.edit(a),
      addSite: (a) => void this.edit(a, 'site'),
      remove: (a) => void this.remove(a),
      move: (a, index) => void this.move(a, index),
      nextHotp: (a) => void this.nextHotp(a),
      copyNext: (a) => void this.copy(a, 'next'),
      pin: (a) => void this.organise.togglePin(a).then((changed) => (changed ? this.reload(a.id) : undefined)),
    })
    this.importView = new ImportView({ imported: (added) => void this.imported(added) })
    this.list.el.addEventListener('leave-top', () => this.search?.focus())
    this.searchBox = new Search({
      list: this.list,
      linkCheck: this.linkCheck,
      copy: (a, which) => void this.copy(a, which),
    })
  }

  /** Loads settings, status, accounts and codes, then paints once with everything in place. */
  async start(): Promise<void> {
    // Every call of the first paint at once: one round trip to main, not four in a row.
    const settings = Promise.resolve(api()['settings:get']()).catch(() => undefined)
    const bridge = api()
    const early = Promise.all([
      bridge['accounts:list'](),
      bridge['codes:current'](),
      bridge['backup:status']().catch(() => undefined),
    ]).catch(() => undefined)
    const deleted = Promise.resolve(bridge['accounts:deleted']()).catch(() => [])
    const suggestions = Promise.resolve(bridge['accounts:site-suggestions']()).catch(() => [])
    await this.loadStatus(early)
    this.deleted = await deleted
    this.siteSuggestions = await suggestions
    const chosen = await settings
    if (chosen) {
      this.choice = chosen.language
      this.list.setHideCodes(chosen.hideCodes === true)
      this.locale = chosen.locale || navigator.language
      this.organise.sort = chosen.sort
      const { theme, density, clipboardSeconds } = chosen
      this.appearance = { theme, density, clipboardSeconds }
      applyAppearance(theme, density)
    }
    this.applyLanguage()
    this.root.replaceChildren(this.header, this.main, this.footer)
    trackHeaderHeight(this.header)
    this.render()
    performance.mark(PERF.listRendered)
    this.installGlobalInputs()
    this.scheduleRefresh()
  }

  private applyLanguage(): void {
    setLanguage(this.choice === 'system' ? languageForLocale(this.locale) : this.choice)
    document.title = t('appName')
  }

  /** Asks main whether the vault is open; `early` is a list+codes+reminder call already on its way. */
  private async loadStatus(
    early?: Promise<[AccountSummary[], CodeSnapshot[], BackupStatus | undefined] | undefined>,
  ): Promise<void> {
    try {
      const status = await api()['app:status']()
      if (status.vault === 'unavailable') {
        this.view = 'unavailable'
        this.statusError = status.error.code
        return
      }
      this.problems = status.problems
      const loaded = await early
      if (loaded) [this.accounts, this.codes, this.backupStatus] = loaded
      else await this.loadAccounts()
      if (this.view === 'unavailable') this.view = 'list'
    } catch (error) {
      this.view = 'unavailable'
      this.statusError = errorCode(error)
    }
  }

  private async loadAccounts(): Promise<void> {
    const bridge = api()
    const [accounts, codes, backupStatus, deleted, suggestions] = await Promise.all([
      bridge['accounts:list'](),
      bridge['codes:current'](),
      bridge['backup:status']().catch(() => undefined),
      bridge['accounts:deleted']().catch(() => []),
      bridge['accounts:site-suggestions']().catch(() => []),
    ])
    this.siteSuggestions = suggestions
    this.deleted = deleted
    this.accounts = accounts
    this.codes = codes
    this.backupStatus = backupStatus
  }

  /** The reminder is a nicety: when it cannot be read, the list shows without it. */
  private async loadBackupStatus(): Promise<void> {
    const bridge = api()
    this.backupStatus = await bridge['backup:status']().catch(() => undefined)
  }

  // ---- drawing -------------------------------------------------------------

  private render(): void {
    this.stopScanView()
    this.stopScanView = () => {}
    this.renderHeader()
    if (this.view === 'unavailable') this.renderUnavailable()
    else if (this.view === 'add') this.main.replaceChildren(this.addView())
    else if (this.view === 'list') this.renderList()
    else if (this.view === 'backup') this.renderBackup()
    else if (this.view === 'deleted') this.main.replaceChildren(this.deletedView())
    this.footer.hidden = this.view !== 'list' || this.accounts.length === 0
    this.footer.textContent = t('list.keysHelp')
  }

  private renderHeader(): void {
    const onList = this.view === 'list'
    this.search = undefined
    if (onList && this.accounts.length > 0) this.search = this.searchBox.box
    const nav =
      this.view === 'unavailable'
        ? undefined
        : onList
          ? [
              h(
                'button',
                {
                  type: 'button',
                  class: 'button subtle small',
                  'data-action': 'check-link',
                  onclick: () => void linkCheckDialog(),
                },
                t('check.action'),
              ),
              // Nothing to back up in an empty vault: the empty state offers Import instead.
              this.accounts.length > 0 &&
                h(
                  'button',
                  { type: 'button', class: 'button small', 'data-action': 'backup', onclick: () => this.showBackup() },
                  t('nav.backup'),
                ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'button primary small',
                  'data-action': 'add',
                  onclick: () => this.show('add'),
                },
                `＋ ${t('nav.add')}`,
              ),
            ]
          : h(
              'button',
              { type: 'button', class: 'button small', 'data-action': 'back', onclick: () => this.show('list') },
              `← ${t('nav.back')}`,
            )
    const buttons = nav ? [nav].flat().filter((b) => b !== false) : []
    // Check a link sits beside the search box it checks into.
    const beside = this.search ? buttons.filter((b) => b.dataset.action === 'check-link') : []
    renderHeader(this.header, {
      buttons: buttons.filter((b) => !beside.includes(b)),
      search: this.search,
      searchButtons: beside,
      openSettings: () =>
        void settingsMenu({
          settings: { language: this.choice, ...this.appearance, hideCodes: this.list.hidingCodes },
          changeLanguage: (choice) => this.changeLanguage(choice),
          change: (patch) => void this.changeSettings(patch),
          connectBrowser: () => void browserDialog(),
        }),
    })
  }

  private renderList(): void {
    if (this.accounts.length === 0) {
      this.main.replaceChildren(
        renderEmptyState(
          () => this.show('add'),
          () => this.showBackup('import'),
        ),
        ...this.deletedLink(),
      )
      return
    }
    const noMatch = h('p', { class: 'no-match', hidden: true })
    this.searchBox.render(noMatch)
    this.list.setReorderable(this.organise.sort === 'manual')
    this.list.setAccounts(this.organise.arrange(this.accounts), this.codes)
    const problems =
      this.problems.length > 0
        ? h('div', { class: 'note' }, t('status.problems'), h('ul', {}, ...this.problems.map((p) => h('li', {}, p))))
        : undefined
    const status = this.backupStatus
    // After a backup the count starts again from zero, and so does "Later".
    if (status && !status.needsBackup) this.reminderHiddenAt = 0
    const reminder =
      status?.needsBackup && status.addedSinceBackup > this.reminderHiddenAt
        ? renderBackupReminder(
            status,
            () => this.showBackup('export'),
            () => {
              this.reminderHiddenAt = status.addedSinceBackup
              this.render()
              this.search?.focus()
            },
          )
        : undefined
    this.main.replaceChildren(
      // A link's verdict first, right under the search box it was pasted into.
      this.linkCheck.el,
      ...(problems ? [problems] : []),
      ...(reminder ? [reminder] : []),
      ...this.siteSuggestionLine(),
      this.organise.render(this.accounts),
      this.list.el,
      noMatch,
      ...this.deletedLink(),
    )
    this.searchBox.apply()
  }

  private renderUnavailable(): void {
    const retry = h('button', { type: 'button', class: 'button primary', 'data-action': 'retry' }, t('status.retry'))
    retry.addEventListener('click', () => {
      void (async () => {
        retry.disabled = true
        await this.loadStatus()
        this.render()
      })()
    })
    this.main.replaceChildren(
      h(
        'section',
        { class: 'empty unavailable', role: 'alert' },
        h('h1', {}, t('status.unavailableTitle')),
        h('p', {}, errorText(this.statusError)),
        retry,
      ),
    )
  }

  private addView(): HTMLElement {
    return renderAddView({
      openImage: () => void this.openImage(),
      scanScreen: () => void this.scanScreen(),
      saved: (a) => void this.saved(a),
      cancel: () => this.show('list'),
    })
  }

  private renderBackup(): void {
    this.importView.render()
    this.main.replaceChildren(
      renderBackupView(
        {
          tab: this.backupTab,
          accountCount: this.accounts.length,
          status: this.backupStatus,
          importView: this.importView,
          exportActions: {
            exported: () => void this.loadBackupStatus().then(() => this.updateBackupLine()),
            showPhoneCodes: (codes) => this.showPhoneCodes(codes),
          },
          switchTab: (tab) => {
            this.backupTab = tab
            this.render()
            this.main.querySelector<HTMLElement>(`#tab-${tab}`)?.focus()
          },
        },
        this.locale,
      ),
    )
  }

  /** Updates "Last backup: ..." without redrawing the tab (its result line stays). */
  private updateBackupLine(): void {
    const line = this.view === 'backup' ? this.main.querySelector('.backup-last') : null
    if (line) line.textContent = lastBackupText(this.backupStatus, this.locale)
  }

  private showBackup(tab: BackupTab = this.backupTab): void {
    this.backupTab = tab
    this.show('backup')
  }

  private showPhoneCodes(codes: PhoneCodes): void {
    this.view = 'phone'
    this.render()
    const phone = renderPhoneCodes(codes, () => this.showBackup('export'))
    this.stopScanView = phone.stop
    this.main.replaceChildren(phone.el)
    this.main.querySelector<HTMLElement>('[data-action="next-code"]:not([hidden]), [data-action="phone-done"]')?.focus()
  }

  /** An import finished: back to the list with the new accounts. */
  private async imported(added: AccountSummary[]): Promise<void> {
    await this.reload(added[0]?.id)
    toast(t('import.done', { count: added.length }))
  }

  private show(view: View): void {
    // Leaving the Backup screen for good forgets a half-done import (main drops its files and previews).
    const onBackup = (v: View) => v === 'backup' || v === 'phone'
    if (onBackup(this.view) && !onBackup(view)) this.importView.discard()
    this.view = view
    this.render()
    // Codes kept from before another view may be minutes old: fetch fresh ones now, not in a second.
    if (view === 'list') void this.refresh()
    if (view === 'list') this.search?.focus()
    else this.main.querySelector<HTMLElement>('button, input')?.focus()
  }

  private async changeLanguage(choice: LanguageChoice): Promise<void> {
    this.choice = choice
    try {
      await api()['settings:set-language'](choice)
    } catch (error) {
      toast(errorText(errorCode(error)), 'error')
    }
    this.applyLanguage()
    this.list.el.setAttribute('aria-label', t('list.label'))
    this.render()
  }

  /** Theme and density apply at once; the clipboard delay is main's to use at the next copy. */
  private async changeSettings(patch: SettingsPatch): Promise<void> {
    const { hideCodes, ...appearance } = patch
    this.appearance = { ...this.appearance, ...appearance }
    applyAppearance(this.appearance.theme, this.appearance.density)
    if (hideCodes !== undefined) this.list.setHideCodes(hideCodes)
    try {
      await api()['settings:update'](patch)
    } catch (error) {
      toast(errorText(errorCode(error)), 'error')
    }
  }

  // ---- the code refresh ------------------------------------------------------

  /** Wakes just after each whole second, when TOTP codes and countdowns change. */
  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer)
    this.refreshTimer = setTimeout(() => void this.refresh(), 1005 - (Date.now() % 1000))
  }

  private async refresh(): Promise<void> {
    try {
      if (this.view === 'list' && this.accounts.some((a) => a.type === 'totp') && !document.hidden) {
        this.codes = await api()['codes:current']()
        performance.mark('warifu:refresh-start')
        this.list.applyCodes(this.codes)
        performance.measure(PERF.refresh, 'warifu:refresh-start')
        if (performance.getEntriesByName(PERF.refresh).length > 120) {
          performance.clearMeasures(PERF.refresh)
          performance.clearMarks('warifu:refresh-start')
        }
      }
    } catch {
      // A failed refresh (keychain locked meanwhile) keeps the last codes; the next second retries.
    } finally {
      this.scheduleRefresh()
    }
  }

  // ---- account actions -----------------------------------------------------

  /** Copies a code through main; the next one only while the list shows it (its last seconds). */
  private async copy(account: AccountSummary, which: 'current' | 'next' = 'current'): Promise<void> {
    try {
      const snap = which === 'next' ? this.codes.find((c) => c.id === account.id) : undefined
      const next = snap !== undefined && snap.secondsLeft <= SHOW_NEXT_SECONDS
      const { clearAfterSeconds } = await api()['clipboard:copy-code'](account.id, next ? 'next' : 'current')
      // Where the code belongs, at the moment it is about to be typed somewhere.
      toast(copyToast(account, clearAfterSeconds, next))
      const row = this.list.el.querySelector(`[data-id="${account.id}"]`)
      row?.classList.add('copied')
      setTimeout(() => row?.classList.remove('copied'), 1200)
    } catch (error) {
      toast(errorText(errorCode(error)), 'error')
    }
  }

  private async edit(account: AccountSummary, focus: EditFocus = 'names'): Promise<void> {
    const renamed = await editDialog(account, focus)
    if (renamed) await this.reload(renamed.id)
    else this.list.focusAccount(account.id)
  }

  /** Main asks in its own dialog, then the account moves to Recently deleted; the toast offers Undo. */
  private async remove(account: AccountSummary): Promise<void> {
    try {
      const index = this.accounts.findIndex((a) => a.id === account.id)
      this.accounts = await api()['accounts:remove'](account.id)
      const bridge = api()
      this.deleted = await bridge['accounts:deleted']().catch(() => this.deleted)
      this.render()
      const neighbour = this.accounts[Math.min(index, this.accounts.length - 1)]
      if (neighbour) this.list.focusAccount(neighbour.id)
      else this.search?.focus()
      toast(t('remove.moved', { name: displayName(account) }), 'info', {
        label: t('remove.undo'),
        run: () => void this.undoRemove(account),
      })
    } catch (error) {
      const code = errorCode(error)
      // Cancel in main's dialog: nothing changed, nothing to say.
      if (code !== 'NOT_CONFIRMED') toast(errorText(code), 'error')
      this.list.focusAccount(account.id)
    }
  }

  private async undoRemove(account: AccountSummary): Promise<void> {
    try {
      await api()['accounts:restore'](account.id)
      await this.reload(account.id)
    } catch (error) {
      toast(errorText(errorCode(error)), 'error')
    }
  }

  // ---- site suggestions ------------------------------------------------------

  /** One line for the first account with a proposed site: "Add monex.co.jp" or "Not now". */
  private siteSuggestionLine(): HTMLElement[] {
    for (const suggestion of this.siteSuggestions) {
      const account = this.accounts.find((a) => a.id === suggestion.id)
      if (!account || suggestion.sites.length === 0) continue
      const settle = async (call: () => Promise<unknown>) => {
        try {
          await call()
        } catch (error) {
          toast(errorText(errorCode(error)), 'error')
        }
        this.siteSuggestions = this.siteSuggestions.filter((s) => s.id !== suggestion.id)
        await this.reload()
        this.search?.focus()
      }
      const bridge = api()
      return [
        renderSiteSuggestion(displayName(account), suggestion.sites, {
          accept: () => void settle(() => bridge['accounts:set-sites'](account.id, suggestion.sites)),
          dismiss: () => void settle(() => bridge['accounts:dismiss-site-suggestion'](account.id)),
        }),
      ]
    }
    return []
  }

  // ---- Recently deleted ------------------------------------------------------

  private deletedLink(): HTMLElement[] {
    if (this.deleted.length === 0) return []
    // Read again on the way in: the days left count at main's clock, now.
    const open = () => {
      this.view = 'deleted'
      void this.deletedChanged(0)
    }
    return [renderDeletedLink(this.deleted.length, open)]
  }

  private deletedView(): HTMLElement {
    return renderDeletedView(this.deleted, { changed: (index) => void this.deletedChanged(index) })
  }

  /** A restore or delete-forever went through: reload, redraw, and keep the focus near where it was. */
  private async deletedChanged(index: number): Promise<void> {
    try {
      await this.loadAccounts()
    } catch (error) {
      toast(errorText(errorCode(error)), 'error')
    }
    if (this.view !== 'deleted') return
    this.render()
    const buttons = this.main.querySelectorAll<HTMLElement>('[data-action="restore"]')
    const back = this.header.querySelector<HTMLElement>('[data-action="back"]')
    ;(buttons[Math.min(index, buttons.length - 1)] ?? back)?.focus()
  }

  private async move(account: AccountSummary, index: number): Promise<void> {
    try {
      this.accounts = await api()['accounts:move'](account.id, this.organise.storedIndex(this.accounts, index))
      this.list.setAccounts(this.organise.arrange(this.accounts), this.codes)
      this.list.focusAccount(account.id)
    } catch (error) {
      toast(errorText(errorCode(error)), 'error')
    }
  }

  private async nextHotp(account: AccountSummary): Promise<void> {
    try {
      const { code, counter } = await api()['codes:next-hotp'](account.id)
      this.list.showHotpCode(account.id, code, counter)
    } catch (error) {
      toast(errorText(errorCode(error)), 'error')
    }
  }

  private async reload(focusId?: string): Promise<void> {
    try {
      await this.loadAccounts()
    } catch (error) {
      toast(errorText(errorCode(error)), 'error')
    }
    this.view = 'list'
    this.render()
    if (focusId) this.list.focusAccount(focusId)
  }

  /** Another process (the CLI) changed the accounts: redraw the list in place, keeping search and focus. */
  private async accountsChanged(): Promise<void> {
    try {
      await this.loadAccounts()
    } catch (error) {
      toast(errorText(errorCode(error)), 'error')
      return
    }
    if (this.view === 'deleted') this.render()
    if (this.view !== 'list') return
    const searching = document.activeElement === this.searchBox.box
    const focusedId = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('.account')?.dataset.id
    this.render()
    if (searching) this.searchBox.focus()
    else if (focusedId) this.list.focusAccount(focusedId)
  }

  private async saved(account: AccountSummary): Promise<void> {
    await this.reload(account.id)
    toast(t('add.saved', { name: displayName(account) }))
  }

  // ---- scanning --------------------------------------------------------------

  private installGlobalInputs(): void {
    document.addEventListener('paste', (e) => {
      if (isDialogOpen() || this.view === 'unavailable') return
      const image = imageFromClipboard(e)
      if (image) {
        e.preventDefault()
        void this.scanImages([image])
        return
      }
      const text = e.clipboardData?.getData('text/plain').trim() ?? ''
      if (this.view === 'backup' && !isEditable(e.target) && text !== '') {
        // On the Backup screen pasted text is something to import: otpauth links, an export code's text, a backup.
        e.preventDefault()
        this.showBackup('import')
        void this.importView.addTexts([text], t('import.pasted'))
        return
      }
      if (!isEditable(e.target) && /^otpauth(-migration)?:\/\//i.test(text)) {
        e.preventDefault()
        void this.showTexts([text])
      }
    })
    document.addEventListener('dragover', (e) => {
      if (!dragHasFiles(e) || this.view === 'unavailable') return
      e.preventDefault()
      document.body.classList.add('dropping')
    })
    document.addEventListener('dragleave', (e) => {
      if (e.relatedTarget === null) document.body.classList.remove('dropping')
    })
    document.addEventListener('drop', (e) => {
      document.body.classList.remove('dropping')
      if (!dragHasFiles(e)) return
      // A dropped file must never navigate the window to it.
      e.preventDefault()
      const image = imageFromDrop(e)
      if (image && this.view !== 'unavailable') void this.scanImages([image])
    })
    installKeyboard({
      view: () => this.view,
      search: () => (this.search ? this.searchBox : undefined),
      selected: () => this.list.selected(),
      copy: (a) => void this.copy(a),
      // The header's Back button: Esc takes the same way out, with whatever it asks first.
      back: () => this.header.querySelector<HTMLButtonElement>('[data-action="back"]')?.click(),
    })
    // Refreshes pause while the window is hidden; catch up the moment it shows again.
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) void this.refresh()
    })
    window.warifu.on('app:accounts-changed', () => void this.accountsChanged())
    window.warifu.on('app:focus-search', () => {
      if (this.view !== 'list' && this.view !== 'unavailable') this.show('list')
      this.search?.focus()
      this.search?.select()
    })
  }

  private async openImage(): Promise<void> {
    try {
      const image = await imageFromOpenDialog()
      if (image) await this.scanImages([image])
    } catch (error) {
      this.scanFailed(errorCode(error))
    }
  }

  private async scanScreen(): Promise<void> {
    try {
      await this.scanImages(await framesFromScreens())
    } catch (error) {
      this.scanFailed(errorCode(error))
    }
  }

  /** Decodes images in the worker, then shows what they hold. */
  private async scanImages(images: (Blob | ImageBitmap)[]): Promise<void> {
    if (this.busyScanning) return
    this.busyScanning = true
    // On the Backup screen a screenshot is one more code of a Google Authenticator export.
    const importing = this.view === 'backup'
    try {
      if (importing) this.showBackup('import')
      else {
        if (this.view !== 'add') this.show('add')
        setScanStatus(this.main, t('add.scanning'))
      }
      const texts: string[] = []
      for (const image of images) texts.push(...(await decodeImage(image)))
      const unique = [...new Set(texts)]
      if (importing) await this.importView.addTexts(unique, t('import.screenshot'))
      else await this.showTexts(unique)
    } catch (error) {
      if (importing) this.importView.showError(errorCode(error))
      else this.scanFailed(errorCode(error))
    } finally {
      this.busyScanning = false
    }
  }

  private scanFailed(code: string): void {
    if (this.view !== 'add') this.show('add')
    setScanStatus(this.main, errorText(code), 'error')
  }

  /** Asks main to read each scanned otpauth URI and shows the result (or why there is nothing to add). */
  private async showTexts(texts: string[]): Promise<void> {
    const { otp, migration, other } = classifyTexts(texts)
    if (migration.length > 0) {
      // A Google Authenticator export: the import screen previews it and collects its other codes.
      this.showBackup('import')
      await this.importView.addTexts([...migration, ...otp], t('import.screenshot'))
      return
    }
    const notes: string[] = []
    const found: ScannedAccount[] = []
    for (const uri of otp) {
      try {
        found.push({ uri, preview: await api()['accounts:preview-uri'](uri) })
      } catch (error) {
        notes.push(errorText(errorCode(error)))
      }
    }
    if (found.length === 0 && notes.length === 0) {
      if (this.view !== 'add') this.show('add')
      setScanStatus(this.main, other > 0 ? t('scan.notOtp') : t('scan.none'), 'error')
      return
    }
    this.view = 'scan-result'
    this.render()
    const result = renderScanResult(found, notes, {
      saved: (a) => void this.saved(a),
      cancel: () => this.show('add'),
      undone: (a) => {
        this.show('add')
        toast(t('scan.undone', { name: displayName(a) }))
      },
      showSaved: (id) => void this.reload(id),
      // Saved on scan: any way back to the list (Back, Esc, the shortcut) shows it.
      added: () => void this.loadAccounts().catch(() => undefined),
    })
    this.stopScanView = result.stop
    this.main.replaceChildren(result.el)
  }
}
