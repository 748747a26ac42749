import { buildConnector, Client, type Dispatcher } from 'undici'
import { CookieJar } from 'tough-cookie'
import type { CompiledFlow, CompiledStep } from '../shared/flow/compile-flow'
import type { IterationFailure } from '../shared/flow/step-results'
import type { StepResponse } from '../shared/flow/step-response'
import type { IterationContext } from '../shared/flow/template'
import type { RunPlan } from '../shared/run-plan'
import { RequestDeadlineError } from './abort-reason'
import { errorKindOf } from './error-kind'
import type { RunTally } from './run-tally'
import type { StepTally } from './step-tally'

/** What a virtual user needs from its flow's run (./flow-run.ts). */
export interface VirtualUserHost {
  readonly flow: CompiledFlow
  readonly plan: RunPlan
  readonly tally: RunTally
  readonly steps: readonly StepTally[]
  readonly recordsRawLatency: boolean
  /** An iteration begins: its number in the run, and its data row's values written into `values`. */
  iterationStarted(values: Array<string | undefined>): number
  iterationEnded(failure: IterationFailure | undefined, durationMicros: number): void
  /** The user's iteration ended: give it the next one, now or when due, or end it. */
  slotFree(user: VirtualUser): void
}

/**
 * One virtual user of a flow: its own connection (an undici Client per origin its steps reach,
 * usually one) and its own cookie jar (tough-cookie), running one iteration at a time through the
 * compiled steps, each step sent when the last one answered. Like a RequestSlot it is itself the
 * undici dispatch handler, and it reads of a response only what the step needs: the raw headers
 * for Set-Cookie (and a capture or check that reads them), the body only for a capture or check
 * that reads it, up to the step's limit.
 *
 * An iteration ends early when a step gets no response (`noResponse`, or `cancelled`) or a capture
 * finds nothing (`captureFailed`): the steps after it are not sent. A failed check is counted and
 * the iteration goes on. The jar and the captured variables start empty with each iteration.
 */
export class VirtualUser implements Dispatcher.DispatchHandler {
  /** When the next iteration is due (the schedule sets it): its first step's latency counts from here. */
  dueAt = 0
  readonly connection: { readonly index: number }
  private readonly clients = new Map<string, Client>()
  private readonly connector: buildConnector.connector
  private readonly context: IterationContext
  private values: Array<string | undefined> = []
  private jar = new CookieJar()
  private stepIndex = 0
  private iterationStartedAt = 0
  // The request in flight.
  private url = ''
  private startedAt = 0
  private sentAt = 0
  private headersAt = 0
  private statusCode = 0
  private rawHeaders: Buffer[] | null = null
  private chunks: Buffer[] = []
  private bodyBytes = 0
  private bodyCut = false
  private inFlight = false
  private abortRequest: ((reason?: Error) => void) | null = null
  private pendingAbort: Error | null = null
  private readonly deadline: NodeJS.Timeout
  private thinkTimer: NodeJS.Timeout | undefined
  private stopped: Error | null = null

  constructor(
    private readonly host: VirtualUserHost,
    index: number,
    /** The user's number in the whole run (its stripe's), for {{$vu}}. */
    vuNumber: number,
    /** Told of every Client the user makes, for the run's count of open connections. */
    private readonly onNewClient: (client: Client) => void
  ) {
    this.connection = { index }
    this.context = { iteration: 0, vu: vuNumber }
    const plan = host.plan
    this.connector = buildConnector({
      timeout: plan.timeoutMs,
      rejectUnauthorized: !plan.insecure,
      allowH2: plan.protocol !== 'http1',
      ...(plan.protocol === 'h2c' ? ({ useH2c: true } as buildConnector.BuildOptions) : {})
    })
    // One timer, re-armed at each send; when it fires with nothing in flight it does nothing.
    this.deadline = setTimeout(() => this.onDeadline(), plan.timeoutMs)
  }

  /** Starts an iteration; its first step is sent now (`sentAt`), its latency counted from `dueAt`. */
  send(dueAt: number, sentAt = dueAt): void {
    this.dueAt = dueAt
    this.values = [...this.host.flow.initialValues]
    this.context.iteration = this.host.iterationStarted(this.values)
    this.jar = new CookieJar()
    this.iterationStartedAt = sentAt
    this.stepIndex = 0
    this.sendStep(dueAt, sentAt)
  }

