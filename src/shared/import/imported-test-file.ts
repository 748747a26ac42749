import { Document, isMap, isSeq } from 'yaml'
import type { StepDefinition } from '../flow/flow-definition'
import type { ImportedTest } from './imported-test'

/**
 * An imported test as a test file, version 2. Its load is one virtual user for one iteration: the
 * first run of an import proves the journey replays; the load is then the user's to choose.
 *
 * Interim: written here until the test file's own writer of version 2 (src/shared/test-file.ts,
 * issue 17) is merged, then this calls it. The keys are that writer's.
 */
export const IMPORTED_LOAD = { connections: 1, iterations: 1 } as const

export function importedTestFileText(imported: ImportedTest): string {
  const { flow } = imported
  const content: Record<string, unknown> = { stampede: 2, name: imported.name }
  if (flow.variables.length > 0) content.variables = Object.fromEntries(flow.variables)
  content.steps = flow.steps.map(stepContent)
  content.load = { ...IMPORTED_LOAD }
  const document = new Document(content)
  document.commentBefore = ' Imported by Stampede: run it with `stampede run FILE`, or open it in the app.'
  const steps = document.get('steps')
  if (isSeq(steps)) {
    for (const step of steps.items) {
      const checks = isMap(step) ? step.get('check') : undefined
      if (isSeq(checks)) checks.flow = true
    }
  }
  return document.toString({ lineWidth: 0 })
}

function stepContent(step: StepDefinition): Record<string, unknown> {
  const content: Record<string, unknown> = {}
  if (step.name !== undefined) content.name = step.name
  if (step.method !== 'GET') content.method = step.method
  content.url = step.url
  if (step.headers.length > 0) {
    const names = step.headers.map(([name]) => name.toLowerCase())
    content.headers = new Set(names).size === names.length ? Object.fromEntries(step.headers) : step.headers.map(([name, value]) => ({ [name]: value }))
  }
  if (step.body !== undefined) content.body = step.body
  if (step.captures.length > 0) {
    content.capture = Object.fromEntries(
      step.captures.map((capture) => [capture.variable, capture.source === 'regex' ? `regex '${capture.expression}'` : `${capture.source} ${capture.expression}`])
    )
  }
  if (step.checks.length > 0) content.check = step.checks
  if (step.think) content.think = step.think.minMs === step.think.maxMs ? `${step.think.minMs}ms` : `${step.think.minMs}ms-${step.think.maxMs}ms`
  return content
}
