// electron-builder configuration: `npm run dist` packs the bundles from build/bundle.mjs for the current
// platform. tests/packaging/ runs it through electron-builder's own loader and schema validation.
// Options: https://www.electron.build/configuration

/** Shown by macOS when scanning asks for the camera or the screen (what the app does with it, in one line). */
const CAMERA_USAGE = 'Warifu uses the camera only while you scan a 2FA QR code. Nothing is recorded or sent.'
const SCREEN_USAGE =
  'Warifu looks at your screen only when you ask it to scan for a 2FA QR code. Nothing is recorded or sent.'

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'app.warifu.desktop',
  productName: 'Warifu',
  copyright: 'Copyright © 2026 the Warifu authors',
  // dist/ holds the esbuild bundles, so installers go elsewhere.
  directories: { output: 'release', buildResources: 'build' },
  // Only the bundles and package.json; electron-builder adds the production node_modules (keytar, zxing-wasm, ...)
  // itself. Source maps stay out of the installers.
  files: ['dist/**', '!dist/**/*.map', 'package.json'],
  asar: true,
  // keytar's native addon must be a real file on disk for dlopen; zxing's .wasm is read with fs (asar-aware).
  asarUnpack: ['**/*.node'],
  // The browser extension as real folders beside app.asar (resources/extension/chromium, .../firefox):
  // "Connect a browser" names them for "Load unpacked", and a browser cannot load a folder inside an asar.
  extraResources: [{ from: 'dist/extension', to: 'extension', filter: ['chromium/**', 'firefox/**'] }],
  afterPack: './build/after-pack.mjs',
  // Installers are built and published by hand; never upload from a CI run by accident.
  publish: null,

  mac: {
    target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
    category: 'public.app-category.utilities',
    icon: 'build/icons/icon.icns',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.inherit.plist',
    extendInfo: {
      NSCameraUsageDescription: CAMERA_USAGE,
      // Apple documents no usage-string key for Screen Recording (granted in System Settings); this is shown where
      // a macOS release reads it and ignored elsewhere.
      NSScreenCaptureUsageDescription: SCREEN_USAGE,
    },
  },
  dmg: { writeUpdateInfo: false },

  linux: {
    target: ['AppImage', 'deb'],
    category: 'Utility',
    executableName: 'warifu',
    icon: 'build/icons/png',
    synopsis: 'TOTP authenticator with secrets in the OS keychain',
    description: 'A self-hosted desktop TOTP authenticator: codes right, secrets in the OS keychain, nothing lost.',
    maintainer: 'Warifu maintainers <maintainers@warifu.invalid>',
  },
  // electron-builder's default deb depends already include libsecret-1-0, which keytar needs; the secrets
  // themselves live in a Secret Service provider, which desktops usually have already.
  deb: { priority: 'optional', recommends: ['gnome-keyring | kwalletmanager | keepassxc'] },

  win: {
    target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
    icon: 'build/icons/icon.ico',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    // The account list lives in the user's data folder; an uninstall must not lose it.
    deleteAppDataOnUninstall: false,
  },
}

export default config
