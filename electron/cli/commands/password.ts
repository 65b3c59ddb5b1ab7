/**
 * Passwords for `warifu export/import`: from a file or a terminal prompt without echo, never from
 * argv. Also a link or setup key given as "-", asked the same way at a terminal.
 */
import { readFile } from 'node:fs/promises'
import { lengthHint, MIN_PASSWORD_LENGTH } from '../../../shared/backup/password-strength'
import { NotConfirmedError, UsageError } from '../../../shared/errors'
import { cancelled } from '../confirm'
import type { CliIo } from '../io'
import { passwordStrengthLine } from '../password-hint'

/** The file's text as UTF-8, less one trailing newline. */
export async function readPasswordFile(path: string): Promise<string> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new UsageError('The password file cannot be read.')
  })
  return text.replace(/\r?\n$/, '')
}

// Keys typed after Enter (a fast typist, or a paste holding two lines) belong to the next prompt.
let typedAhead = ''

/**
 * Asks on the terminal with echo off; refuses when standard input is not a terminal. Enter ends
 * the answer, Backspace deletes a character, Ctrl+C cancels, and Ctrl+D or a closed terminal
 * cancels too instead of waiting forever. A cancel exits 1 (NOT_CONFIRMED), not as a usage error.
 */
export function promptPassword(question: string): Promise<string> {
  const stdin = process.stdin
  if (!stdin.isTTY) return Promise.reject(new UsageError('No terminal to ask for a password; use --password-file.'))
  // Echo goes off before the question shows: a key typed the moment it appears is never echoed.
  stdin.setRawMode(true)
  process.stderr.write(question)
  return new Promise((resolve, reject) => {
    let value: string[] = []
    stdin.setEncoding('utf8')
    const done = (error?: Error) => {
      stdin.setRawMode(false)
      stdin.pause()
      stdin.off('data', onData)
      stdin.off('end', onEnd)
      process.stderr.write('\n')
      if (error) reject(error)
      else resolve(value.join(''))
    }
    const onData = (chunk: string) => {
      // Arrow and function keys arrive as escape sequences: they are not part of a password.
      // eslint-disable-next-line no-control-regex -- matching the terminal's escape sequences is the point
      const chars = [...chunk.replace(/\u001b\[[0-9;]*[A-Za-z~]/g, '')]
      for (const [i, ch] of chars.entries()) {
        if (ch === '\r' || ch === '\n') {
          typedAhead = chars.slice(i + 1).join('')
          return done()
        }
        if (ch === '\u0003') return done(cancelled())
        if (ch === '\u0004') return done(new NotConfirmedError('Cancelled (end of input).'))
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1)
        else if (ch >= ' ') value.push(ch)
      }
    }
    const onEnd = () => done(new NotConfirmedError('Cancelled (the terminal closed).'))
    stdin.on('data', onData)
    stdin.once('end', onEnd)
    stdin.resume()
    if (typedAhead !== '') {
      const ahead = typedAhead
      typedAhead = ''
      onData(ahead)
    }
  })
}

/** How many times a new password may be mistyped (differing, or too short) before giving up. */
export const NEW_PASSWORD_TRIES = 3

/**
 * A new password typed twice at the terminal, with the app's strength hint shown before the
 * second. A too-short answer or a differing confirmation asks again, up to NEW_PASSWORD_TRIES
 * times in all, then fails with nothing written (exit 1).
 */
export async function promptNewPassword(): Promise<string> {
  let problem = ''
  for (let attempt = 1; attempt <= NEW_PASSWORD_TRIES; attempt++) {
    // The last failure is said once, by the error that ends the command.
    const tryAgain = attempt < NEW_PASSWORD_TRIES ? ' Try again.' : ''
    const password = await promptPassword('Backup password: ')
    if (lengthHint(password) !== undefined) {
      problem = `Use a password of at least ${MIN_PASSWORD_LENGTH} characters.`
      if (tryAgain) process.stderr.write(`${problem}${tryAgain}\n`)
      continue
    }
    // The app's hint, shown before the confirmation so a weak choice can still change.
    process.stderr.write(`${await passwordStrengthLine(password)}\n`)
    if ((await promptPassword('Again: ')) === password) return password
    problem = 'The passwords differ.'
    if (tryAgain) process.stderr.write(`${problem}${tryAgain}\n`)
  }
  throw new NotConfirmedError(`${problem} Gave up after ${NEW_PASSWORD_TRIES} tries; nothing was written.`)
}

/**
 * What "-" stands for: at a terminal, asked with echo off and ended by Enter (a link or key typed
 * there must not stay on the screen, and nobody thinks of Ctrl+D); from a pipe, all of it.
 */
export function readSecretInput(io: CliIo, question: string): Promise<string> {
  return process.stdin.isTTY ? promptPassword(question) : io.readStdin()
}
