/** Main process: the tray icon, a 32x32 key glyph on transparent. */

/** Black: macOS template image (the menu bar tints it for light and dark). */
export const TRAY_TEMPLATE_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAe0lEQVR4Ae3BQRKDIAAEwRnK/395kysFKqIpD6GbZVn+npwLffIA2RfGyA3SF66RSdIKc2TCxhiphYdILbSkL7TkIqmFmhwL8+Sr8LLCywovKxwL+0JLQEBqAtJRqEkrtEJLJmyMCT9SaMl1Mkn2hTFyg5wLfbIsy/KADzz4ECEHaWj5AAAAAElFTkSuQmCC'

/** Mid blue: readable on the light and dark panels of Windows and Linux desktops. */
export const TRAY_COLOR_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAoklEQVR4AcXBQQ7CMBRDwWcrt+J2HJqtQWIVpWlDW/Rn9Hi+qGSKmWKmmClmiplipljjWNgmbtCYC/vCl7jAbAvrwgVmFH4XTmqsEb1wE9MLIzESo3BCY5+YExB6YZ34MMVMMVPM7AtzYSRAgOgJEBtMT4zCKIzECY014U/MSPxOnKTH88VEWCMuaMyJr7BN3KBxTPyRKWaKmWKmmClmiplib8Y5FrW/32Y3AAAAAElFTkSuQmCC'
