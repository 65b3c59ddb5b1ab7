/** Undo steps run last-first, each on its own: one failing step is reported and the others still run. */
export interface CleanupStack {
  push(step: () => Promise<void> | void): void
  /** Runs every step pushed so far, newest first, and empties the stack. */
  run(): Promise<void>
}

/** A stack of undo steps for a harness; `label` names the harness in a failed step's report. */
export function cleanupStack(label: string): CleanupStack {
  const steps: (() => Promise<void> | void)[] = []
  return {
    push: (step) => void steps.push(step),
    async run() {
      for (const step of steps.splice(0).reverse()) {
        try {
          await step()
        } catch (error) {
          console.error(`${label}: cleanup step failed: ${error instanceof Error ? error.message : String(error)}`)
        }
      }
    },
  }
}
