/** Passwords for `warifu export/import`: from a file or a terminal prompt without echo, never from argv. */
import { readFile } from 'node:fs/promises'
import { UsageError } from '../../../shared/errors'

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
 * cancels too instead of waiting forever.
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
        if (ch === '\u0003') return done(new UsageError('Cancelled.'))
        if (ch === '\u0004') return done(new UsageError('Cancelled (end of input).'))
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1)
        else if (ch >= ' ') value.push(ch)
      }
    }
    const onEnd = () => done(new UsageError('Cancelled (the terminal closed).'))
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
