/** Main process: a 32x32 key glyph (black on transparent; a template image on macOS) for the tray. */
export const TRAY_ICON_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAe0lEQVR4Ae3BQRKDIAAEwRnK/395kysFKqIpD6GbZVn+npwLffIA2RfGyA3SF66RSdIKc2TCxhiphYdILbSkL7TkIqmFmhwL8+Sr8LLCywovKxwL+0JLQEBqAtJRqEkrtEJLJmyMCT9SaMl1Mkn2hTFyg5wLfbIsy/KADzz4ECEHaWj5AAAAAElFTkSuQmCC'
