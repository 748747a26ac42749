import { afterEach, describe, expect, it } from 'vitest'
import type { RunPlan } from '../../src/shared/run-plan'
import { planOf } from '../support/plans'
import { EngineClient, stopAllEngines } from '../support/engine-client'
import {
  answerThenHold,
  neverRespond,
  respondOk,
  TargetServers,
  type Responder,
  type TargetServer
} from '../support/target-server'

/** Cancel, reuse and refusal: the parts of engine-protocol.ts beyond a plain run. */
const targets = new TargetServers()
const target = (respond?: Responder): Promise<TargetServer> => targets.start(respond)

afterEach(async () => {
  await stopAllEngines()
  await targets.closeAll()
})

const plan = (url: string, totalRequests: number, concurrency: number): RunPlan =>
  planOf({ url, totalRequests, concurrency })

const ANSWERED = 25
const CONCURRENCY = 4

/**
 * Starts a run that gets ANSWERED responses and then holds CONCURRENCY requests open, cancels it once
 * the server holds them, and checks what both sides counted.
 */
async function cancelHeldRun(engine: EngineClient): Promise<void> {
  const server = await target(answerThenHold(ANSWERED))
  const runId = engine.start(plan(server.url, 1000, CONCURRENCY))
  await server.waitForReceived(ANSWERED + CONCURRENCY)

  engine.cancel(runId)
  const ack = await engine.next('cancelled')
  const { result } = await engine.finish(runId)
  await server.waitForSocketsClosed()

  // Each loop sends only after its last request ended, so 29 sent with 4 held means 25 had ended.
  expect(ack).toEqual({ type: 'cancelled', runId, done: ANSWERED })
  expect(server.received).toBe(ANSWERED + CONCURRENCY)
  expect(result).toMatchObject({
    runId,
    outcome: 'cancelled',
    done: ANSWERED + CONCURRENCY,
    statusCodes: { '200': ANSWERED },
    errorKinds: { cancelled: CONCURRENCY }
  })
}

async function finishPlainRun(engine: EngineClient, totalRequests: number): Promise<void> {
  const server = await target(respondOk)
  const { result } = await engine.finish(engine.start(plan(server.url, totalRequests, 8)))
  expect(server.received).toBe(totalRequests)
  expect(result).toMatchObject({ outcome: 'finished', done: totalRequests, statusCodes: { '200': totalRequests } })
}

describe('cancel', () => {
  it('stops at once, aborts the requests in flight and starts nothing after the ack', async () => {
    await cancelHeldRun(await EngineClient.fork())
  })

  it('cancels requests still waiting for their connection', async () => {
    const engine = await EngineClient.fork()
    const server = await target(neverRespond)
    // No wait between start and cancel: the loops' first requests are still connecting or just sent.
    const runId = engine.start(plan(server.url, 100, 6))
    engine.cancel(runId)
    const { result } = await engine.finish(runId)
    await server.waitForSocketsClosed()

    expect(result).toMatchObject({ outcome: 'cancelled', done: 6, statusCodes: {}, errorKinds: { cancelled: 6 } })
    expect(server.received).toBeLessThanOrEqual(6)
  })

  it('ignores a cancel for another run or a run that has ended, and survives a repeated one', async () => {
    const engine = await EngineClient.fork()
    const server = await target(neverRespond)
    const runId = engine.start(plan(server.url, 100, 2))
    await server.waitForReceived(2)

    engine.cancel(runId + 100)
    engine.cancel(runId)
    engine.cancel(runId)
    const { result } = await engine.finish(runId)
    engine.cancel(runId)
    await engine.fence()

    // The repeat is acked again with the same count if it lands before the result, else ignored.
    const acks = engine.history.filter((message) => message.type === 'cancelled')
    expect(acks.length === 1 || acks.length === 2).toBe(true)
    for (const ack of acks) expect(ack).toEqual({ type: 'cancelled', runId, done: 0 })
    expect(engine.history.filter((message) => message.type === 'result')).toHaveLength(1)
    expect(result).toMatchObject({ outcome: 'cancelled', done: 2, errorKinds: { cancelled: 2 } })
    expect(server.received).toBe(2)
  })
})

describe('one engine process, several runs', () => {
  it('runs again after a finished run and after a cancelled one', async () => {
    const engine = await EngineClient.fork()
    await finishPlainRun(engine, 300)
    await cancelHeldRun(engine)
    await finishPlainRun(engine, 300)
  })
})

describe('rejected starts', () => {
  it('rejects a start while a run goes on, and lets the run go on', async () => {
    const engine = await EngineClient.fork()
    const busy = await target(neverRespond)
    const other = await target(respondOk)
    const runId = engine.start(plan(busy.url, 10, 2))
    await busy.waitForReceived(2)

    const secondId = engine.start(plan(other.url, 10, 2))
    const rejected = await engine.next('rejected')
    engine.cancel(runId)
    const { result } = await engine.finish(runId)

    expect(rejected).toMatchObject({ type: 'rejected', runId: secondId })
    expect(rejected.message).toMatch(/still going/)
    expect(result.outcome).toBe('cancelled')
    expect(other.received).toBe(0)
  })

  it('rejects an invalid plan and sends nothing for it', async () => {
    const engine = await EngineClient.fork()
    const server = await target(respondOk)
    const invalid: Array<Record<string, unknown>> = [
      { ...plan(server.url, 10, 2), totalRequests: 0 },
      { ...plan(server.url, 10, 2), concurrency: 1.5 },
      { ...plan(server.url, 10, 2), url: server.url.replace('http:', 'ftp:') },
      { ...plan(server.url, 10, 2), extra: true },
      { url: server.url }
    ]
    for (const input of invalid) {
      const runId = engine.start(input)
      const rejected = await engine.next('rejected')
      expect(rejected.runId).toBe(runId)
      expect(rejected.message).toMatch(/^Invalid plan/)
    }
    expect(engine.history.some((message) => message.type === 'result' || message.type === 'progress')).toBe(false)

    // A valid run afterwards sends exactly its own requests: the rejected ones sent none.
    const { result } = await engine.finish(engine.start(plan(server.url, 10, 2)))
    expect(result.done).toBe(10)
    expect(server.received).toBe(10)
  })
})
