/**
 * Sites in the UI: the short line under an account's name, the copy toast's "Enter only at ...", and the
 * two site pickers (the edit dialog's list, saved at once through accounts:set-sites, and the proposals
 * of an account being added, saved with it). Main parses every site (parseSite); the page only shows.
 */
import type { AccountSummary } from '../../shared/types'
import { h } from '../components/dom'
import { isComposing } from '../components/ime'
import { t } from '../i18n'

/** The first site and "+N" for the rest, or '' when there is none. */
export function sitesShort(sites: readonly string[]): string {
  const [first] = sites
  if (first === undefined) return ''
  return sites.length > 1 ? `${first} ${t('sites.more', { count: sites.length - 1 })}` : first
}

/** "monex.co.jp or monex.com": every site, joined the way the copy toast says them. */
export function sitesSpoken(sites: readonly string[]): string {
  return sites.join(t('copy.or'))
}

/** The line the copy toast adds: where the code belongs, or quietly that no site is set. */
export function copyWarning(account: Pick<AccountSummary, 'sites'>): { text: string; hasSite: boolean } {
  return account.sites.length > 0
    ? { text: t('copy.onlyAt', { sites: sitesSpoken(account.sites) }), hasSite: true }
    : { text: t('copy.noSite'), hasSite: false }
}

let fieldIds = 0

/** The "Add site" input with its button and the error line under it (aria-invalid / aria-describedby). */
export function siteInput(label: string): {
  el: HTMLElement
  label: HTMLElement
  input: HTMLInputElement
  button: HTMLButtonElement
  showError(text: string): void
  clearError(): void
} {
  const id = `site-error-${++fieldIds}`
  const input = h('input', {
    name: 'site',
    type: 'text',
    autocomplete: 'off',
    spellcheck: 'false',
    inputmode: 'url',
    placeholder: t('sites.addPlaceholder'),
    'aria-label': label,
  })
  const button = h('button', { type: 'button', class: 'button small', 'data-action': 'add-site' }, t('sites.add'))
  const error = h('small', { id, class: 'site-error', 'data-kind': 'error', hidden: true })
  const clearError = () => {
    input.removeAttribute('aria-invalid')
    input.removeAttribute('aria-describedby')
    error.textContent = ''
    error.hidden = true
  }
  input.addEventListener('input', clearError)
  const caption = h('span', { class: 'field-label' }, label)
  return {
    label: caption,
    el: h('div', { class: 'site-add' }, caption, h('div', { class: 'site-add-row' }, input, button), error),
    input,
    button,
    showError: (text) => {
      error.textContent = text
      error.hidden = false
      input.setAttribute('aria-invalid', 'true')
      input.setAttribute('aria-describedby', id)
    },
    clearError,
  }
}

/** The edit dialog's sites: a list with × per site and the Add field; each change goes through `save`. */
export function renderSitesEditor(
  initial: readonly string[],
  save: (sites: string[]) => Promise<string[]>,
  errorTextOf: (error: unknown) => string,
): { el: HTMLElement; input: HTMLInputElement } {
  let sites = [...initial]
  const list = h('ul', { class: 'site-chips', 'aria-label': t('sites.label') })
  const add = siteInput(t('sites.add'))
  // The legend already says "Sites" and the button "Add site": the caption stays for screen readers only.
  add.label.hidden = true
  const draw = () => {
    list.replaceChildren(
      ...(sites.length === 0
        ? [h('li', { class: 'site-none' }, t('sites.empty'))]
        : sites.map((site) =>
            h(
              'li',
              { class: 'site-chip' },
              h('span', { class: 'site-name' }, site),
              h(
                'button',
                {
                  type: 'button',
                  class: 'chip-remove',
                  'data-action': 'remove-site',
                  'data-site': site,
                  title: t('sites.remove', { site }),
                  'aria-label': t('sites.remove', { site }),
                  onclick: () => void change(sites.filter((s) => s !== site)),
                },
                '×',
              ),
            ),
          )),
    )
  }
  let busy = false
  /** Saves the new list; main answers with the parsed one (a pasted URL becomes its domain). */
  const change = async (next: string[], fromInput = false): Promise<void> => {
    if (busy) return
    busy = true
    try {
      sites = await save(next)
      if (fromInput) add.input.value = ''
      add.clearError()
      draw()
      if (fromInput) add.input.focus()
    } catch (error) {
      add.showError(errorTextOf(error))
      add.input.focus()
    } finally {
      busy = false
    }
  }
  const submit = () => {
    const typed = add.input.value.trim()
    if (typed !== '') void change([...sites, typed], true)
  }
  add.button.addEventListener('click', submit)
  // Enter in the field adds the site; it must not submit the dialog's names form.
  add.input.addEventListener('keydown', (e) => {
    // (Not the Enter that confirms an IME conversion: a Japanese domain is still being typed.)
    if (e.key !== 'Enter' || isComposing(e)) return
    e.preventDefault()
    submit()
  })
  draw()
  return {
    el: h(
      'fieldset',
      { class: 'sites-editor' },
      h('legend', { class: 'field-label' }, t('sites.label')),
      list,
      add.el,
      h('small', { class: 'hint' }, t('sites.hint')),
    ),
    input: add.input,
  }
}

