import { describe, expect, it } from 'vitest'
import { fillTime } from '../../../renderer/views/browser-view'

// Local times: the view writes the user's own clock.
const FILLED = new Date(2026, 10, 26, 9, 31).getTime()

describe('browser-view fillTime', () => {
  it('writes the time alone for a fill made today, in 24-hour form', () => {
    expect(fillTime(FILLED, new Date(2026, 10, 26, 23, 59).getTime())).toBe('09:31')
  })

  it('adds the date for a fill made on another day (the app kept running overnight)', () => {
    expect(fillTime(FILLED, new Date(2026, 10, 27, 0, 1).getTime())).toBe('11/26, 09:31')
  })
})