  /** No iteration follows: lets go of its timers. */
  close(): void {
    clearTimeout(this.deadline)
    clearTimeout(this.thinkTimer)
  }

  /** The run is cancelled: cuts the request in flight off, or the pause between steps; no step follows. */
  abort(reason: Error): void {
    this.stopped = reason
    if (this.thinkTimer !== undefined) {
      clearTimeout(this.thinkTimer)
      this.thinkTimer = undefined
      this.endIteration('cancelled')
      return
    }
    this.cut(reason)
  }

  private cut(reason: Error): void {
    if (!this.inFlight) return
    if (this.abortRequest) this.abortRequest(reason)
    else this.pendingAbort = reason
  }

  /** Closes the user's connections once idle (a shape of virtual users fell); the next step opens them again. */
  retire(): Promise<void> {
    const closing = [...this.clients.values()].map((client) => client.close())
    this.clients.clear()
    return Promise.all(closing).then(() => undefined)
  }

  async destroy(reason?: Error): Promise<void> {
    const clients = [...this.clients.values()]
    this.clients.clear()
    await Promise.all(clients.map((client) => client.destroy(reason ?? null)))
  }

  private sendStep(startedAt: number, sentAt: number): void {
    const step = this.host.flow.steps[this.stepIndex]
    const host = this.host
    host.tally.sent++
    this.startedAt = startedAt
    this.sentAt = sentAt
    this.statusCode = 0
    this.rawHeaders = null
    this.chunks = []
    this.bodyBytes = 0
    this.bodyCut = false
    this.abortRequest = null
    this.pendingAbort = null
    let options: Dispatcher.DispatchOptions
    let client: Client
    try {
      this.url = step.url.render(this.values, this.context)
      const target = new URL(this.url)
      if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error(`${this.url} is not an http:// or https:// URL.`)
      client = this.clientFor(target.origin)
      options = this.optionsFor(step, target)
    } catch (error) {
      // A URL a data row or a capture made unusable: the step fails without a send.
      this.inFlight = true
      return this.onError(error as Error)
    }
    this.inFlight = true
    this.deadline.refresh()
    client.dispatch(options, this)
  }

  private optionsFor(step: CompiledStep, target: URL): Dispatcher.DispatchOptions {
    const headers: string[] = []
    for (const [name, value] of step.headers) headers.push(name, value.render(this.values, this.context))
    const cookies = this.jar.getCookieStringSync(this.url)
    if (cookies !== '') headers.push('cookie', cookies)
    return {
      method: step.method,
      path: target.pathname + target.search,
      headers,
      body: step.body?.render(this.values, this.context),
      blocking: false
    }
  }

  private clientFor(origin: string): Client {
    let client = this.clients.get(origin)
    if (client === undefined || client.closed || client.destroyed) {
      const plan = this.host.plan
      client = new Client(origin, {
        pipelining: 1,
        connect: this.connector,
        headersTimeout: 0,
        bodyTimeout: 0,
        ...(plan.protocol === 'http1' ? {} : { allowH2: true })
      })
      this.clients.set(origin, client)
      this.onNewClient(client)
    }
    return client
  }

  onConnect(abort: (reason?: Error) => void): void {
    this.abortRequest = abort
    if (this.pendingAbort) abort(this.pendingAbort)
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    this.statusCode = statusCode
    this.headersAt = performance.now()
    const step = this.host.flow.steps[this.stepIndex]
    if (step.needs.headers) this.rawHeaders = rawHeaders
    for (let i = 0; i < rawHeaders.length; i += 2) {
      if (rawHeaders[i].length === 10 && rawHeaders[i].toString('latin1').toLowerCase() === 'set-cookie') {
        this.jar.setCookieSync(rawHeaders[i + 1].toString('latin1'), this.url, { ignoreError: true })
      }
    }
    return true
  }

