/**
 * The one search fold, shared by the renderer's search box and the vault's search/find (so the
 * `warifu` command matches what the list shows). Pure: no DOM, no node:*.
 */

/**
 * Folds text for matching: NFKC (full-width letters -> ASCII, half-width kana -> kana), lower case,
 * and hiragana -> katakana, so まねっくす, ﾏﾈｯｸｽ and マネックス all find マネックス証券.
 */
export function fold(text: string): string {
  const s = text.normalize('NFKC').toLowerCase()
  // Hiragana U+3041..U+3096 and the iteration marks ゝゞ (U+309D/E) sit 0x60 below their katakana.
  // Most names hold no hiragana: the replace (and its new string) is skipped for them.
  return /[\u3041-\u3096\u309d\u309e]/.test(s)
    ? s.replace(/[\u3041-\u3096\u309d\u309e]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    : s
}
