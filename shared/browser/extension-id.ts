/**
 * The browser companion's fixed identity. The native host answers only this extension, and
 * the host manifests name only it, so the ids must never depend on where it was loaded from.
 *
 * Chromium derives an extension's id from the public key in its manifest's `key` field
 * (SHA-256 of the DER SubjectPublicKeyInfo, first 32 hex digits written with a–p). The private
 * half was thrown away: an unpacked or self-distributed extension needs only the public key.
 * A store listing signs with the store's own key and gets another id; add it here then.
 */

/** Base64 DER SubjectPublicKeyInfo, the Chromium manifest's `key`. */
export const CHROMIUM_EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEApDupl6sn65+4i0lJisJ8OK4CS0iyTtxokEhlrVOUYqOsslSlz6hfOR5gSf7n9j5bHNSU3BovrNm+ynTZSLTgJ+BgSEMBpY6iiRRwGNqtgNMrLTRnvs9Sh0Q31TVFdKEwq+fHeVoJpAowTWxUSfWBOpV9vKhpTrHnm/RGSwkBvpokZO6HPyKPkBJXc581k/SEvc3an08mQYFwWVmuspo39Y1wB1Qe3k9cY9RgdwR6dU49SP/cw0iDKqopA/i0OWoB3GjEHjm1j3WsI0Ze8TdYOb8rN4fy8K+USY+lmWo4OdIl7Ar80nZpjCAMdyW/HqFE64IxNexK38vG9Na9YzzJmwIDAQAB'

/** The id Chromium gives the extension with that key (a test recomputes it from the key). */
export const CHROMIUM_EXTENSION_ID = 'bmmjlaipoknhpkmjfcbmahihadglagib'

/** Firefox's id for it, pinned with `browser_specific_settings.gecko.id`. */
export const FIREFOX_EXTENSION_ID = '{ab2b8506-48cc-453e-84f8-8ffbe44da822}'

/** The native messaging host's name, in every browser's manifest and `connectNative` call. */
export const NATIVE_HOST_NAME = 'warifu.browser_host'
