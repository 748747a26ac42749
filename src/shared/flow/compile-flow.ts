import type { KeyPath } from '../test-file-source'
import { headerProblem, urlProblem } from '../validation'
import { compileCapture, type CompiledCapture } from './capture'
import { compileCheck, type CompiledCheck } from './check'
import { stepName, type StepDefinition, type ThinkTime } from './flow-definition'
import { DEFAULT_BODY_LIMIT_BYTES, type FlowPlan } from './flow-plan'
import type { ResponseNeeds } from './step-response'
import { compileTemplate, type CompiledTemplate } from './template'

/**
 * A flow compiled once, before the run (Gatling's expressions, compiled when the simulation is
 * built): every template into parts and slots, every capture into an extractor, every check into a
 * predicate. The engine runs this form; nothing is parsed per request. compileFlow is also the one
 * judge of a flow's words: the test file's reader and main's validation both ask it.
 *
 * Variables live in one array per iteration (VariableValues), a slot per name: the file's
 * variables first, then the data file's columns, then the captures. A name is defined for a step
 * when the file or the data gives it, or an earlier step captures it.
 */

export interface CompiledStep {
  /** Where the step is in the file's list (disabled steps included). */
  index: number
  name: string
  method: string
  url: CompiledTemplate
  headers: ReadonlyArray<readonly [name: string, value: CompiledTemplate]>
  body: CompiledTemplate | undefined
  captures: ReadonlyArray<{ capture: CompiledCapture; slot: number }>
  checks: readonly CompiledCheck[]
  think: ThinkTime | undefined
  /** What the engine reads of each response: the body only when a capture or check reads it. */
  needs: ResponseNeeds
  bodyLimitBytes: number
}

export interface CompiledFlow {
  /** The steps that are sent (disabled ones left out), in order. */
  steps: readonly CompiledStep[]
  /** Slots in an iteration's VariableValues. */
  slotCount: number
  /** Each iteration starts from these values (the file's variables), then its data row's. */
  initialValues: ReadonlyArray<string | undefined>
  /** The slot of each data column, in the file's column order. */
  dataSlots: readonly number[]
}

/** One thing wrong, at its key in the file (`['steps', 1, 'capture', 'token']`). */
export interface FlowProblem {
  path: KeyPath
  /** The step's index in the file's list, when the problem is a step's. */
  step?: number
  message: string
}

export type FlowCompile = { ok: true; flow: CompiledFlow } | { ok: false; problems: FlowProblem[] }

export function compileFlow(flow: FlowPlan): FlowCompile {
  const problems: FlowProblem[] = []
  const slots = new Map<string, number>()
  const slotOf = (name: string): number => {
    let slot = slots.get(name)
    if (slot === undefined) slots.set(name, (slot = slots.size))
    return slot
  }
  const initialValues: Array<string | undefined> = []
  const defined = new Set<string>()
  for (const [name, value] of flow.variables) {
    initialValues[slotOf(name)] = value
    defined.add(name)
  }
  const dataSlots = (flow.data?.columns ?? []).map((column) => {
    defined.add(column)
    return slotOf(column)
  })
  const capturedLater = new Map<string, number>()
  flow.steps.forEach((step, index) => {
    if (!step.disabled) for (const capture of step.captures) if (!capturedLater.has(capture.variable)) capturedLater.set(capture.variable, index)
  })

  const steps: CompiledStep[] = []
  flow.steps.forEach((step, index) => {
    if (step.disabled) return
    const problem = (path: KeyPath, message: string): void => {
      problems.push({ path: ['steps', index, ...path], step: index, message })
    }
    const template = (text: string, path: KeyPath): CompiledTemplate | undefined => {
      const read = compileTemplate(text, slotOf)
      if (!read.ok) return void problem(path, read.message)
      for (const name of read.template.variables) {
        if (defined.has(name)) continue
        const later = capturedLater.get(name)
        const note = later === undefined ? '' : ` (step ${later + 1} captures it, but not before this step)`
        problem(path, `{{${name}}} is not defined: no variable, data column, built-in or earlier step's capture gives it${note}.`)
      }
      return read.template
    }
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(step.method) || step.method === 'CONNECT') {
      problem(['method'], 'The method must be one word, such as GET or POST (CONNECT cannot be load tested).')
    }
    const url = template(step.url, ['url'])
    const shownUrl = fillVariables(step.url, flow.variables)
    const urlMessage = urlProblem(shownUrl.replace(/\{\{[^{}]*\}\}/g, 'x'))
    if (url && urlMessage) problem(['url'], urlMessage)
    const headers = step.headers.flatMap(([name, value]) => {
      const message = headerProblem(name, value.replace(/\{\{[^{}]*\}\}/g, ''))
      if (message) problem(['headers', name], message)
      const compiled = template(value, ['headers', name])
      return compiled ? [[name, compiled] as const] : []
    })
    const body = step.body === undefined ? undefined : template(step.body, ['body'])
    if (step.body !== undefined && step.method === 'HEAD') problem(['body'], 'A HEAD request cannot have a body.')
    const needs: ResponseNeeds = { body: false, headers: false }
    const captures = step.captures.flatMap((definition) => {
      const compiled = compileCapture(definition)
      if (!compiled.ok) {
        problem(['capture', definition.variable], compiled.message)
        return []
      }
      mergeNeeds(needs, compiled.capture.needs)
      defined.add(definition.variable)
      return [{ capture: compiled.capture, slot: slotOf(definition.variable) }]
    })
    const checks = step.checks.flatMap((text, checkIndex) => {
      const compiled = compileCheck(text)
      if (!compiled.ok) {
        problem(['check', checkIndex], compiled.message)
        return []
      }
      mergeNeeds(needs, compiled.check.needs)
      return [compiled.check]
    })
    if (!url) return
    steps.push({
      index,
      name: stepName(step),
      method: step.method,
      url,
      headers,
      body,
      captures,
      checks,
      think: step.think,
      needs,
      bodyLimitBytes: step.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES
    })
  })
  if (flow.steps.length > 0 && flow.steps.every((step) => step.disabled)) {
    problems.push({ path: ['steps'], message: 'Every step is disabled: enable at least one.' })
  }
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, flow: { steps, slotCount: slots.size, initialValues, dataSlots } }
}

/** The text with the file's variables filled in (data, captures and built-ins left as written). */
export function fillVariables(text: string, variables: ReadonlyArray<readonly [string, string]>): string {
  const values = new Map(variables)
  return text.replace(/\{\{\s*([^{}$]*?)\s*\}\}/g, (slot, name: string) => values.get(name) ?? slot)
}

/** A flow of one step with nothing to fill in, capture, check, wait for or read: one request, today's hot path. */
export function isPlainRequest(flow: FlowPlan): StepDefinition | undefined {
  if (flow.data || flow.steps.length !== 1) return undefined
  const [step] = flow.steps
  const texts = [step.url, step.body ?? '', ...step.headers.map(([, value]) => value)]
  const plain =
    step.name === undefined &&
    !step.disabled &&
    step.captures.length === 0 &&
    step.checks.length === 0 &&
    step.think === undefined &&
    step.thresholds.length === 0 &&
    step.bodyLimitBytes === undefined &&
    texts.every((text) => !text.includes('{{'))
  return plain ? step : undefined
}

function mergeNeeds(into: ResponseNeeds, needs: ResponseNeeds): void {
  into.body ||= needs.body
  into.headers ||= needs.headers
}
