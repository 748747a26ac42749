import { describe, expect, it } from 'vitest'
import { checkThresholdRows } from '../../src/renderer/src/thresholds/threshold-list'
import {
  selectThresholdMessages,
  selectThresholdsAreValid,
  selectThresholdTiles
} from '../../src/renderer/src/thresholds/threshold-selectors'
import { parseThreshold, THRESHOLD_LIMITS, type Threshold } from '../../src/shared/thresholds'
import { fakeApi, result, runState, snapshot, stampedeStore } from '../support/factories'

function threshold(text: string): Threshold {
  const parsed = parseThreshold(text)
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.threshold
}

describe('checkThresholdRows', () => {
  it('parses every row with the shared parser, skipping blank ones', () => {
    const check = checkThresholdRows([
      { id: 1, text: 'p99<250ms' },
      { id: 2, text: '   ' },
      { id: 3, text: 'error_rate < 1%' }
    ])
    expect(check.ok).toBe(true)
    expect(check.thresholds.map((t) => t.expression)).toEqual(['p99<250ms', 'error_rate < 1%'])
  })

  it('gives a wrong row the parser’s own message, by its id', () => {
    const check = checkThresholdRows([
      { id: 4, text: 'p99<250ms' },
      { id: 7, text: 'p99=250ms' },
      { id: 8, text: 'x'.repeat(THRESHOLD_LIMITS.length + 1) }
    ])
    expect(check.ok).toBe(false)
    expect(check.messages[7]).toBe((parseThreshold('p99=250ms') as { message: string }).message)
    expect(check.messages[8]).toMatch(/at most/i)
    expect(check.thresholds).toHaveLength(1)
  })
})

describe('the thresholds slice', () => {
  it('adds, edits and removes rows, judging them on every edit', () => {
    const store = stampedeStore()
    store.getState().addThreshold()
    store.getState().addThreshold()
    const [first, second] = store.getState().thresholdRows
    store.getState().editThreshold(first.id, 'p99<')
    expect(selectThresholdsAreValid(store.getState())).toBe(false)
    expect(selectThresholdMessages(store.getState())[first.id]).toBeTruthy()
    store.getState().editThreshold(first.id, 'p99<20ms')
    store.getState().editThreshold(second.id, 'rps>5')
    expect(selectThresholdsAreValid(store.getState())).toBe(true)
    store.getState().removeThreshold(first.id)
    expect(store.getState().thresholdCheck.thresholds.map((t) => t.expression)).toEqual(['rps>5'])
  })

  it('stops adding rows at the limit main accepts', () => {
    const store = stampedeStore()
    for (let i = 0; i < THRESHOLD_LIMITS.count + 5; i++) store.getState().addThreshold()
    expect(store.getState().thresholdRows).toHaveLength(THRESHOLD_LIMITS.count)
  })

  it('blocks Submit while a threshold is wrong: nothing is sent', async () => {
    const sent: unknown[][] = []
    const store = stampedeStore(
      fakeApi({
        startRun: async (...args) => {
          sent.push(args)
          return { ok: true, runId: 1 }
        }
      })
    )
    store.getState().editField('url', 'http://127.0.0.1:8080/')
    store.getState().addThreshold()
    const [row] = store.getState().thresholdRows
    store.getState().editThreshold(row.id, 'latency<5')
    await store.getState().submitRun()
    expect(sent).toHaveLength(0)
    expect(store.getState().phase).toBe('idle')

    store.getState().editThreshold(row.id, 'max<1ms')
    await store.getState().submitRun()
    expect(sent).toHaveLength(1)
    expect(sent[0][1]).toEqual(['max<1ms'])
    expect(store.getState().runThresholds.map((t) => t.expression)).toEqual(['max<1ms'])
  })
})

describe('selectThresholdTiles', () => {
  const latency = { min: 1, mean: 10, p50: 10, p90: 15, p99: 20, p999: 21, p9999: 22, max: 25 }

  it('shows a condition already lost as failed while the run goes, and one still open as so far', () => {
    const state = runState({
      phase: 'running',
      runThresholds: [threshold('max<1ms'), threshold('p99<50ms')],
      snapshot: snapshot({ statusCodes: { '200': 10 }, latencyMs: latency })
    })
    expect(selectThresholdTiles(state)).toEqual([
      { expression: 'max<1ms', status: 'failed', actual: '25.0 ms' },
      { expression: 'p99<50ms', status: 'passing', actual: '20.0 ms' }
    ])
  })

  it('settles every condition once the run finished, and returns the same array for the same snapshot', () => {
    const finished = result({ statusCodes: { '200': 10 }, latencyMs: latency })
    const state = runState({ phase: 'ended', result: finished, snapshot: finished, runThresholds: [threshold('p99<50ms')] })
    const tiles = selectThresholdTiles(state)
    expect(tiles.map((tile) => tile.status)).toEqual(['passed'])
    expect(selectThresholdTiles(state)).toBe(tiles)
  })

  it('is empty without thresholds', () => {
    expect(selectThresholdTiles(runState({ phase: 'running', snapshot: snapshot() }))).toEqual([])
  })
})
