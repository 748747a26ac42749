import type { CurlRequest } from '../../../shared/curl-command'
import { PLAN_DEFAULTS, type RunPlan } from '../../../shared/run-plan'
import { BODY_CONTENT_TYPES, headerRow, type BodyKind, type PlanFormValues, type StopAfter } from './plan-form'
import { stageRowsOf } from './stage-rows'
import { thinkText } from '../../../shared/flow/flow-texts'
import { flowFormOf } from '../flow/flow-form'

// The way back, from a plan or a cURL command to the form (./plan-form.ts reads the form into a plan).

/** The form that reads back into `plan`: what a remembered plan restores. */
export function planToForm(plan: RunPlan): PlanFormValues {
  const body = bodyOf(plan.body, plan.headers)
  // A flow counts iterations where a single request counts requests: the same field.
  const planned = plan.flow ? plan.iterations : plan.totalRequests
  const count = planned !== undefined
  const duration = plan.durationMs !== undefined
  const stopAfter: StopAfter = count && duration ? 'both' : duration ? 'duration' : count || !plan.stages ? 'requests' : 'shape'
  return {
    url: plan.url,
    method: plan.method,
    headers: body.headers.map(([name, value]) => headerRow(name, value)),
    bodyKind: body.kind,
    body: plan.body ?? '',
    timeout: String(plan.timeoutMs),
    protocol: plan.protocol,
    insecure: plan.insecure,
    stopAfter,
    totalRequests: String(planned ?? PLAN_DEFAULTS.totalRequests),
    duration: plan.durationMs === undefined ? '' : String(plan.durationMs / 1000),
    model: plan.ratePerSecond === undefined ? 'closed' : 'open',
    concurrency: String(plan.concurrency),
    ratePerSecond: plan.ratePerSecond === undefined ? '' : String(plan.ratePerSecond),
    pipelining: String(plan.pipelining),
    workers: plan.workers === undefined ? '' : String(plan.workers),
    shaped: plan.stages !== undefined,
    stages: stageRowsOf(plan.stages ?? []),
    ...(plan.flow ? { flow: flowFormOf(plan.flow, thinkText) } : {})
  }
}

/** The form with an imported cURL command's request in place of the request it had. */
export function formWithCurlRequest(form: PlanFormValues, request: CurlRequest): PlanFormValues {
  const body = bodyOf(request.body, request.headers, { keepContentType: true })
  return {
    ...form,
    url: request.url,
    method: request.method,
    headers: body.headers.map(([name, value]) => headerRow(name, value)),
    bodyKind: body.kind,
    body: request.body ?? '',
    timeout: request.timeoutMs === undefined ? form.timeout : String(request.timeoutMs),
    protocol: request.protocol ?? form.protocol,
    insecure: request.insecure
  }
}

/**
 * A body's kind, from its Content-Type: JSON when it says so, text otherwise. The header is dropped
 * when it is exactly the one the kind is sent with anyway, unless asked to keep it.
 */
function bodyOf(
  body: string | undefined,
  headers: ReadonlyArray<[string, string]>,
  { keepContentType = false } = {}
): { kind: BodyKind; headers: Array<[string, string]> } {
  if (body === undefined) return { kind: 'none', headers: [...headers] }
  const contentTypes = headers.filter(([name]) => name.toLowerCase() === 'content-type')
  const kind = contentTypes.some(([, value]) => /json/i.test(value)) ? 'json' : 'text'
  const implied = !keepContentType && contentTypes.length === 1 && contentTypes[0][1] === BODY_CONTENT_TYPES[kind]
  return { kind, headers: implied ? headers.filter((header) => header !== contentTypes[0]) : [...headers] }
}
