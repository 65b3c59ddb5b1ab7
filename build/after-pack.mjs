// electron-builder afterPack hook (wired in build/electron-builder.config.mjs): flips Electron's fuses in
// the packed app before electron-builder signs it, then reads the wire back so a silent no-op fails the build.
// Fuses: https://www.electronjs.org/docs/latest/tutorial/fuses
import { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses'
import path from 'node:path'

/** builder-util's Arch enum values that need an ad-hoc re-signature after flipping on Apple silicon. */
const ARCH_ARM64 = 3
const ARCH_UNIVERSAL = 4

/** Whether the platform's Electron checks the asar header hash embedded by electron-builder (macOS, Windows; not Linux). */
export function supportsAsarIntegrity(platform) {
  return platform === 'darwin' || platform === 'mas' || platform === 'win32'
}

/** The fuse settings for one platform and builder-util Arch; fuses not named keep Electron's default. */
export function fuseConfigFor(platform, arch) {
  const config = {
    version: FuseVersion.V1,
    // Flipping breaks the ad-hoc signature an arm64 binary needs to start at all; electron-builder signs afterwards.
    resetAdHocDarwinSignature:
      (platform === 'darwin' || platform === 'mas') && (arch === ARCH_ARM64 || arch === ARCH_UNIVERSAL),
    // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node with keychain access.
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    // NODE_OPTIONS=--require and --inspect would let anyone who can set the environment run code in main.
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // Only the (integrity-checked where supported) app.asar is loaded, never a loose resources/app folder.
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    // The page comes from warifu://app/ (electron/app/renderer-protocol.ts), so file:// pages need
    // none of the extra powers Electron gives them by default (reading any local file, service workers).
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  }
  if (supportsAsarIntegrity(platform)) config[FuseV1Options.EnableEmbeddedAsarIntegrityValidation] = true
  return config
}

/**
 * The file @electron/fuses patches, as electron-builder names it: the renamed executable on Linux
 * (executableName) and Windows (productFilename.exe), the .app bundle on macOS (fuses resolves the framework).
 */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`)
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`)
    case 'linux':
      return path.join(appOutDir, packager.executableName)
    default:
      throw new Error(`after-pack: no Electron binary layout known for platform "${electronPlatformName}"`)
  }
}

/** The fuses of `config` whose state in `wire` differs from the requested one (empty when all took effect). */
export function fusesNotApplied(config, wire) {
  const ENABLE = 49
  const DISABLE = 48
  const wrong = []
  for (const [key, want] of Object.entries(config)) {
    const index = Number(key)
    if (!Number.isInteger(index)) continue
    if (wire[index] !== (want ? ENABLE : DISABLE)) wrong.push(FuseV1Options[index] ?? `fuse ${index}`)
  }
  return wrong
}

/** electron-builder calls this with an AfterPackContext once per platform and arch. */
export async function afterPack(context) {
  const binary = electronBinaryPath(context)
  const config = fuseConfigFor(context.electronPlatformName, context.arch)
  await flipFuses(binary, config)
  const wrong = fusesNotApplied(config, await getCurrentFuseWire(binary))
  if (wrong.length > 0) throw new Error(`after-pack: fuses not applied in ${binary}: ${wrong.join(', ')}`)
  console.log(`  • after-pack: fuses flipped in ${path.basename(binary)}`)
}

export default afterPack
