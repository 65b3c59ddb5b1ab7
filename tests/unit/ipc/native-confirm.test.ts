/** Main's own confirmation (electron/app/native-confirm.ts) with Electron's dialog and Touch ID faked. */
import { describe, expect, it } from 'vitest'
import {
  confirmTexts,
  createConfirm,
  type ConfirmKind,
  type ConfirmPlatform,
  type MessageBoxOptions,
} from '../../../electron/app/native-confirm'

const MONEX = { issuer: 'Monex', label: 'taro' }

function fakeDialog(response: number | Promise<{ response: number }>) {
  const shown: MessageBoxOptions[] = []
  const platform: ConfirmPlatform = {
    showMessageBox: (options) => {
      shown.push(options)
      return typeof response === 'number' ? Promise.resolve({ response }) : response
    },
  }
  return { platform, shown }
}

describe('native confirmation', () => {
  it('asks in a warning box whose default and cancel button is Cancel, naming the account', async () => {
    const { platform, shown } = fakeDialog(1)
    const confirm = createConfirm(platform, () => Promise.resolve('en'))
    expect(await confirm({ kind: 'reveal-secret', accounts: [MONEX] })).toBe(false)
    expect(shown).toEqual([
      {
        type: 'warning',
        title: 'Warifu',
        message: 'Show the secret key of “Monex / taro”?',
        detail: expect.stringMatching(/nobody is watching/),
        buttons: ['Show key', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      },
    ])
  })

  it('says yes only for the confirm button', async () => {
    expect(
      await createConfirm(fakeDialog(0).platform, () => Promise.resolve('en'))({ kind: 'remove', accounts: [MONEX] }),
    ).toBe(true)
    for (const response of [1, 2, -1]) {
      const confirm = createConfirm(fakeDialog(response).platform, () => Promise.resolve('en'))
      expect(await confirm({ kind: 'remove', accounts: [MONEX] })).toBe(false)
    }
    const failing = createConfirm(fakeDialog(Promise.reject(new Error('no window'))).platform, () =>
      Promise.resolve('en'),
    )
    expect(await failing({ kind: 'remove', accounts: [MONEX] })).toBe(false)
  })

  it('speaks the UI language', async () => {
    const { platform, shown } = fakeDialog(1)
    await createConfirm(platform, () => Promise.resolve('ja'))({ kind: 'delete-forever', accounts: [MONEX] })
    expect(shown[0]).toMatchObject({
      message: '「Monex / taro」を完全に削除しますか？',
      buttons: ['完全に削除', 'キャンセル'],
    })
  })

  it('refuses a second request while one is open, so a page cannot stack dialogs', async () => {
    let answer: (r: { response: number }) => void = () => {}
    const { platform, shown } = fakeDialog(new Promise((resolve) => (answer = resolve)))
    const confirm = createConfirm(platform, () => Promise.resolve('en'))
    const first = confirm({ kind: 'reveal-secret', accounts: [MONEX] })
    expect(await confirm({ kind: 'phone-codes', accounts: [MONEX] })).toBe(false)
    answer({ response: 0 })
    expect(await first).toBe(true)
    expect(shown).toHaveLength(1)
  })

  it('uses Touch ID where the platform can prompt for it, a failure or cancel being a no', async () => {
    const reasons: string[] = []
    let pass = true
    const { platform, shown } = fakeDialog(0)
    platform.touchId = {
      canPrompt: () => true,
      prompt: (reason) => {
        reasons.push(reason)
        return pass ? Promise.resolve() : Promise.reject(new Error('cancelled'))
      },
    }
    const confirm = createConfirm(platform, () => Promise.resolve('en'))
    expect(await confirm({ kind: 'reveal-secret', accounts: [MONEX] })).toBe(true)
    pass = false
    expect(await confirm({ kind: 'reveal-secret', accounts: [MONEX] })).toBe(false)
    expect(reasons).toEqual(['show the secret key of “Monex / taro”', 'show the secret key of “Monex / taro”'])
    expect(shown).toEqual([])

    platform.touchId.canPrompt = () => false
    expect(await confirm({ kind: 'reveal-secret', accounts: [MONEX] })).toBe(true)
    expect(shown).toHaveLength(1)
  })

  it.each<ConfirmKind>(['reveal-secret', 'phone-codes', 'account-qr', 'remove', 'delete-forever'])(
    'has a distinct, named text for %s in both languages',
    (kind) => {
      for (const language of ['en', 'ja'] as const) {
        const texts = confirmTexts({ kind, accounts: [MONEX, { issuer: '', label: '' }] }, language)
        expect(texts.message).toMatch(kind === 'phone-codes' ? /2/ : /Monex \/ taro/)
        expect(texts.confirm).not.toBe(texts.cancel)
      }
    },
  )

  it('lists at most five accounts in the phone-codes box, then counts the rest', () => {
    const accounts = Array.from({ length: 8 }, (_, i) => ({ issuer: `S${i}`, label: '' }))
    const { detail } = confirmTexts({ kind: 'phone-codes', accounts }, 'en')
    expect(detail).toMatch(/S4\nand 3 more$/)
    expect(detail).not.toContain('S5')
  })
})
