import { setTimeout as delay } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { childProcessesOf, CliProcess, isRunning, stopAllClis } from '../support/cli-process'

afterEach(async () => {
  await stopAllClis()
})

/** A process comes into being without an event to wait on: look again every 20 ms, up to a limit. */
async function waitFor<T>(probe: () => T | undefined, limitMs: number, what: string): Promise<T> {
  const deadline = performance.now() + limitMs
  for (;;) {
    const found = probe()
    if (found !== undefined) return found
    if (performance.now() > deadline) throw new Error(`${what} did not appear within ${limitMs} ms.`)
    await delay(20)
  }
}

/** The CLI's engine and demo-target children, once both run. */
function childrenOfDemoRun(cli: CliProcess): number[] | undefined {
  const children = childProcessesOf(cli.pid)
  const engines = children.filter(({ commandLine }) => commandLine.includes('engine.js'))
  const demo = children.filter(({ commandLine }) => commandLine.includes('demo-target.js'))
  return engines.length === 2 && demo.length === 1 ? children.map(({ pid }) => pid) : undefined
}

// Quitting in the middle of a run leaves nothing behind: every engine and the demo target are gone
// within a second of the CLI.
describe.skipIf(process.platform !== 'linux')('quitting the CLI during a run (finds its children via /proc)', () => {
  it.each(['SIGTERM', 'SIGHUP'] as const)('after %s, every engine and the demo target are gone within a second', async (signal) => {
    // A gentle open-model load for a minute: the run is surely going when the signal comes.
    const cli = new CliProcess(['--demo', '-r', '40', '-d', '60', '-c', '2', '-w', '2', '--json'])
    const children = await waitFor(() => childrenOfDemoRun(cli), 15_000, 'Two engines and the demo target')

    cli.signal(signal)
    await cli.finish()
    const quitAt = performance.now()
    const survivors = await waitFor(
      () => {
        const running = children.filter(isRunning)
        return running.length === 0 || performance.now() - quitAt > 1000 ? running : undefined
      },
      2000,
      'The end of the children'
    )

    expect(survivors).toEqual([])
    expect(performance.now() - quitAt).toBeLessThan(1000)
  })

  // A CLI killed outright cannot end anything itself: its children leave when they see their IPC
  // channel close, as soon as their event loops run. Bounded, but not to the second on a busy machine.
  it('after SIGKILL, the children still leave by themselves', async () => {
    const cli = new CliProcess(['--demo', '-r', '40', '-d', '60', '-c', '2', '-w', '2', '--json'])
    const children = await waitFor(() => childrenOfDemoRun(cli), 15_000, 'Two engines and the demo target')

    cli.signal('SIGKILL')
    await cli.finish()

    await waitFor(() => (children.some(isRunning) ? undefined : true), 10_000, 'The end of every child')
  })
})
