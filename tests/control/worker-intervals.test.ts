import { describe, expect, it } from 'vitest'
import { WorkerIntervals } from '../../src/control/worker-intervals'
import { intervalOf } from '../support/intervals'

describe('WorkerIntervals', () => {
  it('hands out a tick once every worker has reported it, merged, in tick order', () => {
    const workers = new WorkerIntervals(2)
    workers.add(0, [intervalOf(1, [1000])])
    expect(workers.takeComplete()).toEqual([])
    workers.add(0, [intervalOf(2, [1000, 2000])])
    workers.add(1, [intervalOf(1, [3000])])

    const first = workers.takeComplete()
    expect(first.map((interval) => [interval.tick, interval.sent])).toEqual([[1, 2]])
    workers.add(1, [intervalOf(2, [4000])])
    expect(workers.takeComplete().map((interval) => [interval.tick, interval.sent])).toEqual([[2, 3]])
    expect(workers.takeComplete()).toEqual([])
  })

  it('completes a tick a worker skipped (its loop was blocked) once it reported a later one', () => {
    const workers = new WorkerIntervals(2)
    workers.add(0, [intervalOf(1, [1]), intervalOf(2, [1]), intervalOf(3, [1])])
    workers.add(1, [intervalOf(1, [1])])
    expect(workers.takeComplete().map((interval) => interval.tick)).toEqual([1])
    // Worker 1's next interval covers ticks 2 and 3 of run time and is keyed 3: tick 2 is worker 0's alone.
    workers.add(1, [intervalOf(3, [1, 1], { startMs: 100 })])
    expect(workers.takeComplete().map((interval) => [interval.tick, interval.sent])).toEqual([
      [2, 1],
      [3, 3]
    ])
  })

  it('completes every tick of a worker whose result has come, and passes a lone worker’s through at once', () => {
    const workers = new WorkerIntervals(2)
    workers.add(0, [intervalOf(1, [1]), intervalOf(2, [1])])
    workers.add(1, [intervalOf(1, [1])])
    workers.finish(1)
    expect(workers.takeComplete().map((interval) => interval.tick)).toEqual([1, 2])

    const lone = new WorkerIntervals(1)
    const interval = intervalOf(5, [1])
    lone.add(0, [interval])
    expect(lone.takeComplete()).toEqual([interval])
  })

  it('counts an interval once when its snapshot is heard twice', () => {
    const workers = new WorkerIntervals(1)
    const interval = intervalOf(3, [1, 1])
    workers.add(0, [interval])
    workers.add(0, [interval])
    expect(workers.takeComplete()).toEqual([interval])
    workers.add(0, [interval, intervalOf(2, [1])])
    expect(workers.takeComplete()).toEqual([])
  })
})
