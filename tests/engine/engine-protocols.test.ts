import { afterEach, describe, expect, it } from 'vitest'
import type { RunPlanInput } from '../../src/shared/run-plan'
import { EngineClient, stopAllEngines } from '../support/engine-client'
import { planOf } from '../support/plans'
import { Http2Targets } from '../support/http2-targets'
import { SELF_SIGNED } from '../support/self-signed'
import { respondOk, TargetServers } from '../support/target-server'

/**
 * HTTP/2 over TLS, h2c and insecure TLS through the built engine, against Node's own http2 and https
 * servers with the self-signed test certificate (tests/support/self-signed.ts). The servers count
 * every stream, request and session they see.
 */
const http2Targets = new Http2Targets()
const plain = new TargetServers()
const https = (): ReturnType<TargetServers['start']> => plain.start(respondOk, { tls: SELF_SIGNED })

afterEach(async () => {
  await stopAllEngines()
  await http2Targets.closeAll()
  await plain.closeAll()
})

async function runOnce(input: RunPlanInput) {
  const engine = await EngineClient.fork()
  const { result } = await engine.finish(engine.start(planOf(input)))
  return result
}

describe('HTTP/2', () => {
  it.each([
    ['over TLS (h2 by ALPN)', true, 'h2'],
    ['in cleartext (h2c, prior knowledge)', false, 'h2c']
  ] as const)('%s: every stream counted once, several at a time, over no more sessions than connections', async (_label, overTls, protocol) => {
    const server = await http2Targets.start({ tls: overTls, answerAfterMs: 5 })
    const result = await runOnce({ url: server.url, protocol, insecure: overTls, totalRequests: 300, concurrency: 3, pipelining: 4 })

    expect(server.received).toBe(300)
    expect(result).toMatchObject({ outcome: 'finished', done: 300, statusCodes: { '200': 300 }, errorKinds: {} })
    expect(result.bytesRead).toBe(300 * 'ok'.length)
    expect(server.sessions).toBeGreaterThanOrEqual(1)
    expect(server.sessions).toBeLessThanOrEqual(3)
    // Streams per connection are what pipelining asks for: several at once, never more.
    expect(server.peakStreamsPerSession).toBeGreaterThan(1)
    expect(server.peakStreamsPerSession).toBeLessThanOrEqual(4)
  })

  it('runs an open-model shape over h2c, each stream counted once', async () => {
    const server = await http2Targets.start({ tls: false })
    // 0 -> 200 req/s over 0.5 s asks for 50 requests (0 to 49); then a rest, and the count ends it.
    const stages = [
      { durationMs: 500, target: 200 },
      { durationMs: 0, target: 0 },
      { durationMs: 20_000, target: 0 }
    ]
    const plan = { url: server.url, protocol: 'h2c', ratePerSecond: 0, concurrency: 2, pipelining: 8, totalRequests: 50, stages } as const
    const result = await runOnce({ ...plan, stages: [...plan.stages] })

    expect(server.received).toBe(50)
    expect(result).toMatchObject({ outcome: 'finished', done: 50, statusCodes: { '200': 50 } })
  })

  it('fails HTTP/1.1 against an HTTP/2-only (h2c) server as protocol, the server seeing no request', async () => {
    const server = await http2Targets.start({ tls: false })
    const result = await runOnce({ url: server.url, totalRequests: 6, concurrency: 2, timeoutMs: 2000 })

    expect(result).toMatchObject({ outcome: 'finished', done: 6, statusCodes: {}, errorKinds: { protocol: 6 } })
    expect(server.received).toBe(0)
    expect(server.badPrefaces).toBeGreaterThan(0)
  })

  it('fails h2c against an HTTP/1.1-only server as protocol, and finishes', async () => {
    // undici 7 leaves its Client stuck after such a failure; the engine replaces it, so the run ends.
    const server = await plain.start(respondOk)
    const result = await runOnce({ url: server.url, protocol: 'h2c', totalRequests: 6, concurrency: 2, timeoutMs: 2000 })

    expect(result).toMatchObject({ outcome: 'finished', done: 6, statusCodes: {}, errorKinds: { protocol: 6 } })
    expect(server.received).toBe(0)
  })

  it('speaks HTTP/1.1 over TLS when the server offers no h2 (ALPN chooses)', async () => {
    const server = await https()
    const result = await runOnce({ url: server.url, protocol: 'h2', insecure: true, totalRequests: 6, concurrency: 2 })

    expect(server.received).toBe(6)
    expect(result).toMatchObject({ outcome: 'finished', done: 6, statusCodes: { '200': 6 } })
  })
})

describe('insecure TLS', () => {
  it('accepts a self-signed certificate when allowed', async () => {
    const server = await https()
    const result = await runOnce({ url: server.url, insecure: true, totalRequests: 6, concurrency: 2 })

    expect(server.received).toBe(6)
    expect(result).toMatchObject({ outcome: 'finished', done: 6, statusCodes: { '200': 6 }, errorKinds: {} })
  })

  it.each([
    ['HTTP/1.1', 'http1', false],
    ['HTTP/2', 'h2', true]
  ] as const)('refuses it otherwise (%s): every request fails as tls, none reaching the server', async (_label, protocol, http2) => {
    const server = http2 ? await http2Targets.start({ tls: true }) : await https()
    const result = await runOnce({ url: server.url, protocol, totalRequests: 6, concurrency: 2 })

    expect(result).toMatchObject({ outcome: 'finished', done: 6, statusCodes: {}, errorKinds: { tls: 6 } })
    expect(server.received).toBe(0)
  })
})
