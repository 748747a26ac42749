import { afterEach, describe, expect, it } from 'vitest'
import { requestsBy, targetAt, type LoadStage } from '../../src/shared/load-shape'
import type { RunPlanInput } from '../../src/shared/run-plan'
import { EngineClient, stopAllEngines } from '../support/engine-client'
import { planOf } from '../support/plans'
import { recordArrivals, respondAfter, TargetServers, type TargetServer } from '../support/target-server'

/**
 * Load shapes (stages) through the built engine: the server's own clock and counts are the truth.
 * The machine these run on has two cores shared with other work, so every figure is judged with a
 * margin stated beside it, wide enough for a late timer or a busy core, far too narrow for a
 * constant load or a shape run at the wrong speed.
 */
const targets = new TargetServers()

afterEach(async () => {
  await stopAllEngines()
  await targets.closeAll()
})

async function runShape(server: TargetServer, input: Omit<RunPlanInput, 'url'>) {
  const engine = await EngineClient.fork()
  return engine.finish(engine.start(planOf({ url: server.url, ...input })))
}

describe('the open model with stages (a ramping arrival rate)', () => {
  /** A loaded core may move a burst across a one-second boundary: each second within 25%. */
  const PER_SECOND_TOLERANCE = 0.25

  it('sends what the shape asks for each second: 100 -> 300 req/s over 2 s, then 300 for 2 s', async () => {
    const recorder = recordArrivals()
    const server = await targets.start(recorder.respond)
    // Then a rest, and a count of 1,000 (requests 0 to 999 are due before 4 s, where the integral
    // reaches 1,000): a machine too busy to keep up still sends every request due, late, rather
    // than stop with a backlog at the end of the shape.
    const stages: LoadStage[] = [
      { durationMs: 2000, target: 300 },
      { durationMs: 2000, target: 300 },
      { durationMs: 0, target: 0 },
      { durationMs: 20_000, target: 0 }
    ]
    const { result, progress } = await runShape(server, { ratePerSecond: 100, concurrency: 20, totalRequests: 1000, stages })

    expect(server.received).toBe(1000)
    expect(result).toMatchObject({ outcome: 'finished', done: 1000, statusCodes: { '200': 1000 } })

    // By arrival at the server, from the first; stragglers past 4 s count in the last second.
    const first = recorder.arrivals[0]
    const perSecond = [0, 0, 0, 0]
    for (const at of recorder.arrivals) perSecond[Math.min(3, Math.floor((at - first) / 1000))]++
    // 150, 250, 300, 300: the integral over each second.
    const expected = [0, 1, 2, 3].map((second) => requestsBy(100, stages, (second + 1) * 1000) - requestsBy(100, stages, second * 1000))
    perSecond.forEach((count, second) => {
      expect(Math.abs(count - expected[second]) / expected[second], `second ${second}: ${count} against ${expected[second]}`).toBeLessThanOrEqual(
        PER_SECOND_TOLERANCE
      )
    })
    // The ramp really ramps (400 against 600 requests, 0.67): a constant rate would fail these.
    expect(perSecond[1]).toBeGreaterThan(perSecond[0])
    expect(perSecond[0] + perSecond[1]).toBeLessThan(0.8 * (perSecond[2] + perSecond[3]))

    // Each interval carries the shape's target at its end, beside what was achieved.
    const intervals = progress.flatMap((snapshot) => snapshot.intervals)
    expect(intervals.length).toBeGreaterThan(10)
    for (const interval of intervals) expect(interval.target).toBeCloseTo(targetAt(100, stages, interval.endMs), 6)
  })

  it('counts latency from each due time while the ramp outruns a slow server', async () => {
    // One connection to a server taking 25 ms a request serves 40 a second; the shape asks 20 -> 100
    // a second over 1 s, then 100 for 0.5 s (requests 0 to 110: the integral reaches 110 at 1.5 s),
    // then rests; the count ends the run once the backlog has drained, however slow the machine.
    const server = await targets.start(respondAfter(25))
    const stages: LoadStage[] = [
      { durationMs: 1000, target: 100 },
      { durationMs: 500, target: 100 },
      { durationMs: 0, target: 0 },
      { durationMs: 20_000, target: 0 }
    ]
    const { result } = await runShape(server, { ratePerSecond: 20, concurrency: 1, totalRequests: 111, stages })

    expect(server.received).toBe(111)
    expect(result).toMatchObject({ outcome: 'finished', done: 111, statusCodes: { '200': 111 } })
    // The last request is due at 1.5 s and answered at about 111 × 25 ms = 2.8 s: it waited
    // well over a second. Counted from the actual send, every one would read about 25 ms.
    expect(result.latencyMs.max).toBeGreaterThan(800)
    expect(result.latencyMs.p50).toBeGreaterThan(200)
    expect(result.latencyMs.min).toBeGreaterThanOrEqual(25)
    expect(result.latencyMs.max).toBeLessThanOrEqual(result.elapsedMs)
  })
})

