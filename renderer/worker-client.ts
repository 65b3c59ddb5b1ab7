/** The page's side of a worker: one worker, started on first use, requests matched by id. */

/**
 * A sender to the worker at `script`: each request gets the worker's reply with its id, or
 * undefined when the worker failed (every waiting request then gets undefined, and the next one
 * starts a fresh worker).
 */
export function workerClient<Request extends { id: number }, Reply extends { id: number }>(
  script: string,
): (request: Omit<Request, 'id'>, transfer?: Transferable[]) => Promise<Reply | undefined> {
  let worker: Worker | undefined
  let nextId = 1
  const pending = new Map<number, (reply: Reply | undefined) => void>()

  const getWorker = (): Worker => {
    if (worker) return worker
    worker = new Worker(script)
    worker.onmessage = (e: MessageEvent<Reply>) => {
      const reply = e.data
      const settle = pending.get(reply.id)
      pending.delete(reply.id)
      settle?.(reply)
    }
    worker.onerror = () => {
      for (const settle of pending.values()) settle(undefined)
      pending.clear()
      worker?.terminate()
      worker = undefined
    }
    return worker
  }

  return (request, transfer = []) => {
    const id = nextId++
    return new Promise((resolve) => {
      pending.set(id, resolve)
      getWorker().postMessage({ id, ...request }, transfer)
    })
  }
}
