import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Keychain tests share one Secret Service; run files one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits for the app (a backup's key derivation, a redraw) as long as a slow, busy
    // machine needs: 1 s by default, which an export missed with both cores taken. A poll that
    // succeeds returns at once, so only a failing test waits the whole time.
    expect: { poll: { timeout: 15_000 } },
    reporters: ['default'],
  },
})
