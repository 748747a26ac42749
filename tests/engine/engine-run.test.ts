import { decodeFromCompressedBase64 } from 'hdr-histogram-js'
import { afterEach, describe, expect, it } from 'vitest'
import type { RunPlan } from '../../src/shared/run-plan'
import { EMPTY_LATENCY } from '../../src/shared/run-snapshot'
import { planOf } from '../support/plans'
import { EngineClient, stopAllEngines } from '../support/engine-client'
import {
  boundLatencies,
  closedPortUrl,
  neverRespond,
  resetConnection,
  respondAfter,
  respondGarbage,
  respondOk,
  respondStatus,
  TargetServers,
  type Responder,
  type TargetServer
} from '../support/target-server'

/** Runs the built engine against a local counting server; the server's counts are the truth. */
const targets = new TargetServers()
const target = (respond?: Responder): Promise<TargetServer> => targets.start(respond)

afterEach(async () => {
  await stopAllEngines()
  await targets.closeAll()
})

const plan = (url: string, totalRequests: number, concurrency: number, timeoutMs = 10_000): RunPlan =>
  planOf({ url, totalRequests, concurrency, timeoutMs })

describe('a run against a local target', () => {
  it('sends exactly totalRequests over at most `concurrency` connections', async () => {
    const server = await target(respondAfter(20))
    const engine = await EngineClient.fork()
    const { result } = await engine.finish(engine.start(plan(server.url, 60, 4)))

    expect(server.received).toBe(60)
    expect(result).toMatchObject({ outcome: 'finished', total: 60, done: 60, statusCodes: { '200': 60 }, errorKinds: {} })
    expect(result.bytesRead).toBe(60 * 'ok'.length)
    // Each response waits 20 ms, so the four loops hold all four connections open at once.
    expect(server.peakSockets).toBe(4)
    expect(result.requestsPerSecond).toBeCloseTo((result.done * 1000) / result.elapsedMs, 6)
  })

  it('counts a quick run of many requests exactly, and encodes one latency per response', async () => {
    const server = await target(respondOk)
    const engine = await EngineClient.fork()
    const { result } = await engine.finish(engine.start(plan(server.url, 5000, 16)))

    expect(server.received).toBe(5000)
    expect(result.done).toBe(5000)
    expect(result.statusCodes).toEqual({ '200': 5000 })
    expect(server.peakSockets).toBeLessThanOrEqual(16)
    const histogram = decodeFromCompressedBase64(result.histogram ?? '')
    expect(histogram.totalCount).toBe(5000)
  })

  it('counts every status code as a full response', async () => {
    const server = await target(respondStatus(503))
    const engine = await EngineClient.fork()
    const { result } = await engine.finish(engine.start(plan(server.url, 40, 5)))

    expect(server.received).toBe(40)
    expect(result).toMatchObject({ outcome: 'finished', done: 40, statusCodes: { '503': 40 }, errorKinds: {} })
  })

  it('counts a reset connection as reset, once per request the server saw', async () => {
    const server = await target(resetConnection)
    const engine = await EngineClient.fork()
    const { result } = await engine.finish(engine.start(plan(server.url, 30, 3)))

    expect(server.received).toBe(30)
    expect(result).toMatchObject({ outcome: 'finished', done: 30, statusCodes: {}, errorKinds: { reset: 30 } })
  })

  it('times out a target that never answers, and records no latency for it', async () => {
    const server = await target(neverRespond)
    const engine = await EngineClient.fork()
    const { result } = await engine.finish(engine.start(plan(server.url, 6, 3, 300)))

    expect(server.received).toBe(6)
    expect(result).toMatchObject({ outcome: 'finished', done: 6, statusCodes: {}, errorKinds: { timeout: 6 } })
    expect(result.latencyMs).toEqual(EMPTY_LATENCY)
    expect(decodeFromCompressedBase64(result.histogram ?? '').totalCount).toBe(0)
    // Two rounds of three requests, each cut off at its own 300 ms deadline.
    expect(result.elapsedMs).toBeGreaterThanOrEqual(2 * 300 - 10)
  })

  it('counts a closed port as refused', async () => {
    const engine = await EngineClient.fork()
    const { result } = await engine.finish(engine.start(plan(await closedPortUrl(), 20, 4)))

    expect(result).toMatchObject({ outcome: 'finished', done: 20, statusCodes: {}, errorKinds: { refused: 20 } })
  })

  it('counts a response that is not HTTP as a protocol error', async () => {
    const server = await target(respondGarbage)
    const engine = await EngineClient.fork()
    const { result } = await engine.finish(engine.start(plan(server.url, 12, 3)))

    expect(server.received).toBe(12)
    expect(result).toMatchObject({ outcome: 'finished', done: 12, statusCodes: {}, errorKinds: { protocol: 12 } })
  })

  it('counts a failed TLS handshake as tls', async () => {
    // The target speaks plain HTTP, so the handshake fails before any request is sent.
    const server = await target(respondOk)
    const engine = await EngineClient.fork()
    const { result } = await engine.finish(engine.start(plan(server.url.replace('http:', 'https:'), 6, 2)))

    expect(result).toMatchObject({ outcome: 'finished', done: 6, statusCodes: {}, errorKinds: { tls: 6 } })
    expect(server.received).toBe(0)
  })

  it('measures latency from dispatch to the last byte', async () => {
    const timed = boundLatencies(respondAfter(50))
    const server = await target(timed.respond)
    const engine = await EngineClient.fork()
    const { result } = await engine.finish(engine.start(plan(server.url, 20, 5)))

    expect(result.statusCodes).toEqual({ '200': 20 })
    expect(result.latencyMs.p50).toBeGreaterThanOrEqual(50)
    expect(result.latencyMs.p50).toBeLessThanOrEqual(timed.latencyBoundMs(50))
    expect(result.latencyMs.min).toBeGreaterThanOrEqual(50)
    expect(result.latencyMs.max).toBeGreaterThanOrEqual(result.latencyMs.p99)
  })

  it('posts progress snapshots while it runs, then exactly one result', async () => {
    const server = await target(respondAfter(20))
    const engine = await EngineClient.fork()
    const runId = engine.start(plan(server.url, 200, 5))
    const { result, progress } = await engine.finish(runId)
    await engine.fence()

    // 40 rounds of 20 ms: about 800 ms, so about 8 snapshots at 10 a second.
    expect(progress.length).toBeGreaterThanOrEqual(3)
    for (const [index, snapshot] of progress.entries()) {
      expect(snapshot).toMatchObject({ runId, total: 200 })
      if (index > 0) expect(snapshot.done).toBeGreaterThanOrEqual(progress[index - 1].done)
    }
    expect(progress.at(-1)?.done).toBeLessThanOrEqual(200)
    expect(engine.history.filter((message) => message.type === 'result')).toHaveLength(1)
    expect(engine.history.findLast((message) => message.type !== 'rejected')?.type).toBe('result')
    expect(result.done).toBe(200)
  })
})
