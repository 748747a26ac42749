import { availableParallelism } from 'node:os'

/**
 * How many engine processes a run uses unless told otherwise: one per core, less one left for
 * everything else (the UI or the CLI, the OS, and often the target itself on a developer's machine).
 */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism() - 1)
}
