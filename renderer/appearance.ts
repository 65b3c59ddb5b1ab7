/** The theme and density on the document: data-theme ("light" | "dark", the OS's when the choice is "system") and data-density. */

/** The theme the user chose; "system" follows the OS and its changes. */
export type ThemeChoice = 'system' | 'light' | 'dark'
/** Row spacing: "compact" fits about half again as many codes in the window. */
export type Density = 'comfortable' | 'compact'

let unwatch = () => {}

/** Sets data-theme and data-density on <html>; with "system", follows the OS's light/dark as it changes. */
export function applyAppearance(
  theme: ThemeChoice,
  density: Density,
  root: HTMLElement = document.documentElement,
): void {
  unwatch()
  unwatch = () => {}
  root.dataset.density = density
  if (theme !== 'system') {
    root.dataset.theme = theme
    return
  }
  const query = window.matchMedia('(prefers-color-scheme: dark)')
  const follow = () => {
    root.dataset.theme = query.matches ? 'dark' : 'light'
  }
  follow()
  query.addEventListener('change', follow)
  unwatch = () => query.removeEventListener('change', follow)
}