  onData(chunk: Buffer): boolean {
    this.host.tally.bytesRead += chunk.length
    const step = this.host.flow.steps[this.stepIndex]
    if (!step.needs.body || this.bodyCut) return true
    const room = step.bodyLimitBytes - this.bodyBytes
    if (chunk.length > room) {
      // Past the limit the rest is counted and dropped: a 100 MB answer never sits whole in memory.
      if (room > 0) this.chunks.push(chunk.subarray(0, room))
      this.bodyBytes += Math.max(room, 0)
      this.bodyCut = true
    } else {
      this.chunks.push(chunk)
      this.bodyBytes += chunk.length
    }
    return true
  }

  onComplete(): void {
    const now = performance.now()
    this.inFlight = false
    const host = this.host
    const step = host.flow.steps[this.stepIndex]
    const tally = host.steps[this.stepIndex]
    const latencyMicros = toMicros(now - this.startedAt)
    const ttfbMicros = toMicros(this.headersAt - this.startedAt)
    host.tally.recordResponse(this.statusCode, latencyMicros, ttfbMicros)
    if (host.recordsRawLatency) host.tally.recordRawLatency(toMicros(now - this.sentAt))
    tally.recordResponse(this.statusCode, latencyMicros, ttfbMicros)
    if (step.captures.length > 0 || step.checks.length > 0) {
      const response = this.response(now - this.startedAt, step)
      let parsed: unknown = NOT_PARSED
      const parsedJson = (): unknown => {
        if (parsed === NOT_PARSED) parsed = parseJson(response.body)
        return parsed
      }
      for (let i = 0; i < step.checks.length; i++) tally.recordCheck(i, step.checks[i].judge(response, parsedJson))
      for (const { capture, slot } of step.captures) {
        const outcome = capture.extract(response, parsedJson)
        if (outcome.ok) {
          this.values[slot] = outcome.value
          continue
        }
        tally.recordCaptureFailure(() => `${capture.variable}: ${capture.text}: ${outcome.why}; body: ${(response.body ?? '').slice(0, 120)}`)
        return this.endIteration('captureFailed')
      }
    }
    this.next(step)
  }

  onError(error: Error): void {
    this.inFlight = false
    const kind = errorKindOf(error)
    this.host.tally.recordError(kind, error.message)
    this.host.steps[this.stepIndex].recordError(kind, error.message)
    // undici may report a failed connect from inside its own loop over the queue: the next send waits a turn.
    setImmediate(() => this.endIteration(kind === 'cancelled' ? 'cancelled' : 'noResponse'))
  }

  /** The step answered: pause if it says so, then the next step, or the iteration is done. */
  private next(step: CompiledStep): void {
    const last = this.stepIndex === this.host.flow.steps.length - 1
    const go = (): void => {
      this.thinkTimer = undefined
      if (last) return this.endIteration(undefined)
      this.stepIndex++
      const now = performance.now()
      this.sendStep(now, now)
    }
    if (this.stopped) return this.endIteration('cancelled')
    if (step.think === undefined) return go()
    const { minMs, maxMs } = step.think
    this.thinkTimer = setTimeout(go, minMs + Math.random() * (maxMs - minMs))
  }

  private endIteration(failure: IterationFailure | undefined): void {
    this.host.iterationEnded(failure, toMicros(performance.now() - this.iterationStartedAt))
    this.host.slotFree(this)
  }

  private response(latencyMs: number, step: CompiledStep): StepResponse {
    const raw = this.rawHeaders
    const jar = this.jar
    const url = this.url
    return {
      status: this.statusCode,
      latencyMs,
      header(name) {
        if (!raw) return undefined
        for (let i = 0; i < raw.length; i += 2) if (raw[i].toString('latin1').toLowerCase() === name) return raw[i + 1].toString('latin1')
        return undefined
      },
      body: step.needs.body ? Buffer.concat(this.chunks).toString('utf8') : undefined,
      bodyCut: this.bodyCut,
      cookie(name) {
        return jar.getCookiesSync(url).find((cookie) => cookie.key === name)?.value
      }
    }
  }

  private onDeadline(): void {
    this.cut(new RequestDeadlineError(this.host.plan.timeoutMs))
  }
}

const NOT_PARSED = Symbol('not parsed')

function parseJson(body: string | undefined): unknown {
  if (body === undefined) return undefined
  try {
    return JSON.parse(body)
  } catch {
    return undefined
  }
}

function toMicros(ms: number): number {
  return Math.round(ms * 1000)
}