/**
 * The sites of an account being added: the proposals as ticked boxes ("Site: monex.co.jp") and a field
 * for another. `sites()` is what goes with the add call; main parses it and refuses a bad one.
 */
export class SitePicker {
  readonly el = h('div', { class: 'site-picker' })
  private proposed: string[] = []
  private readonly unticked = new Set<string>()
  private readonly add = siteInput(t('sites.other'))

  constructor(proposed: readonly string[] = []) {
    this.add.button.hidden = true
    this.setProposed(proposed)
  }

  /** The proposals for the issuer as it reads now (typed entry: they follow the issuer field). */
  setProposed(proposed: readonly string[]): void {
    if (proposed.join('\n') === this.proposed.join('\n') && this.el.childElementCount > 0) return
    this.proposed = [...proposed]
    const boxes = this.proposed.map((site) => {
      const box = h('input', {
        type: 'checkbox',
        name: 'proposed-site',
        value: site,
        checked: !this.unticked.has(site),
      })
      box.addEventListener('change', () => {
        if (box.checked) this.unticked.delete(site)
        else this.unticked.add(site)
      })
      return h('label', { class: 'check site-proposed' }, box, h('span', {}, t('sites.proposed', { site })))
    })
    const hint = boxes.length > 0 ? [h('small', { class: 'hint' }, t('sites.proposedHint'))] : []
    this.add.label.textContent = boxes.length > 0 ? t('sites.another') : t('sites.other')
    this.el.replaceChildren(...boxes, ...hint, this.add.el)
  }

  /** The sites to save: ticked proposals, then what was typed. */
  sites(): string[] {
    const typed = this.add.input.value.trim()
    const kept = this.proposed.filter((s) => !this.unticked.has(s))
    return typed === '' || kept.includes(typed) ? kept : [...kept, typed]
  }

  /** Main refused a site (INVALID_SITE): the typed one is the only one it can be. */
  showError(text: string): void {
    this.el.closest('details')?.setAttribute('open', '')
    this.add.showError(text)
    this.add.input.focus()
  }
}

/** The copy toast: "Enter only at monex.co.jp" first and strong, or the usual text and a quiet "No site set". */
export function copyToast(
  account: Pick<AccountSummary, 'sites'>,
  clearAfterSeconds: number,
  next = false,
): HTMLElement {
  const warning = copyWarning(account)
  const done = h(
    'span',
    { class: 'toast-line' },
    t(next ? 'copy.nextDone' : 'copy.done', { seconds: clearAfterSeconds }),
  )
  return warning.hasSite
    ? h('span', { class: 'copy-toast' }, h('strong', { class: 'toast-line toast-site' }, warning.text), done)
    : h('span', { class: 'copy-toast' }, done, h('span', { class: 'toast-line toast-quiet' }, warning.text))
}

/** The one-time suggestion for an existing account: one quiet line, "Add monex.co.jp" or "Not now". */
export function renderSiteSuggestion(
  name: string,
  sites: readonly string[],
  actions: { accept(): void; dismiss(): void },
): HTMLElement {
  const site = sitesSpoken(sites)
  return h(
    'div',
    { class: 'note site-suggestion', 'data-testid': 'site-suggestion' },
    h('span', { class: 'suggestion-text', title: t('suggest.text', { name }) }, t('suggest.text', { name })),
    h(
      'span',
      { class: 'reminder-actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'link-button strong',
          'data-action': 'suggestion-accept',
          title: site,
          onclick: () => actions.accept(),
        },
        t('suggest.accept', { site: sitesShort(sites) }),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'link-button',
          'data-action': 'suggestion-dismiss',
          onclick: () => actions.dismiss(),
        },
        t('suggest.dismiss'),
      ),
    ),
  )
}

/** The picker in an add step: open when something is proposed, else folded behind "Add site". */
export function renderPickerBlock(picker: SitePicker, open: boolean): HTMLElement {
  return open
    ? h('div', { class: 'site-block' }, picker.el)
    : h('details', { class: 'site-block' }, h('summary', {}, t('sites.add')), picker.el)
}
