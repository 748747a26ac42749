import { CookieJar } from 'tough-cookie'
import { Agent, request, type Dispatcher } from 'undici'
import type { CaptureOutcome } from '../shared/flow/capture'
import { checkFailureNote } from '../shared/flow/check'
import { compileFlow, type CompiledStep, type FlowProblem } from '../shared/flow/compile-flow'
import type { FlowPlan } from '../shared/flow/flow-plan'
import type { StepResponse } from '../shared/flow/step-response'
import type { IterationContext } from '../shared/flow/template'
import {
  TRY_ONCE_BODY_CHARS,
  type TriedResponse,
  type TriedStep,
  type TryOnceResult
} from '../shared/flow/try-once-result'
import type { RunPlan } from '../shared/run-plan'
import { firstDataRows } from './data-preview'

/**
 * Try once: one iteration of a plan's flow, with the data file's first row, each step sent once and
 * shown as sent and answered, with each capture's value (or why none) and each check's verdict.
 * How a flow is debugged before it loads a server (Postman's runner, k6 Studio's validator). Plain
 * Node, on the flow as compileFlow compiled it, so the window (through main) and the CLI share it.
 * A plan without a flow is tried as its one request. Think time is not waited for: nothing is
 * measured here.
 */

const ONE_ITERATION: IterationContext = { iteration: 0, vu: 0 }

export type TryOnceOutcome = { ok: true; result: TryOnceResult } | { ok: false; problems: FlowProblem[] }

/** `plan` is already validated (checkRunPlan). */
export async function tryOnce(plan: RunPlan): Promise<TryOnceOutcome> {
  const flow = plan.flow ?? planAsFlow(plan)
  const compiled = compileFlow(flow)
  if (!compiled.ok) return { ok: false, problems: compiled.problems }
  const { steps, initialValues, dataSlots, slotCount } = compiled.flow
  const values: Array<string | undefined> = Array.from({ length: slotCount }, (_, slot) => initialValues[slot])
  const result: TryOnceResult = { steps: [] }
  if (flow.data) {
    const row = firstDataRows(flow.data.file, 1)[0] ?? {}
    result.dataRow = row
    flow.data.columns.forEach((column, index) => (values[dataSlots[index]] = row[column]))
  }
  const jar = new CookieJar()
  const agent = new Agent({ connections: 1, connect: { rejectUnauthorized: !plan.insecure } })
  try {
    for (const step of steps) {
      const tried = await sendStep(step, values, jar, agent, plan.timeoutMs)
      result.steps.push(tried)
      if (tried.error) {
        result.stoppedEarly = `Step ${step.index + 1} "${step.name}" got no response: the iteration ends there.`
        break
      }
      const failed = tried.captures.find((capture) => capture.why !== undefined)
      if (failed) {
        result.stoppedEarly = `Step ${step.index + 1} "${step.name}": capture ${failed.variable} found nothing, so the iteration ends there.`
        break
      }
    }
  } finally {
    await agent.close()
  }
  return { ok: true, result }
}

async function sendStep(
  step: CompiledStep,
  values: Array<string | undefined>,
  jar: CookieJar,
  dispatcher: Dispatcher,
  timeoutMs: number
): Promise<TriedStep> {
  const url = step.url.render(values, ONE_ITERATION)
  const headers: Array<[string, string]> = step.headers.map(([name, value]) => [name, value.render(values, ONE_ITERATION)])
  const cookies = await jar.getCookieString(url).catch(() => '')
  if (cookies !== '' && !headers.some(([name]) => name.toLowerCase() === 'cookie')) headers.push(['Cookie', cookies])
  const body = step.body?.render(values, ONE_ITERATION)
  const tried: TriedStep = { index: step.index, name: step.name, request: { method: step.method, url, headers, body }, captures: [], checks: [] }
  const started = performance.now()
  let response: Awaited<ReturnType<typeof request>>
  try {
    response = await request(url, {
      method: step.method as Dispatcher.HttpMethod,
      headers: headers.flat(),
      body,
      dispatcher,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs)
    })
  } catch (error) {
    tried.error = error instanceof Error ? error.message : String(error)
    return tried
  }
  const { text, cut } = await readLimited(response.body, step.bodyLimitBytes)
  const latencyMs = performance.now() - started
  const responseHeaders = headerPairs(response.headers)
  for (const [name, value] of responseHeaders) {
    if (name.toLowerCase() === 'set-cookie') await jar.setCookie(value, url, { ignoreError: true }).catch(() => undefined)
  }
  const jarCookies = await jar.getCookies(url).catch(() => [])
  const stepResponse: StepResponse = {
    status: response.statusCode,
    latencyMs,
    header: (lowerCaseName) => responseHeaders.find(([name]) => name.toLowerCase() === lowerCaseName)?.[1],
    body: text,
    bodyCut: cut,
    cookie: (name) => jarCookies.find((cookie) => cookie.key === name)?.value
  }
  let parsed: { json: unknown } | undefined
  const parsedJson = (): unknown => {
    if (!parsed) {
      try {
        parsed = { json: JSON.parse(text) as unknown }
      } catch {
        parsed = { json: undefined }
      }
    }
    return parsed.json
  }
  tried.response = shownResponse(stepResponse, responseHeaders)
  for (const { capture, slot } of step.captures) {
    const outcome: CaptureOutcome = capture.extract(stepResponse, parsedJson)
    if (outcome.ok) values[slot] = outcome.value
    tried.captures.push(
      outcome.ok
        ? { variable: capture.variable, capture: capture.text, value: outcome.value }
        : { variable: capture.variable, capture: capture.text, why: outcome.why }
    )
  }
  for (const check of step.checks) {
    const passed = check.judge(stepResponse, parsedJson)
    const note = passed ? undefined : checkFailureNote(stepResponse)
    tried.checks.push(note === undefined ? { check: check.text, passed } : { check: check.text, passed, note })
  }
  return tried
}

/** Reads up to `limit` bytes of a body, then stops reading it: a huge body is not held. */
async function readLimited(body: AsyncIterable<Buffer> & { destroy(): void }, limit: number): Promise<{ text: string; cut: boolean }> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    chunks.push(chunk)
    size += chunk.length
    if (size > limit) {
      body.destroy()
      return { text: Buffer.concat(chunks).subarray(0, limit).toString('utf8'), cut: true }
    }
  }
  return { text: Buffer.concat(chunks).toString('utf8'), cut: false }
}

function headerPairs(headers: Record<string, string | string[] | undefined>): Array<[string, string]> {
  return Object.entries(headers).flatMap(([name, value]) =>
    value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((one): [string, string] => [name, one])
  )
}

function shownResponse(response: StepResponse, headers: Array<[string, string]>): TriedResponse {
  const body = response.body ?? ''
  return {
    status: response.status,
    headers,
    body: body.slice(0, TRY_ONCE_BODY_CHARS),
    bodyCut: response.bodyCut || body.length > TRY_ONCE_BODY_CHARS,
    latencyMs: Math.round(response.latencyMs * 100) / 100
  }
}

/** A plan without a flow, as the one step it is. */
function planAsFlow(plan: RunPlan): FlowPlan {
  return {
    variables: [],
    steps: [{ method: plan.method, url: plan.url, headers: plan.headers, body: plan.body, captures: [], checks: [], thresholds: [] }]
  }
}
