/**
 * Google Authenticator transfer codes, one at a time with Next and Previous (← → work too), and the
 * accounts they leave out. The codes hold the secrets: the canvas is wiped when the view closes.
 */
import type { PhoneCodes } from '../../shared/ipc/channels'
import { h } from '../components/dom'
import { qrCanvas, wipeCanvas } from '../components/qr-canvas'
import { displayName } from '../format'
import { t } from '../i18n'
import type { MessageKey } from '../i18n/en'

const LIMIT_KEY = {
  algorithm: 'phone.limit.algorithm',
  digits: 'phone.limit.digits',
  period: 'phone.limit.period',
} as const satisfies Record<PhoneCodes['leftOut'][number]['limit'], MessageKey>

/** Pixels a module: big enough for a phone camera across a desk, small enough for a 440 px window. */
const MODULE_PIXELS = 4

export function renderPhoneCodes(phone: PhoneCodes, done: () => void): { el: HTMLElement; stop: () => void } {
  let index = 0
  let canvas: HTMLCanvasElement | undefined
  const frame = h('div', { class: 'qr-frame' })
  const counter = h('p', { class: 'qr-counter', 'aria-live': 'polite' })
  const prev = h('button', { type: 'button', class: 'button', 'data-action': 'prev-code' }, `← ${t('phone.prev')}`)
  const next = h(
    'button',
    { type: 'button', class: 'button primary', 'data-action': 'next-code' },
    `${t('phone.next')} →`,
  )
  const finish = h('button', { type: 'button', class: 'button', 'data-action': 'phone-done' }, t('phone.done'))

  const show = (i: number) => {
    index = Math.max(0, Math.min(phone.codes.length - 1, i))
    if (canvas) wipeCanvas(canvas)
    const label = t('phone.counter', { n: index + 1, total: phone.codes.length })
    canvas = qrCanvas(phone.codes[index]!, MODULE_PIXELS, label)
    frame.replaceChildren(canvas)
    counter.textContent = label
    prev.disabled = index === 0
    next.hidden = index === phone.codes.length - 1
    finish.classList.toggle('primary', next.hidden)
    ;(next.hidden ? finish : next).focus()
  }
  prev.addEventListener('click', () => show(index - 1))
  next.addEventListener('click', () => show(index + 1))
  finish.addEventListener('click', done)
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowRight') show(index + 1)
    else if (e.key === 'ArrowLeft') show(index - 1)
  }
  document.addEventListener('keydown', onKey)

  const leftOut =
    phone.leftOut.length === 0
      ? undefined
      : h(
          'div',
          { class: 'note' },
          t('phone.leftOut', { count: phone.leftOut.length }),
          h(
            'ul',
            { class: 'left-out' },
            phone.leftOut.map((a) => h('li', {}, h('strong', {}, displayName(a)), ' — ', t(LIMIT_KEY[a.limit]))),
          ),
        )

  const el =
    phone.codes.length === 0
      ? h(
          'div',
          { class: 'phone-codes' },
          h('h1', { class: 'view-title' }, t('phone.title')),
          h('p', {}, t('phone.none')),
          leftOut,
          h('div', { class: 'button-row' }, finish),
        )
      : h(
          'div',
          { class: 'phone-codes' },
          h('h1', { class: 'view-title' }, t('phone.title')),
          h('p', { class: 'hint' }, t('phone.howTo', { count: phone.exported })),
          counter,
          frame,
          h('div', { class: 'button-row' }, prev, next, finish),
          leftOut,
        )
  if (phone.codes.length > 0) show(0)
  return {
    el,
    stop: () => {
      document.removeEventListener('keydown', onKey)
      if (canvas) wipeCanvas(canvas)
    },
  }
}
