import { afterEach, describe, expect, it } from 'vitest'
import { EngineClient, stopAllEngines } from '../support/engine-client'
import { expectHealthy, runFault } from '../support/fault-checks'
import {
  answerBeforeBody,
  continueFirst,
  earlyHintsFirst,
  endlessChunkedBody,
  gzipBomb,
  oversizedHeaders,
  refuseBodyAndClose
} from '../support/misbehaving-responders'
import { TargetServers } from '../support/target-server'

/**
 * Answers built to hurt a client: too much of something, or the unusual parts of HTTP/1.1. The
 * engine must count each the way it is documented, keep its memory and its clock, and run the next
 * batch as if nothing had happened.
 */
const targets = new TargetServers()

afterEach(async () => {
  await stopAllEngines()
  await targets.closeAll()
})

const QUICK_MS = 5000
const LATE_MS = 500

describe('too much of something', () => {
  it('refuses 1 MB of response headers as protocol', async () => {
    const server = await targets.start(oversizedHeaders(1024 * 1024))
    const engine = await EngineClient.fork()
    const { result } = await runFault(engine, { url: server.url, totalRequests: 6, concurrency: 2 }, QUICK_MS)

    expect(result).toMatchObject({ statusCodes: {}, errorKinds: { protocol: 6 } })
    expect(server.received).toBe(6)
    await expectHealthy(engine, targets)
  })

  it('times out an endless chunked body, reading it as it comes', async () => {
    const server = await targets.start(endlessChunkedBody)
    const engine = await EngineClient.fork()
    const { result } = await runFault(engine, { url: server.url, totalRequests: 4, concurrency: 2, timeoutMs: 300 }, 600 + LATE_MS)

    expect(result).toMatchObject({ statusCodes: {}, errorKinds: { timeout: 4 } })
    expect(server.received).toBe(4)
    // Read, counted and dropped: far more than any buffer would hold.
    expect(result.bytesRead).toBeGreaterThan(1024 * 1024)
    await expectHealthy(engine, targets)
  })

  it('never decompresses a gzip bomb: its bytes on the wire are what it counts', async () => {
    const bomb = gzipBomb(100 * 1024 * 1024)
    const server = await targets.start(bomb.respond)
    const engine = await EngineClient.fork()
    const { result } = await runFault(engine, { url: server.url, totalRequests: 20, concurrency: 2 }, QUICK_MS)

    expect(result).toMatchObject({ statusCodes: { '200': 20 }, errorKinds: {} })
    expect(server.received).toBe(20)
    expect(bomb.compressedBytes).toBeLessThan(1024 * 1024)
    expect(result.bytesRead).toBe(20 * bomb.compressedBytes)
    await expectHealthy(engine, targets)
  })
})

describe('interim responses before the final one', () => {
  it('counts the final status after 103 Early Hints', async () => {
    const server = await targets.start(earlyHintsFirst)
    const engine = await EngineClient.fork()
    const { result } = await runFault(engine, { url: server.url, totalRequests: 40, concurrency: 4 }, QUICK_MS)

    expect(result).toMatchObject({ statusCodes: { '200': 40 }, errorKinds: {} })
    expect(server.received).toBe(40)
    expect(result.bytesRead).toBe(40 * 'ok'.length)
    await expectHealthy(engine, targets)
  })

  it('counts an unasked-for 100 Continue as protocol: undici cannot read past it', async () => {
    const server = await targets.start(continueFirst)
    const engine = await EngineClient.fork()
    const { result } = await runFault(engine, { url: server.url, totalRequests: 12, concurrency: 3 }, QUICK_MS)

    expect(result).toMatchObject({ statusCodes: {}, errorKinds: { protocol: 12 } })
    expect(server.received).toBe(12)
    await expectHealthy(engine, targets)
  })
})

describe('a server that answers before it has read the request body', () => {
  const body = 'x'.repeat(4 * 1024 * 1024)

  it('counts the answer that came before the body was sent', async () => {
    const server = await targets.start(answerBeforeBody)
    const engine = await EngineClient.fork()
    const { result } = await runFault(engine, { url: server.url, method: 'POST', body, totalRequests: 6, concurrency: 2 }, QUICK_MS)

    expect(result).toMatchObject({ statusCodes: { '200': 6 }, errorKinds: {} })
    expect(server.received).toBe(6)
    await expectHealthy(engine, targets)
  })

  it('counts a refusal that closes the connection mid-body as the refusal or as reset, each once', async () => {
    const server = await targets.start(refuseBodyAndClose)
    const engine = await EngineClient.fork()
    const { result, outcomes } = await runFault(engine, { url: server.url, method: 'POST', body, totalRequests: 6, concurrency: 2 }, QUICK_MS)

    // The 413 is on the wire before the close, but a close with unread data sends a reset, which may
    // reach the client before it has read the 413: either way, once.
    expect(Object.keys(result.statusCodes).every((code) => code === '413')).toBe(true)
    expect(Object.keys(result.errorKinds).every((kind) => kind === 'reset')).toBe(true)
    expect(outcomes.completed + outcomes.failed).toBe(6)
    expect(server.received).toBe(6)
    await expectHealthy(engine, targets)
  })
})
