import { describe, expect, it } from 'vitest'
import type { FromEngine, ToEngine } from '../../src/shared/engine-protocol'
import { engineSpawner } from '../support/child-processes'

describe('spawnNodeProcess', () => {
  it('drops a message posted to a child that just died, leaving the news to its exit', async () => {
    const engines = engineSpawner()
    const channel = engines.spawn()
    await new Promise<void>((resolve) => channel.onMessage((message: FromEngine) => message.type === 'ready' && resolve()))
    const { exited } = engines.latest()
    let gone = false
    void exited.then(() => (gone = true))
    process.kill(channel.pid!, 'SIGKILL')
    const cancel: ToEngine = { type: 'cancel', runId: 1 }
    // Keep writing until the exit arrives: some writes hit the closed pipe (EPIPE) on the way.
    while (!gone) {
      channel.post(cancel)
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(await exited).toEqual({ code: null, reason: 'SIGKILL' })
  })
})
