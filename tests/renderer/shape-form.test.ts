import { describe, expect, it } from 'vitest'
import { planToForm } from '../../src/renderer/src/plan/form-of-plan'
import { INITIAL_PLAN_FORM_VALUES, type PlanFormValues } from '../../src/renderer/src/plan/plan-form'
import { checkPlanForm } from '../../src/renderer/src/plan/plan-form-check'
import { formWithPreset, withShape } from '../../src/renderer/src/plan/shape-form'
import { stageRow, stageRowErrorOf, stagesOf } from '../../src/renderer/src/plan/stage-rows'
import { planOf } from '../support/plans'

const URL = 'http://127.0.0.1:8080/'
const form = (values: Partial<PlanFormValues>): PlanFormValues => ({ ...INITIAL_PLAN_FORM_VALUES, url: URL, ...values })
const typedStages = (form: Partial<PlanFormValues>) => (form.stages ?? []).map((row) => [row.duration, row.target])

describe('stage rows', () => {
  it('read seconds (decimals allowed) and whole targets; what does not read is NaN for the schema to name', () => {
    expect(stagesOf([stageRow('1.5', '200'), stageRow('0', '1,000'), stageRow('soon', '2.5')])).toEqual([
      { durationMs: 1500, target: 200 },
      { durationMs: 0, target: 1000 },
      { durationMs: Number.NaN, target: Number.NaN }
    ])
  })

  it("put a message about one stage on that stage's row, and keep one about them all off the rows", () => {
    const rows = [stageRow('1', '10'), stageRow('1', '-1')]
    expect(stageRowErrorOf('Stage 2: the target cannot be negative.', rows)).toEqual({
      [rows[1].id]: 'Stage 2: the target cannot be negative.'
    })
    expect(stageRowErrorOf('The stages last 0 ms: give at least one a duration.', rows)).toEqual({})
  })
})

describe('checkPlanForm with stages', () => {
  it('sends the stages with the start in the rate (open model), stopping at the shape’s end alone', () => {
    const check = checkPlanForm(
      form({ model: 'open', ratePerSecond: '20', shaped: true, stopAfter: 'shape', stages: [stageRow('1', '20'), stageRow('3', '80')] })
    )
    expect(check).toMatchObject({ ok: true, plan: { ratePerSecond: 20, stages: [{ durationMs: 1000, target: 20 }, { durationMs: 3000, target: 80 }] } })
    expect(check.ok && [check.plan.totalRequests, check.plan.durationMs]).toEqual([undefined, undefined])
  })

  it('keeps the rows but sends no stages while the shape is off, and then the count stops the run', () => {
    const check = checkPlanForm(form({ shaped: false, stopAfter: 'shape', stages: [stageRow('1', '5')] }))
    expect(check.ok && [check.plan.stages, check.plan.totalRequests]).toEqual([undefined, 1000])
  })

  it("puts the schema's message about one stage on that row", () => {
    const rows = [stageRow('2', '10'), stageRow('2', 'lots')]
    const check = checkPlanForm(form({ shaped: true, stopAfter: 'shape', concurrency: '0', stages: rows }))
    expect(check.ok).toBe(false)
    expect(!check.ok && check.stageRowErrors).toEqual({ [rows[1].id]: expect.stringMatching(/^Stage 2: /) })
  })

  it.each([
    ['an open-model shape that also stops after a count', { ratePerSecond: 0, concurrency: 10, totalRequests: 500, stages: [{ durationMs: 2000, target: 100 }] }],
    ['a closed-model shape from no connections, over HTTP/2', { url: 'https://127.0.0.1/', protocol: 'h2' as const, concurrency: 0, stages: [{ durationMs: 0, target: 5 }, { durationMs: 1500, target: 5 }] }]
  ])('gives back a form that reads into the same plan: %s', (_label, input) => {
    const plan = planOf({ url: URL, ...input })
    expect(checkPlanForm(planToForm(plan))).toEqual({ ok: true, plan })
  })
})

describe('withShape', () => {
  it('the first time, ramps up to the start there was over a minute and stops at the shape’s end', () => {
    const change = withShape(form({ model: 'open', ratePerSecond: '200' }), true)
    expect(change).toMatchObject({ shaped: true, stopAfter: 'shape', ratePerSecond: '0' })
    expect(typedStages(change)).toEqual([['60', '200']])
  })

  it('keeps rows there were and a stop that was chosen; off, it keeps the rows and the count stops the run', () => {
    const stages = [stageRow('5', '10')]
    expect(withShape(form({ stages, stopAfter: 'duration' }), true)).toEqual({ shaped: true, stopAfter: 'duration' })
    expect(withShape(form({ shaped: true, stages, stopAfter: 'shape' }), false)).toEqual({ shaped: false, stopAfter: 'requests' })
  })
})

describe('formWithPreset', () => {
  it("scales a preset to the shape there was: its length, its peak, from its start when that lies below", () => {
    const closed = form({ model: 'closed', concurrency: '10', stages: [stageRow('20', '50'), stageRow('20', '50')] })
    const spike = formWithPreset(closed, 'spike')
    expect(spike.concurrency).toBe('10')
    expect(typedStages(spike)).toEqual([
      ['16', '10'],
      ['0', '50'],
      ['8', '50'],
      ['0', '10'],
      ['16', '10']
    ])
  })

  it('from nothing to shape, starts a preset at 0 and peaks at a hundred', () => {
    const change = formWithPreset(form({ model: 'open', ratePerSecond: '' }), 'ramp-up-hold-down')
    expect(change.ratePerSecond).toBe('0')
    expect(typedStages(change)).toEqual([
      ['12', '100'],
      ['36', '100'],
      ['12', '0']
    ])
  })
})
