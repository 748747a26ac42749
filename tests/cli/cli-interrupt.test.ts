import { afterEach, describe, expect, it } from 'vitest'
import type { RunReport as JsonReport } from '../../src/shared/report/run-report'
import { childProcessesOf, CliProcess, parseJsonOutput, stopAllClis } from '../support/cli-process'
import { answerThenHold, TargetServers } from '../support/target-server'

const targets = new TargetServers()

afterEach(async () => {
  await stopAllClis()
  await targets.closeAll()
})

describe('Ctrl-C (SIGINT)', () => {
  it('stops the run at once and still prints the result so far, cancelled, with exit status 1', async () => {
    const answered = 500
    const connections = 10
    // After the first 500 answers, each connection's next request is held: the run cannot finish.
    const server = await targets.start(answerThenHold(answered))
    const cli = new CliProcess([server.url, '-n', '1000000', '-c', String(connections), '--json'])
    await server.waitForReceived(answered + connections)
    const signalledAt = performance.now()
    // The CLI alone, as a test can: a terminal would signal the engines too, and they ignore it.
    cli.signal('SIGINT')
    const exit = await cli.finish()
    const report = parseJsonOutput<JsonReport>(exit)

    expect(exit.code).toBe(1)
    expect(performance.now() - signalledAt).toBeLessThan(3000)
    expect(report.cancelled).toBe(true)
    expect(report.outcome).toBe('cancelled')
    expect(report.error).toMatch(/^Cancelled/)
    expect(report.requests.completed).toBe(answered)
    expect(report.statusCodes).toEqual({ '200': answered })
    expect(report.requests.sent).toBe(report.requests.completed + report.requests.failed + report.requests.aborted)
    // The held requests were aborted by the cancel: ended, not lost, and not the target's failures.
    expect(report.errors).toEqual({ cancelled: connections })
    expect(report.requests.aborted).toBe(connections)
    expect(report.requests.failed).toBe(0)
    expect(report.requests.sent).toBe(server.received)
    expect(server.received).toBe(answered + connections)
  })
})

describe('an engine process that dies mid-run', () => {
  it.skipIf(process.platform !== 'linux')(
    'prints the partial result, says what happened on stderr, and exits 1 (finds the engine via /proc)',
    async () => {
      const answered = 200
      const server = await targets.start(answerThenHold(answered))
      const cli = new CliProcess([server.url, '-n', '1000000', '-c', '4', '-w', '1', '--json'])
      await server.waitForReceived(answered + 4)
      const engines = childProcessesOf(cli.pid).filter(({ commandLine }) => commandLine.includes('engine.js'))
      expect(engines).toHaveLength(1)
      process.kill(engines[0].pid, 'SIGKILL')
      const exit = await cli.finish()
      const report = parseJsonOutput<JsonReport>(exit)

      expect(exit.code).toBe(1)
      expect(exit.stderr).toMatch(/^stampede: The engine process stopped unexpectedly \(killed by SIGKILL\)/m)
      expect(report.cancelled).toBe(false)
      // The JSON alone says the run crashed, and how: a pipeline need not read stderr.
      expect(report.outcome).toBe('crashed')
      expect(report.error).toMatch(/^The engine process stopped unexpectedly \(killed by SIGKILL\)/)
      // The last snapshot the engine posted: never more than the server answered.
      expect(report.requests.completed).toBeLessThanOrEqual(answered)
      expect(report.requests.sent).toBe(report.requests.completed + report.requests.failed)
    }
  )
})
