import type { RunPlanInput } from '../../../shared/run-plan'
import { parseTypedNumber } from '../../../shared/typed-number'
import { typedSecondsAsMs } from '../../../shared/typed-seconds'
import { checkRunPlan } from '../../../shared/validation'
import {
  BODY_CONTENT_TYPES,
  formErrorsOf,
  INITIAL_PLAN_FORM_VALUES,
  stopAfterOf,
  type HeaderRow,
  type PlanFormCheck,
  type PlanFormInput,
  type PlanFormValues
} from './plan-form'
import { stageRowErrorOf, stagesOf } from './stage-rows'
import { compileFlow, fillVariables } from '../../../shared/flow/compile-flow'
import type { FlowPlan } from '../../../shared/flow/flow-plan'
import { parseThink } from '../../../shared/flow/flow-texts'
import { parseThresholdList } from '../../../shared/thresholds'
import { flowVariablesOf, stepDefinitionOf, thresholdsOf, type FlowFormValues } from '../flow/flow-form'
import { FLOW_CELL, flowCellOf, stepCell } from '../flow/flow-cells'

/**
 * The form's judge: the only part of the window that runs the shared validation (zod), so it is a
 * chunk of its own, loaded once the window has painted (see the plan slice's loadPlanJudge).
 */

/**
 * Reads the form into a plan and judges it with the shared validation: every message is the
 * schema's, put next to the field it was typed in. The one judgement of the form's own is the
 * body's JSON syntax (a body-editor concern the plan does not have): a JSON body that does not
 * parse is an error on the body, so it blocks Submit like any other.
 */
export function checkPlanForm(input: PlanFormInput): PlanFormCheck {
  const form: PlanFormValues = { ...INITIAL_PLAN_FORM_VALUES, ...input }
  if (form.flow) return checkFlowForm(form, form.flow)
  const check = checkRunPlan(planInputOf(form))
  const jsonProblem = form.bodyKind === 'json' ? jsonSyntaxProblem(form.body) : undefined
  if (check.ok && !jsonProblem) return check
  const errors = check.ok ? {} : formErrorsOf(check.errors)
  if (jsonProblem) errors.body ??= jsonProblem
  const failed: PlanFormCheck = { ok: false, errors }
  if (errors.headers) failed.headerRowErrors = headerRowErrorsOf(form)
  if (errors.stages) failed.stageRowErrors = stageRowErrorOf(errors.stages, form.stages)
  return failed
}

/** The rows that are sent: switched on, and not left blank. */
function sentRows(form: PlanFormValues): HeaderRow[] {
  return form.headers.filter((row) => row.enabled && (row.name.trim() !== '' || row.value.trim() !== ''))
}

function planInputOf(form: PlanFormValues): RunPlanInput {
  const headers = sentRows(form).map((row): [string, string] => [row.name.trim(), row.value.trim()])
  const hasBody = form.bodyKind !== 'none'
  if (form.bodyKind !== 'none' && !headers.some(([name]) => name.toLowerCase() === 'content-type')) {
    headers.push(['Content-Type', BODY_CONTENT_TYPES[form.bodyKind]])
  }
  const input: RunPlanInput = {
    url: form.url,
    method: form.method,
    headers,
    timeoutMs: parseTypedNumber(form.timeout),
    protocol: form.protocol,
    insecure: form.insecure,
    concurrency: parseTypedNumber(form.concurrency),
    pipelining: parseTypedNumber(form.pipelining)
  }
  if (hasBody) input.body = form.body
  const stopAfter = stopAfterOf(form)
  if (stopAfter === 'requests' || stopAfter === 'both') input.totalRequests = parseTypedNumber(form.totalRequests)
  if (stopAfter === 'duration' || stopAfter === 'both') input.durationMs = typedSecondsAsMs(form.duration)
  if (form.shaped) input.stages = stagesOf(form.stages)
  if (form.model === 'open') input.ratePerSecond = parseTypedNumber(form.ratePerSecond)
  if (form.workers.trim() !== '') input.workers = parseTypedNumber(form.workers)
  return input
}

/**
 * A flow typed in the designer: each cell's own words judged where typed (think time, thresholds),
 * the flow's by compileFlow (the judge the test file's reader and the CLI use, so `{{name}}` that
 * nothing defines gets the CLI's message), then the plan by the shared validation.
 */
function checkFlowForm(form: PlanFormValues, flowForm: FlowFormValues): PlanFormCheck {
  const cells: Record<string, string> = {}
  const steps = flowForm.steps.map((row) => {
    const think = row.think.trim() === '' ? undefined : parseThink(row.think.trim())
    if (row.think.trim() !== '' && !think) cells[stepCell(row.id, 'think')] = `"${row.think.trim()}" is not a think time: write one such as 500ms or 1s-3s.`
    const thresholds = parseThresholdList(thresholdsOf(row.thresholds))
    if (!thresholds.ok) cells[stepCell(row.id, 'thresholds')] = thresholds.message
    return stepDefinitionOf(row, think)
  })
  const flow: FlowPlan = { ...flowVariablesOf(flowForm), steps }
  const compiled = compileFlow(flow)
  if (!compiled.ok) for (const problem of compiled.problems) cells[flowCellOf(flowForm, problem)] ??= problem.message
  const input = planInputOf({ ...form, flow: undefined })
  const first = steps.find((step) => !step.disabled) ?? steps[0]
  input.url = fillVariables(first?.url ?? '', flow.variables).replace(/\{\{[^{}]*\}\}/g, 'x')
  input.flow = flow
  input.iterations = input.totalRequests
  delete input.totalRequests
  input.method = 'GET'
  input.headers = []
  delete input.body
  const check = checkRunPlan(input)
  if (check.ok && Object.keys(cells).length === 0) return check
  const errors = check.ok ? {} : formErrorsOf(check.errors)
  // The flow's problems are on their cells; the plan's message about them would only repeat the first.
  if (Object.keys(cells).length > 0) delete errors.flow
  if (errors.url) cells[FLOW_CELL] ??= errors.url
  if (Object.keys(cells).length > 0) errors.flow ??= 'Some steps need attention: see the marked cells.'
  return { ok: false, errors, flowCellErrors: cells }
}

function jsonSyntaxProblem(body: string): string | undefined {
  try {
    JSON.parse(body)
    return undefined
  } catch (error) {
    return `The body is not valid JSON: ${(error as Error).message}`
  }
}

/** Each sent row judged alone by the shared validation, to say which row a headers message is about. */
function headerRowErrorsOf(form: PlanFormValues): Record<number, string> {
  const rowErrors: Record<number, string> = {}
  for (const row of sentRows(form)) {
    const check = checkRunPlan({
      url: 'http://127.0.0.1/',
      totalRequests: 1,
      concurrency: 1,
      headers: [[row.name.trim(), row.value.trim()]]
    })
    if (!check.ok && check.errors.headers) rowErrors[row.id] = check.errors.headers
  }
  return rowErrors
}
