import { afterEach, describe, expect, it } from 'vitest'
import type { FromDemoTarget } from '../../src/shared/engine-protocol'
import { DemoTargetProcess } from '../../src/control/demo-target-process'
import { spawnNodeProcess } from '../../src/control/node-process'
import { demoTargetSpawner, isAlive, type RecordingSpawner } from '../support/child-processes'

// The real built demo target (out/main/demo-target.js) as a Node child.
let spawner: RecordingSpawner<never, FromDemoTarget>
let demoTarget: DemoTargetProcess

afterEach(async () => {
  await demoTarget?.dispose()
  await spawner?.killAll()
})

function setUp(): void {
  spawner = demoTargetSpawner()
  demoTarget = new DemoTargetProcess(spawner.spawn)
}

describe('DemoTargetProcess', () => {
  it('resolves to a 127.0.0.1 URL that answers 200', async () => {
    setUp()
    const url = await demoTarget.url()
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const response = await fetch(url)
    expect(response.status).toBe(200)
    await response.arrayBuffer()
  })

  it('starts one process for concurrent and later calls', async () => {
    setUp()
    const [first, second] = await Promise.all([demoTarget.url(), demoTarget.url()])
    expect(await demoTarget.url()).toBe(first)
    expect(second).toBe(first)
    expect(spawner.spawned).toHaveLength(1)
  })

  it('starts a fresh one after the last died', async () => {
    setUp()
    await demoTarget.url()
    const first = spawner.latest()
    first.channel.kill()
    await first.exited
    const url = await demoTarget.url()
    expect(spawner.spawned).toHaveLength(2)
    expect((await fetch(url)).status).toBe(200)
  })

  it('dispose kills it', async () => {
    setUp()
    await demoTarget.url()
    const [pid] = spawner.pids
    expect(isAlive(pid)).toBe(true)
    await demoTarget.dispose()
    expect(isAlive(pid)).toBe(false)
    await expect(demoTarget.url()).rejects.toThrow(/shut down/)
  })

  it('rejects when the process exits before listening, and tries afresh on the next call', async () => {
    let spawns = 0
    demoTarget = new DemoTargetProcess(() => {
      spawns++
      return spawnNodeProcess<never, FromDemoTarget>('/nonexistent/demo-target.js')
    })
    await expect(demoTarget.url()).rejects.toThrow(/exited while starting/)
    await expect(demoTarget.url()).rejects.toThrow(/exited while starting/)
    expect(spawns).toBe(2)
  })
})
