import type { FieldErrors } from './validation'
import { checkRunPlan } from './validation'
import type { RunPlan } from './run-plan'
import { parseThresholdList } from './thresholds'
import { testNameProblem } from './test-name'

/**
 * A test: a named request + load (shape included) + thresholds. What the sidebar lists, what a test
 * file (./test-file.ts) holds, and what a run is filed under in the history.
 */
export interface TestDefinition {
  name: string
  plan: RunPlan
  /** Threshold expressions as typed (./thresholds.ts parses them). */
  thresholds: string[]
}

/** A test as the history database keeps it. */
export interface SavedTest extends TestDefinition {
  id: number
  /** The run the test's later runs are compared with by default; null for none. */
  baselineRunId: number | null
  /** ISO 8601. */
  createdAt: string
  updatedAt: string
}


export type TestCheck =
  | { ok: true; test: TestDefinition }
  | { ok: false; message: string; errors?: FieldErrors }

/**
 * The one check of a test from outside (the page over IPC, an imported file after ./test-file.ts
 * has read it): the plan by the plan's schema, the thresholds by their parser, the name trimmed.
 */
export function checkTestDefinition(input: unknown): TestCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, message: 'A test is an object with a name, a plan and thresholds.' }
  }
  const { name, plan, thresholds } = input as Record<string, unknown>
  const nameProblem = testNameProblem(name)
  if (nameProblem) return { ok: false, message: nameProblem }
  const planCheck = checkRunPlan(plan)
  if (!planCheck.ok) return { ok: false, message: planCheck.message ?? 'The test\'s plan is not valid.', errors: planCheck.errors }
  const parsed = parseThresholdList(thresholds ?? [])
  if (!parsed.ok) return { ok: false, message: parsed.message }
  return {
    ok: true,
    test: {
      name: (name as string).trim(),
      plan: planCheck.plan,
      thresholds: parsed.thresholds.map((threshold) => threshold.expression)
    }
  }
}
