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

/** Asks on the terminal with echo off; refuses when standard input is not a terminal. */
export function promptPassword(question: string): Promise<string> {
  const stdin = process.stdin
  if (!stdin.isTTY) return Promise.reject(new UsageError('No terminal to ask for a password; use --password-file.'))
  process.stderr.write(question)
  return new Promise((resolve, reject) => {
    let value = ''
    stdin.setRawMode(true)
    stdin.resume()
    stdin.setEncoding('utf8')
    const done = (error?: Error) => {
      stdin.setRawMode(false)
      stdin.pause()
      stdin.off('data', onData)
      process.stderr.write('\n')
      if (error) reject(error)
      else resolve(value)
    }
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done()
        if (ch === '\u0003') return done(new UsageError('Cancelled.'))
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1)
        else value += ch
      }
    }
    stdin.on('data', onData)
  })
}
