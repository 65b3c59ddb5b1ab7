import { describe, expect, it } from 'vitest'
import { estimatedBits, MIN_PASSWORD_LENGTH, passwordStrength } from '../../../shared/backup/password-strength'

describe('the backup password strength hint', () => {
  it.each([
    ['', 'empty'],
    ['abc', 'too-short'],
    ['Ab1!xyz', 'too-short'],
    // The patterns tried first are weak at any length.
    ['aaaaaaaaaaaaaaaaaaaa', 'weak'],
    ['abababababababab', 'weak'],
    ['1234567890123', 'weak'],
    ['12345678', 'weak'],
    ['zyxwvutsrqp', 'weak'],
    ['Password', 'weak'],
    ['qwertyuiop', 'weak'],
    ['kitchens', 'weak'],
    ['kitchen table', 'fair'],
    ['Tr0ub4dor&3', 'fair'],
    ['correct horse battery staple', 'strong'],
    ['x7#Kq9!mZ2$pW4', 'strong'],
    ['割符で守るバックアップ', 'fair'],
    ['割符で守る大切なバックアップです', 'strong'],
  ] as const)('%j is %s', (password, expected) => {
    expect(passwordStrength(password)).toBe(expected)
  })

  it('counts characters, not UTF-16 units, against the minimum length', () => {
    // Seven emoji are fourteen UTF-16 units but seven characters.
    expect(passwordStrength('🔑🗝🔐🔒🔓🏦💴')).toBe('too-short')
    expect(MIN_PASSWORD_LENGTH).toBe(8)
  })

  it('grows with length and with each character class', () => {
    expect(estimatedBits('abcdefghij')).toBeLessThan(estimatedBits('abcdefghijkl'))
    expect(estimatedBits('abcdefgh')).toBeLessThan(estimatedBits('abcdEfgh'))
    expect(estimatedBits('abcdEfgh')).toBeLessThan(estimatedBits('abcdEfg1'))
    expect(estimatedBits('abcdEfg1')).toBeLessThan(estimatedBits('abcdEf!1'))
  })
})
