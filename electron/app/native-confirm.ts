/**
 * Main process: main's own confirmation of what a page must never do alone (show a secret,
 * show the phone transfer codes that carry every secret, delete an account). The renderer
 * cannot draw, fake or click these: they are the OS's own message box, parented to our window
 * with Cancel as the default, or Touch ID on a Mac that has it. Electron is injected (see
 * main.ts), so the texts and the decisions run in plain Node tests.
 */

/** What the page asked for; each names the accounts it touches. */
export type ConfirmKind = 'reveal-secret' | 'phone-codes' | 'account-qr' | 'remove' | 'delete-forever'

export interface ConfirmRequest {
  kind: ConfirmKind
  /** The accounts concerned, as stored (names are cleaned of control and bidi characters on the way in). */
  accounts: { issuer: string; label: string }[]
}

/** Resolves true only when the user said yes in main's own dialog (or Touch ID). */
export type Confirm = (request: ConfirmRequest) => Promise<boolean>

/** The few Electron calls this needs: dialog.showMessageBox bound to our window, systemPreferences on macOS. */
export interface ConfirmPlatform {
  showMessageBox(options: MessageBoxOptions): Promise<{ response: number }>
  /** Touch ID, where the platform offers it (macOS systemPreferences); absent elsewhere. */
  touchId?: { canPrompt(): boolean; prompt(reason: string): Promise<void> }
}

/** The subset of Electron's MessageBoxOptions we set. */
export interface MessageBoxOptions {
  type: 'warning'
  title: string
  message: string
  detail: string
  buttons: string[]
  defaultId: number
  cancelId: number
  noLink: true
}

type Language = 'ja' | 'en'

/** At most this many names are listed in a dialog; the rest are counted. */
const MAX_NAMES = 5

function accountName(a: { issuer: string; label: string }, language: Language): string {
  const name = [a.issuer, a.label].filter(Boolean).join(' / ')
  return name || (language === 'ja' ? '(名前なし)' : '(no name)')
}

function nameList(accounts: ConfirmRequest['accounts'], language: Language): string {
  const names = accounts.slice(0, MAX_NAMES).map((a) => `• ${accountName(a, language)}`)
  const more = accounts.length - MAX_NAMES
  if (more > 0) names.push(language === 'ja' ? `ほか ${more} 件` : `and ${more} more`)
  return names.join('\n')
}

/** The dialog's texts and the Touch ID reason, in the UI's language. */
export function confirmTexts(
  request: ConfirmRequest,
  language: Language,
): { title: string; message: string; detail: string; confirm: string; cancel: string; touchIdReason: string } {
  const first = request.accounts[0] ? accountName(request.accounts[0], language) : ''
  const count = request.accounts.length
  const ja = language === 'ja'
  const cancel = ja ? 'キャンセル' : 'Cancel'
  const title = 'Warifu'
  switch (request.kind) {
    case 'reveal-secret':
      return ja
        ? {
            title,
            cancel,
            message: `「${first}」のセットアップキーを表示しますか？`,
            detail:
              'セットアップキーを見た人は誰でもこのアカウントのコードを作れます。画面を誰にも見られていないことを確かめてください。',
            confirm: '表示する',
            touchIdReason: `「${first}」のセットアップキーを表示`,
          }
        : {
            title,
            cancel,
            message: `Show the secret key of “${first}”?`,
            detail: 'Anyone who sees the key can make this account’s codes. Make sure nobody is watching your screen.',
            confirm: 'Show key',
            touchIdReason: `show the secret key of “${first}”`,
          }
    case 'phone-codes':
      return ja
        ? {
            title,
            cancel,
            message: `${count} 件のアカウントのセットアップキーを QR コードで表示しますか？`,
            detail: `スマートフォンの Google Authenticator に移すためのコードです。撮影した人は誰でもコードを作れます。\n\n${nameList(request.accounts, language)}`,
            confirm: 'QR コードを表示',
            touchIdReason: `${count} 件のアカウントのセットアップキーを QR コードで表示`,
          }
        : {
            title,
            cancel,
            message: `Show the secret keys of ${count} account${count === 1 ? '' : 's'} as QR codes?`,
            detail: `These codes move the accounts to Google Authenticator on a phone. Anyone who photographs them can make your codes.\n\n${nameList(request.accounts, language)}`,
            confirm: 'Show codes',
            touchIdReason: `show the secret keys of ${count} account${count === 1 ? '' : 's'} as QR codes`,
          }
    case 'account-qr':
      return ja
        ? {
            title,
            cancel,
            message: `「${first}」を QR コードで表示しますか？`,
            detail:
              'スマートフォンの認証アプリで読み取ると、このアカウントを移せます。QR コードにはセットアップキーが含まれ、撮影した人は誰でもこのアカウントのコードを作れます。画面を誰にも見られていないことを確かめてください。',
            confirm: 'QR コードを表示',
            touchIdReason: `「${first}」を QR コードで表示`,
          }
        : {
            title,
            cancel,
            message: `Show “${first}” as a QR code?`,
            detail:
              'An authenticator app on a phone can scan it to take this account. The code holds the setup key: anyone who photographs it can make this account’s codes. Make sure nobody is watching your screen.',
            confirm: 'Show QR code',
            touchIdReason: `show “${first}” as a QR code`,
          }
    case 'remove':
      return ja
        ? {
            title,
            cancel,
            message: `「${first}」を削除しますか？`,
            detail: '「最近削除した項目」に移ります。30 日以内ならそこから元に戻せます。',
            confirm: '削除',
            touchIdReason: `「${first}」を削除`,
          }
        : {
            title,
            cancel,
            message: `Delete “${first}”?`,
            detail: 'It moves to Recently deleted, where you can restore it for 30 days.',
            confirm: 'Delete',
            touchIdReason: `delete “${first}”`,
          }
    case 'delete-forever':
      return ja
        ? {
            title,
            cancel,
            message: `「${first}」を完全に削除しますか？`,
            detail:
              'セットアップキーがキーチェーンから消え、元に戻せません。別の方法（別の端末やリカバリーコード）でログインできることを先に確かめてください。',
            confirm: '完全に削除',
            touchIdReason: `「${first}」を完全に削除`,
          }
        : {
            title,
            cancel,
            message: `Delete “${first}” forever?`,
            detail:
              'Its secret key is removed from the keychain and cannot be restored. Make sure you can sign in another way (another device or recovery codes) first.',
            confirm: 'Delete forever',
            touchIdReason: `delete “${first}” forever`,
          }
  }
}

/**
 * The Confirm main's handlers use. One question at a time: while one is open, further requests
 * are refused at once, so a page cannot stack dialogs for a hurried user to click through.
 */
export function createConfirm(platform: ConfirmPlatform, language: () => Promise<Language>): Confirm {
  let open = false
  return async (request) => {
    if (open) return false
    open = true
    try {
      const texts = confirmTexts(request, await language())
      if (platform.touchId?.canPrompt()) {
        // Touch ID rejects when the user cancels or fails: that is a no.
        return await platform.touchId.prompt(texts.touchIdReason).then(
          () => true,
          () => false,
        )
      }
      const { response } = await platform.showMessageBox({
        type: 'warning',
        title: texts.title,
        message: texts.message,
        detail: texts.detail,
        buttons: [texts.confirm, texts.cancel],
        // Enter, Escape and closing the box all mean Cancel.
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      })
      return response === 0
    } catch {
      return false
    } finally {
      open = false
    }
  }
}
