import { stepName } from '../shared/flow/flow-definition'
import type { TestDefinition } from '../shared/saved-test'
import { parseStepThresholds, parseThreshold, unknownStepProblem, type Threshold } from '../shared/thresholds'

/**
 * The thresholds a run is judged by: --threshold as given, or else the test file's, its steps' own
 * (`thresholds:` under a step) with them. --threshold replaces them all, as it replaces the file's
 * other values. A threshold naming a step the test does not send is refused here, before the run.
 * Returns the thresholds, or the message for the flag or the file.
 */
export function readThresholds(typed: readonly string[] | undefined, testFile?: { file: string; test: TestDefinition }): Threshold[] | string {
  const source = typed === undefined && testFile ? `${testFile.file}: thresholds` : '--threshold'
  const thresholds: Threshold[] = []
  for (const text of typed ?? testFile?.test.thresholds ?? []) {
    const parsed = parseThreshold(text)
    if (!parsed.ok) return `${source}: ${parsed.message}`
    thresholds.push(parsed.threshold)
  }
  const sentSteps = (testFile?.test.plan.flow?.steps ?? []).filter((step) => step.disabled !== true)
  if (typed === undefined && testFile) {
    const ofSteps = parseStepThresholds(sentSteps)
    if (!ofSteps.ok) return `${testFile.file}: ${ofSteps.message}`
    thresholds.push(...ofSteps.thresholds)
  }
  const problem = unknownStepProblem(thresholds, sentSteps.map(stepName))
  return problem === undefined ? thresholds : `${source}: ${problem}`
}
