/** Pure: an account's name as one line of text, for menus, prompts and messages. */

/** "Issuer (label)", or whichever of the two is set, or `fallback` when neither is. */
export function displayName(account: { issuer: string; label: string }, fallback = ''): string {
  if (account.issuer && account.label) return `${account.issuer} (${account.label})`
  return account.issuer || account.label || fallback
}
