/**
 * Main process, without Electron: what the tray menu holds. Pinned time-based accounts by name (never
 * a code: the menu may be seen over a shoulder), each copying its code through the same channel the
 * list uses (clipboard:copy-code: the concealed clipboard formats, the clear after the chosen delay,
 * the last-used minute). tray.ts turns this into Electron's Menu.
 */
import { displayName } from '../../shared/accounts/display-name'
import { pinnedAccounts } from '../../shared/organise'
import type { AccountSummary } from '../../shared/types'

/** The most pinned accounts the menu lists; the rest are one click away in the window. */
export const TRAY_MAX_ACCOUNTS = 20

export interface TrayLabels {
  show: string
  quit: string
  /** The heading over the pinned accounts. */
  copyHeading: string
  /** In place of the accounts when none is pinned: how to get one here. */
  noPinned: string
}

/** One item of the menu, as Electron's MenuItemConstructorOptions takes it. */
export type TrayMenuItem =
  { type: 'separator' } | { label: string; enabled: false } | { label: string; click: () => void }

export interface TrayMenuActions {
  show(): void
  quit(): void
  copy(id: string): void
}

/** An account's name as a menu label: Electron reads `&` as a mnemonic marker on Windows and Linux. */
export function menuLabel(account: Pick<AccountSummary, 'issuer' | 'label'>): string {
  return displayName(account).replace(/&/g, '&&')
}

/** The menu for these accounts (in the list's order). */
export function trayMenuTemplate(
  accounts: readonly AccountSummary[],
  labels: TrayLabels,
  actions: TrayMenuActions,
): TrayMenuItem[] {
  // A HOTP code is copied only after the window showed it (copying never advances the counter).
  const pinned = pinnedAccounts(accounts)
    .filter((a) => a.type === 'totp')
    .slice(0, TRAY_MAX_ACCOUNTS)
  const copyItems: TrayMenuItem[] =
    pinned.length > 0
      ? [
          { label: labels.copyHeading, enabled: false },
          ...pinned.map((a) => ({ label: menuLabel(a), click: () => actions.copy(a.id) })),
        ]
      : [{ label: labels.noPinned, enabled: false }]
  return [
    ...copyItems,
    { type: 'separator' },
    { label: labels.show, click: () => actions.show() },
    { type: 'separator' },
    { label: labels.quit, click: () => actions.quit() },
  ]
}

/**
 * The handler table with `changed` run after every successful call that may change which accounts
 * are pinned, what they are called, or the language (the tray menu is rebuilt then). Reads are passed through as is.
 */
export function notifyAfterChanges<H extends Record<string, (...args: never[]) => Promise<unknown>>>(
  handlers: H,
  changed: () => void,
): H {
  const out = { ...handlers }
  for (const name of Object.keys(handlers) as (keyof H & string)[]) {
    if (!CHANGES_ACCOUNTS(name)) continue
    const handler = handlers[name]
    if (!handler) continue
    out[name] = (async (...args: never[]) => {
      const result = await handler(...args)
      changed()
      return result
    }) as H[typeof name]
  }
  return out
}

const READS = new Set(['accounts:list', 'accounts:preview-uri', 'accounts:preview-manual', 'accounts:deleted'])
const CHANGES_ACCOUNTS = (name: string) =>
  (name.startsWith('accounts:') && !READS.has(name) && name !== 'accounts:reveal-secret') ||
  name === 'import:commit' ||
  // The menu's own words follow the language.
  name === 'settings:set-language'
