/**
 * The settings menu behind the header's gear: display language, theme, density and the clipboard-clear
 * delay. Each change applies at once and is saved by main (settings:set-language / settings:update).
 */
import type { AppSettings, SettingsPatch } from '../../shared/ipc/channels'
import { CLIPBOARD_CLEAR_CHOICES, DENSITIES, THEMES } from '../../shared/ipc/channels'
import { h } from '../components/dom'
import { t } from '../i18n'

/** What the menu shows and what it calls on a change. */
export interface SettingsMenuOptions {
  settings: Omit<AppSettings, 'locale' | 'sort'>
  /** Resolves once the page is redrawn in the new language (the menu then redraws itself). */
  changeLanguage(language: AppSettings['language']): Promise<void>
  change(patch: SettingsPatch): void
  /** Opens "Connect a browser" (the menu closes first). */
  connectBrowser: () => void
}

/** One labelled select: the label names the setting, so 「システムに合わせる」 is never read alone. */
function select<V extends string | number>(
  name: string,
  label: string,
  values: readonly V[],
  current: V,
  text: (v: V) => string,
  onChange: (v: V) => void,
): HTMLElement {
  const id = `setting-${name}`
  const el = h(
    'select',
    { id, name },
    ...values.map((v) => h('option', { value: String(v), selected: v === current }, text(v))),
  )
  el.addEventListener('change', () => onChange(values.find((v) => String(v) === el.value) ?? current))
  return h('div', { class: 'field' }, h('label', { class: 'field-label', for: id }, label), el)
}

/** "Hide codes until clicked": a checkbox, its label the whole line. */
function hideCodesSwitch(on: boolean, onChange: (on: boolean) => void): HTMLElement {
  const box = h('input', { type: 'checkbox', id: 'setting-hide-codes', name: 'hideCodes', checked: on })
  box.addEventListener('change', () => onChange(box.checked))
  return h('label', { class: 'check' }, box, h('span', {}, t('settings.hideCodes')))
}

/** "Connect a browser…": closes the menu, then opens its own dialog (one modal at a time). */
function connectBrowserItem(closeMenu: () => void, open: () => void): HTMLElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'button settings-item',
      'data-action': 'connect-browser',
      onclick: () => {
        closeMenu()
        open()
      },
    },
    t('settings.browser'),
  )
}

/** Opens the settings dialog; resolves when it closes. */
export function settingsMenu(options: SettingsMenuOptions): Promise<void> {
  return new Promise((resolve) => {
    const s = { ...options.settings }
    const form = h('form', { method: 'dialog' })
    const fill = () =>
      form.replaceChildren(
        h('h2', { id: 'settings-title' }, t('settings.title')),
        select(
          'language',
          t('lang.label'),
          ['system', 'ja', 'en'] as const,
          s.language,
          (v) => t(`lang.${v}`),
          (v) => {
            s.language = v
            void options.changeLanguage(v).then(() => {
              // The menu's own words change language too; the focus stays on the select.
              fill()
              form.querySelector<HTMLElement>('#setting-language')?.focus()
            })
          },
        ),
        select(
          'theme',
          t('settings.theme'),
          THEMES,
          s.theme,
          (v) => t(`settings.theme.${v}`),
          (theme) => {
            s.theme = theme
            options.change({ theme })
          },
        ),
        select(
          'density',
          t('settings.density'),
          DENSITIES,
          s.density,
          (v) => t(`settings.density.${v}`),
          (density) => {
            s.density = density
            options.change({ density })
          },
        ),
        select(
          'clipboard',
          t('settings.clipboard'),
          CLIPBOARD_CLEAR_CHOICES,
          s.clipboardSeconds,
          (v) => t('settings.seconds', { count: v }),
          (clipboardSeconds) => {
            s.clipboardSeconds = clipboardSeconds
            options.change({ clipboardSeconds })
          },
        ),
        hideCodesSwitch(s.hideCodes === true, (hideCodes) => {
          s.hideCodes = hideCodes
          options.change({ hideCodes })
        }),
        connectBrowserItem(() => dialog.close(), options.connectBrowser),
        h(
          'div',
          { class: 'dialog-actions' },
          h(
            'button',
            { type: 'submit', class: 'button primary', 'data-action': 'settings-close' },
            t('settings.close'),
          ),
        ),
      )
    fill()
    const dialog = h('dialog', { class: 'dialog settings', 'aria-labelledby': 'settings-title' }, form)
    dialog.addEventListener('close', () => {
      dialog.remove()
      resolve()
    })
    document.body.append(dialog)
    dialog.showModal()
    dialog.querySelector('select')?.focus()
  })
}
