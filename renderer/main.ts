/** Renderer entry: starts the app once the DOM is parsed (the script is deferred). */
import { App } from './app'
import { applyAppearance } from './appearance'

// The OS's theme at once; the saved choice replaces it when the settings arrive.
applyAppearance('system', 'comfortable')
const root = document.getElementById('app')
if (root) {
  void new App(root).start()
}
