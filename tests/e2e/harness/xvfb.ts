/** A throwaway X server (Xvfb) for headful Chromium: screen capture and the X clipboard need one. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'

export interface XServer {
  /** ":N", for DISPLAY. */
  display: string
  stop(): Promise<void>
}

export const hasXvfb = (): boolean => spawnSync('sh', ['-c', 'command -v Xvfb'], { encoding: 'utf8' }).status === 0

/** Starts Xvfb on a free display number (it picks one and reports it on -displayfd). */
export async function startXvfb(size = '1280x800x24'): Promise<XServer> {
  const child: ChildProcess = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', size, '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const display = await new Promise<string>((resolve, reject) => {
    let text = ''
    const fd3 = child.stdio[3] as NodeJS.ReadableStream
    fd3.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      if (text.includes('\n')) resolve(`:${text.trim()}`)
    })
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${stderr.trim().slice(0, 300)}`)))
    setTimeout(() => reject(new Error('Xvfb did not report a display within 10 s')), 10_000).unref()
  })
  return {
    display,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
