import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ProcessExit } from '../../src/control/process-channel'
import { ManagedProcess } from '../../src/control/managed-process'
import { describeExit } from '../../src/control/process-exit'
import { exitCodesMatch, GONE_REASON_GRACE_MS, ProcessGoneReasons } from '../../src/main/process-gone-reasons'
import { LAUNCH_DEADLINE_MS, spawnUtilityProcess } from '../../src/main/utility-process'
import { FakeGoneEvents, fakeFork, type FakeUtilityProcess } from './fake-electron'

// The adapter between Electron's UtilityProcess and main's ProcessChannel, with Electron faked as
// its source behaves. Timers are faked: the grace and launch deadlines are bounds, never waited out.
const ENGINE = 'Stampede engine'
let app: FakeGoneEvents
let reasons: ProcessGoneReasons
let forks: ReturnType<typeof fakeFork>

/** Lets promise callbacks run: setImmediate is left real. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  app = new FakeGoneEvents()
  reasons = new ProcessGoneReasons(app)
  forks = fakeFork()
})

afterEach(() => {
  vi.useRealTimers()
})

function spawnEngine(): { channel: ReturnType<typeof spawnUtilityProcess>; child: FakeUtilityProcess; exits: ProcessExit[] } {
  const channel = spawnUtilityProcess({ fork: forks.fork, goneReasons: reasons }, '/out/main/engine.js', ENGINE)
  const exits: ProcessExit[] = []
  channel.onExit((exit) => exits.push(exit))
  return { channel, child: forks.forked.at(-1)!, exits }
}

describe('spawnUtilityProcess', () => {
  it('forks the entry under its service name and carries messages both ways', () => {
    const { channel, child } = spawnEngine()
    expect(child.modulePath).toBe('/out/main/engine.js')
    expect(child.options.serviceName).toBe(ENGINE)
    const received: unknown[] = []
    channel.onMessage((message) => received.push(message))
    channel.post({ type: 'cancel' })
    child.emit('message', { type: 'ready' })
    expect(child.posted).toEqual([{ type: 'cancel' }])
    expect(received).toEqual([{ type: 'ready' }])
  })

  it('reports the pid once spawned, and none before', () => {
    const { channel, child } = spawnEngine()
    expect(channel.pid).toBeUndefined()
    child.spawn(4242)
    expect(channel.pid).toBe(4242)
  })

  it('a stop after spawning kills the process and resolves on its exit', async () => {
    const managed = ManagedProcess.spawn(() => spawnEngine().channel)
    const child = forks.forked[0]
    child.spawn(1)
    const stopped = managed.stop()
    expect(child.killCalls).toBe(1)
    child.exit(0)
    await stopped
    expect(managed.isAlive).toBe(false)
  })
})

describe('stop before the utility process has spawned', () => {
  it('kills it the moment it spawns, and the stop resolves on its exit', async () => {
    const managed = ManagedProcess.spawn(() => spawnEngine().channel)
    const child = forks.forked[0]
    let settled = false
    const stopped = managed.stop().then(() => (settled = true))
    // Electron's kill() would be a no-op here: the adapter must not count on it.
    expect(child.killCalls).toBe(0)
    child.spawn(7)
    expect(child.killCalls).toBe(1)
    await settle()
    expect(settled).toBe(false)
    child.exit(0)
    await stopped
    expect(managed.isAlive).toBe(false)
  })

  it('ends the stop when the launch fails (child-process-gone launch-failed), naming why', async () => {
    const { channel, exits } = spawnEngine()
    channel.kill()
    app.processGone({ type: 'Utility', reason: 'launch-failed', exitCode: 1, name: ENGINE })
    expect(exits).toEqual([{ code: null, reason: 'launch-failed' }])
    expect(describeExit(exits[0])).toBe('it could not be launched')
  })

  it('gives a launch that never comes up at the deadline, and still kills it if it spawns later', async () => {
    const { channel, child, exits } = spawnEngine()
    channel.kill()
    vi.advanceTimersByTime(LAUNCH_DEADLINE_MS - 1)
    expect(exits).toEqual([])
    vi.advanceTimersByTime(1)
    expect(exits).toEqual([{ code: null, reason: 'launch-failed' }])
    child.spawn(9)
    expect(child.killCalls).toBe(1)
    child.exit(0)
    expect(exits).toHaveLength(1)
  })

  it('a launch failure of a process nobody stopped is an exit too', () => {
    const { exits } = spawnEngine()
    app.processGone({ type: 'Utility', reason: 'launch-failed', exitCode: 1, name: ENGINE })
    expect(exits).toEqual([{ code: null, reason: 'launch-failed' }])
  })

  it('a launch failure belongs to the oldest process of that name still launching', () => {
    const first = spawnEngine()
    const second = spawnEngine()
    first.child.spawn(1)
    app.processGone({ type: 'Utility', reason: 'launch-failed', exitCode: 1, name: ENGINE })
    expect(first.exits).toEqual([])
    expect(second.exits).toEqual([{ code: null, reason: 'launch-failed' }])
  })
})

describe('why an engine died (child-process-gone)', () => {
  it("uses the reason when 'exit' comes first", async () => {
    const { child, exits } = spawnEngine()
    child.spawn(11)
    child.exit(9)
    expect(exits).toEqual([])
    app.processGone({ type: 'Utility', reason: 'killed', exitCode: 9, name: ENGINE })
    await settle()
    expect(exits).toEqual([{ code: 9, reason: 'killed' }])
    expect(describeExit(exits[0])).toBe('it was killed, exit code 9')
  })

  it("uses the reason when 'child-process-gone' comes first", async () => {
    const { child, exits } = spawnEngine()
    child.spawn(12)
    app.processGone({ type: 'Utility', reason: 'oom', exitCode: 133, name: ENGINE })
    child.exit(133)
    await settle()
    expect(exits).toEqual([{ code: 133, reason: 'oom' }])
  })

  it('matches a Windows exit code given signed in the details and unsigned by exit', async () => {
    reasons = new ProcessGoneReasons(app, 'win32')
    const { child, exits } = spawnEngine()
    child.spawn(13)
    child.exit(0xc0000005)
    app.processGone({ type: 'Utility', reason: 'crashed', exitCode: 0xc0000005 | 0, name: ENGINE })
    await settle()
    expect(exits).toEqual([{ code: 0xc0000005, reason: 'crashed' }])
  })

  it.each(['linux', 'darwin'] as const)(
    "pairs process.exit(1) on %s with the details' raw wait status (256), so an engine's fault keeps its reason",
    async (platform) => {
      reasons = new ProcessGoneReasons(app, platform)
      const { child, exits } = spawnEngine()
      child.spawn(17)
      child.exit(1)
      app.processGone({ type: 'Utility', reason: 'abnormal-exit', exitCode: 256, name: ENGINE })
      await settle()
      expect(exits).toEqual([{ code: 1, reason: 'abnormal-exit' }])
      expect(describeExit(exits[0])).toBe('it exited abnormally, exit code 1')
    }
  )

  it('pairs a signal on POSIX whether exit has the raw status (core dumped) or the signal', () => {
    expect(exitCodesMatch(0x80 | 11, 0x80 | 11, 'linux')).toBe(true)
    expect(exitCodesMatch(0x80 | 11, 11, 'linux')).toBe(true)
    expect(exitCodesMatch(9, 9, 'darwin')).toBe(true)
    expect(exitCodesMatch(2 << 8, 1, 'linux')).toBe(false)
    // Windows has no wait status: 256 is 256 there.
    expect(exitCodesMatch(256, 1, 'win32')).toBe(false)
    expect(exitCodesMatch(256, 256, 'win32')).toBe(true)
  })

  it('ignores other process types, other names and other exit codes', async () => {
    const { child, exits } = spawnEngine()
    child.spawn(14)
    app.processGone({ type: 'GPU', reason: 'crashed', exitCode: 1, name: ENGINE })
    app.processGone({ type: 'Utility', reason: 'oom', exitCode: 1, name: 'Stampede demo target' })
    app.processGone({ type: 'Utility', reason: 'crashed', exitCode: 2, name: ENGINE })
    child.exit(1)
    vi.advanceTimersByTime(GONE_REASON_GRACE_MS)
    await settle()
    expect(exits).toEqual([{ code: 1, reason: undefined }])
    expect(describeExit(exits[0])).toBe('exit code 1')
  })

  it('reports an exit without a reason once the grace has passed', async () => {
    const { child, exits } = spawnEngine()
    child.spawn(15)
    child.exit(3)
    vi.advanceTimersByTime(GONE_REASON_GRACE_MS - 1)
    await settle()
    expect(exits).toEqual([])
    vi.advanceTimersByTime(1)
    await settle()
    expect(exits).toEqual([{ code: 3, reason: undefined }])
  })

  it('drops a reason no exit claims, so a later exit with the same code is not misread', async () => {
    app.processGone({ type: 'Utility', reason: 'oom', exitCode: 5, name: ENGINE })
    vi.advanceTimersByTime(GONE_REASON_GRACE_MS)
    const { child, exits } = spawnEngine()
    child.spawn(16)
    child.exit(5)
    vi.advanceTimersByTime(GONE_REASON_GRACE_MS)
    await settle()
    expect(exits).toEqual([{ code: 5, reason: undefined }])
  })

  it('pairs each of two engines that die together with its own reason', async () => {
    const a = spawnEngine()
    const b = spawnEngine()
    a.child.spawn(21)
    b.child.spawn(22)
    a.child.exit(9)
    b.child.exit(134)
    app.processGone({ type: 'Utility', reason: 'crashed', exitCode: 134, name: ENGINE })
    app.processGone({ type: 'Utility', reason: 'killed', exitCode: 9, name: ENGINE })
    await settle()
    expect(a.exits).toEqual([{ code: 9, reason: 'killed' }])
    expect(b.exits).toEqual([{ code: 134, reason: 'crashed' }])
  })

  it('reports a clean exit and an exit we asked for at once, without waiting for a reason', () => {
    const clean = spawnEngine()
    clean.child.spawn(31)
    clean.child.exit(0)
    expect(clean.exits).toEqual([{ code: 0 }])

    const stopped = spawnEngine()
    stopped.child.spawn(32)
    stopped.channel.kill()
    stopped.child.exit(15)
    expect(stopped.exits).toEqual([{ code: 15 }])
  })

  it("hears a V8 fatal error ('error'), logs where it came from, and reports the exit that follows", async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const { child, exits } = spawnEngine()
      child.spawn(51)
      // An EventEmitter with no 'error' listener throws: in Electron's main, its error dialog.
      expect(() => child.emit('error', 'FatalError', 'v8::ToLocalChecked Empty MaybeLocal', '{"header":{}}')).not.toThrow()
      expect(logged).toHaveBeenCalledWith(`${ENGINE}: FatalError at v8::ToLocalChecked Empty MaybeLocal`, '{"header":{}}')
      child.exit(133)
      app.processGone({ type: 'Utility', reason: 'crashed', exitCode: 133, name: ENGINE })
      await settle()
      expect(exits).toEqual([{ code: 133, reason: 'crashed' }])
    } finally {
      logged.mockRestore()
    }
  })

  it('calls every exit listener once', async () => {
    const { channel, child, exits } = spawnEngine()
    const more: ProcessExit[] = []
    channel.onExit((exit) => more.push(exit))
    child.spawn(41)
    child.exit(0)
    child.emit('exit', 0)
    expect(exits).toEqual([{ code: 0 }])
    expect(more).toEqual([{ code: 0 }])
  })
})
