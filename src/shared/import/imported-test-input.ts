import { fillVariables } from '../flow/compile-flow'
import { PLAN_DEFAULTS } from '../run-plan'
import type { TestDefinition } from '../saved-test'
import type { ImportedTest } from './imported-test'

/**
 * An imported test as a test to save: its flow, and a load of one virtual user for one iteration.
 * The first run of an import proves the journey replays; the load is then the user's to choose.
 * Not yet judged: main (saveTest) and the CLI (./imported-test-file.ts) check it as every test is.
 */
export const IMPORTED_LOAD = { concurrency: 1, iterations: 1 } as const

export function importedTestInput(imported: ImportedTest): TestDefinition {
  const { flow } = imported
  const first = flow.steps.find((step) => !step.disabled) ?? flow.steps[0]
  return {
    name: imported.name,
    plan: {
      method: first?.method ?? PLAN_DEFAULTS.method,
      // A flow's url is its first step's with the file's variables filled in, for display (../run-plan.ts).
      url: first ? fillVariables(first.url, flow.variables) : '',
      headers: [],
      concurrency: IMPORTED_LOAD.concurrency,
      iterations: IMPORTED_LOAD.iterations,
      pipelining: PLAN_DEFAULTS.pipelining,
      protocol: PLAN_DEFAULTS.protocol,
      timeoutMs: PLAN_DEFAULTS.timeoutMs,
      insecure: PLAN_DEFAULTS.insecure,
      // An import has no data file.
      flow: { variables: flow.variables, steps: flow.steps }
    },
    thresholds: []
  }
}
