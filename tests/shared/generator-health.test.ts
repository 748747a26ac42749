import { describe, expect, it } from 'vitest'
import { HealthTally, healthNotice, judgeHealth, runHealthText } from '../../src/shared/generator-health'
import type { GeneratorHealth } from '../../src/shared/run-interval'
import { intervalOf } from '../support/intervals'

const calm: GeneratorHealth = { eventLoopDelayP99Ms: 2, eventLoopBusyPercent: 30, cpuPercent: 25 }

describe('judgeHealth', () => {
  it.each([
    ['calm', calm, { generatorLimited: false, limits: [], targetSlow: false }],
    ['a worker at 95% CPU', { ...calm, cpuPercent: 95 }, { generatorLimited: true, limits: ['cpu'], targetSlow: false }],
    ['an event loop 92% busy', { ...calm, eventLoopBusyPercent: 92 }, { generatorLimited: true, limits: ['event-loop'], targetSlow: false }],
    ['timers 60 ms late', { ...calm, eventLoopDelayP99Ms: 60 }, { generatorLimited: true, limits: ['event-loop'], targetSlow: false }],
    // Open model: sends behind schedule while the generator has time to spare are the target's doing.
    ['sends 400 ms behind, generator idle', { ...calm, behindScheduleMs: 400 }, { generatorLimited: false, limits: [], targetSlow: true }],
    [
      'sends 400 ms behind, generator saturated',
      { ...calm, cpuPercent: 100, eventLoopBusyPercent: 100, behindScheduleMs: 400 },
      { generatorLimited: true, limits: ['cpu', 'event-loop', 'behind-schedule'], targetSlow: false }
    ],
    ['sends 5 ms behind: timer granularity', { ...calm, behindScheduleMs: 5 }, { generatorLimited: false, limits: [], targetSlow: false }]
  ])('%s', (_label, health, verdict) => {
    expect(judgeHealth(health as GeneratorHealth)).toEqual(verdict)
  })
})

describe('healthNotice', () => {
  it('says plainly who holds the run back, and nothing while all is well', () => {
    expect(healthNotice(calm)).toBeUndefined()
    expect(healthNotice({ ...calm, cpuPercent: 100, behindScheduleMs: 250 })).toBe(
      'Stampede is the limit, not the target: an engine process at 100% CPU; sends 250 ms behind schedule.'
    )
    expect(healthNotice({ ...calm, behindScheduleMs: 1500 })).toBe(
      'The target is slow: every connection is waiting for a response; sends 1.50 s behind schedule.'
    )
  })
})

describe('HealthTally', () => {
  const tallyOf = (healths: GeneratorHealth[]) => {
    const tally = new HealthTally()
    healths.forEach((health, index) => tally.add(intervalOf(index + 1, [1000], { health })))
    return tally.summary()
  }

  it('calls a run generator-limited when it was for a tenth of its time or more', () => {
    const summary = tallyOf([...Array<GeneratorHealth>(9).fill(calm), { ...calm, cpuPercent: 100 }])
    expect(summary).toMatchObject({ verdict: 'generator-limited', generatorLimitedMs: 100, judgedMs: 1000 })
    expect(runHealthText(summary)).toMatch(/^Stampede, not the target, limited the run for 0\.10 s of 1\.00 s \(10%\): an engine process at 100% CPU/)
  })

  it('does not for one hiccup in a longer run, and keeps the worst of each measure', () => {
    const summary = tallyOf([...Array<GeneratorHealth>(19).fill(calm), { ...calm, eventLoopDelayP99Ms: 70 }])
    expect(summary).toMatchObject({ verdict: 'ok', generatorLimitedMs: 100, peak: { eventLoopDelayP99Ms: 70, cpuPercent: 25 } })
    expect(runHealthText(summary)).toMatch(/^Stampede kept up/)
  })

  it('calls an open-model run target-slow when its sends fell behind while the generator idled', () => {
    const summary = tallyOf(Array<GeneratorHealth>(10).fill({ ...calm, behindScheduleMs: 800 }))
    expect(summary).toMatchObject({ verdict: 'target-slow', targetSlowMs: 1000, generatorLimitedMs: 0 })
    expect(runHealthText(summary)).toMatch(/^The target was slow: for 1\.00 s of 1\.00 s \(100%\) every connection was waiting/)
  })
})
