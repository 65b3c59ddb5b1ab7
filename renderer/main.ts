/** Renderer entry: starts the app once the DOM is parsed (the script is deferred). */
import { App } from './app'

const root = document.getElementById('app')
if (root) {
  void new App(root).start()
}