describe('the closed model with stages (connections opened and retired)', () => {
  it('keeps as many connections open as the shape says, the server counting them', async () => {
    const recorder = recordArrivals(respondAfter(10))
    const server = await targets.start(recorder.respond)
    // 1 -> 5 over 0.8 s, 5 held, 5 -> 2 over 0.8 s, 2 held, a jump to 4, 4 held.
    const stages: LoadStage[] = [
      { durationMs: 800, target: 5 },
      { durationMs: 800, target: 5 },
      { durationMs: 800, target: 2 },
      { durationMs: 700, target: 2 },
      { durationMs: 0, target: 4 },
      { durationMs: 700, target: 4 }
    ]
    const samples: Array<{ atMs: number; open: number }> = []
    const sampler = setInterval(() => {
      const first = recorder.arrivals[0]
      if (first !== undefined) samples.push({ atMs: performance.now() - first, open: server.openSockets })
    }, 20)
    const { result, progress } = await runShape(server, { concurrency: 1, stages }).finally(() => clearInterval(sampler))

    expect(result).toMatchObject({ outcome: 'finished', done: server.received, errorKinds: {} })
    // Each interval carries the shape's target connections at its end, for the chart beside the open ones.
    const intervals = [...progress, result].flatMap((snapshot) => snapshot.intervals)
    expect(intervals.length).toBeGreaterThan(20)
    for (const interval of intervals) expect(interval.target).toBeCloseTo(targetAt(1, stages, interval.endMs), 6)
    expect(Math.max(...intervals.map((interval) => interval.target ?? 0))).toBe(5)
    expect(server.peakSockets).toBe(5)
    // On each plateau, from 300 ms after the change to 150 ms before the next: exactly the target.
    // The margins cover a retired connection finishing its request and closing, a busy core's late
    // timer (pauses of 100-150 ms on the shared machine) and the clock's origin, the first request's
    // arrival, which trails the engine's start by a connection's setup.
    const plateaus = [
      { fromMs: 1100, toMs: 1450, open: 5 },
      { fromMs: 2700, toMs: 2950, open: 2 },
      { fromMs: 3400, toMs: 3650, open: 4 }
    ]
    for (const { fromMs, toMs, open } of plateaus) {
      const seen = samples.filter((sample) => sample.atMs >= fromMs && sample.atMs <= toMs).map((sample) => sample.open)
      expect(seen.length, `samples from ${fromMs} to ${toMs} ms`).toBeGreaterThan(5)
      expect(new Set(seen), `connections open from ${fromMs} to ${toMs} ms`).toEqual(new Set([open]))
    }
    // Mid-ramp, within one of the rounded target.
    for (const atMs of [400, 2000]) {
      const near = samples.filter((sample) => Math.abs(sample.atMs - atMs) <= 20)
      for (const sample of near) expect(Math.abs(sample.open - Math.round(targetAt(1, stages, atMs)))).toBeLessThanOrEqual(1)
    }
    // Every connection is closed at the end, the retired ones too.
    await server.waitForSocketsClosed()
  })

  it('stops at a count before the shape ends, and ends the connections the shape had parked', async () => {
    const server = await targets.start(respondAfter(5))
    const { result } = await runShape(server, {
      concurrency: 0,
      totalRequests: 300,
      stages: [{ durationMs: 20_000, target: 10 }]
    })

    expect(server.received).toBe(300)
    expect(result).toMatchObject({ outcome: 'finished', total: 300, done: 300, statusCodes: { '200': 300 } })
    expect(result.elapsedMs).toBeLessThan(15_000)
  })
})
