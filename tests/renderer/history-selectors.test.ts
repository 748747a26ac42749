import { describe, expect, it } from 'vitest'
import { comparedRuns, histogramLines, latencyLines, throughputLines } from '../../src/renderer/src/history/compare-lines'
import { baselineFor, rerunRefusal, runLabel, runSubject, selectListedTestId } from '../../src/renderer/src/history/history-selectors'
import { checkMaxRuns } from '../../src/renderer/src/history/max-runs'
import { stampedeStore } from '../support/factories'
import { FakeRunHistory } from '../support/fake-run-history'
import { intervalOf } from '../support/intervals'

describe('history selectors', () => {
  it('find a run’s baseline among the runs of its own test only', () => {
    const history = new FakeRunHistory()
    const baseline = { ...history.add({ testId: 1, testName: 'a' }), isBaseline: true }
    const sameTest = history.add({ testId: 1, testName: 'a' })
    const otherTest = history.add({ testId: 2, testName: 'b' })
    const noTest = history.add()
    const runs = [baseline, sameTest, otherTest, noTest]
    expect(baselineFor(runs, sameTest)).toBe(baseline)
    expect(baselineFor(runs, baseline)).toBeUndefined()
    expect(baselineFor(runs, otherTest)).toBeUndefined()
    expect(baselineFor(runs, noTest)).toBeUndefined()
  })

  it('refuse a re-run of an imported run only, saying why', () => {
    const history = new FakeRunHistory()
    expect(rerunRefusal(history.add())).toBeUndefined()
    expect(rerunRefusal(history.add({ source: 'import' }))).toMatch(/imported run has no plan/)
  })

  it('name a run by its test, or by what it ran against', () => {
    const history = new FakeRunHistory()
    expect(runSubject(history.add({ testId: 1, testName: 'checkout' }))).toBe('checkout')
    expect(runSubject(history.add())).toBe('GET http://127.0.0.1:8080/')
    expect(runSubject(history.add({ source: 'import' }))).toBe('Imported: GET http://127.0.0.1:8080/')
    expect(runLabel(history.add({ testId: 1, testName: 'checkout' }))).toMatch(/2026.* · checkout$/)
  })

  it('list the open test’s runs only in the scope "This test"', () => {
    const store = stampedeStore()
    expect(selectListedTestId(store.getState())).toBeUndefined()
    store.setState({ openTestId: 4 })
    expect(selectListedTestId(store.getState())).toBe(4)
    store.setState({ historyScope: 'all' })
    expect(selectListedTestId(store.getState())).toBeUndefined()
  })
})

describe('checkMaxRuns', () => {
  it.each([
    ['', 'Enter how many runs to keep, from 1 to 100,000.'],
    ['ten', 'Enter a whole number of runs, from 1 to 100,000.'],
    ['2.5', 'Enter a whole number of runs, from 1 to 100,000.'],
    ['0', 'Keep from 1 to 100,000 runs.'],
    ['100001', 'Keep from 1 to 100,000 runs.']
  ])('refuses %j', (text, message) => {
    expect(checkMaxRuns(text)).toEqual({ ok: false, message })
  })

  it('takes a whole number in range, spaces around it allowed', () => {
    expect(checkMaxRuns(' 1 ')).toEqual({ ok: true, count: 1 })
    expect(checkMaxRuns('100000')).toEqual({ ok: true, count: 100_000 })
  })
})

describe('the compare view’s curves', () => {
  const history = new FakeRunHistory()
  // The base answers in about 1 ms, the new run in about 5 ms, over three intervals each (the new run over two).
  const base = history.add({ testName: 'checkout', testId: 1, points: [1, 2, 3].map((tick) => intervalOf(tick, [1000, 1100, 1200])) })
  const next = history.add({ testName: 'checkout', testId: 1, points: [1, 2].map((tick) => intervalOf(tick, [5000, 5100, 5200, 5300])) })
  const runs = comparedRuns(base, next)

  it('draw each run from its own start, p99 and p50 for each, named Base and New with date and test', () => {
    const lines = latencyLines(runs)
    expect(lines.map((line) => line.label.split(' (')[0])).toEqual(['Base p99', 'Base p50', 'New p99', 'New p50'])
    expect(lines[0].label).toBe(`Base p99 (${runLabel(base)})`)
    expect(Array.from(lines[0].x)).toEqual([0.1, 0.2, 0.3])
    expect(Array.from(lines[2].x)).toEqual([0.1, 0.2])
    expect(Array.from(lines[0].y)).toEqual(base.report.series?.points.map((point) => point.latencyMs.p99))
    expect(Array.from(lines[2].y)).toEqual(next.report.series?.points.map((point) => point.latencyMs.p99))
  })

  it('give throughput as requests ended a second', () => {
    const [baseLine, nextLine] = throughputLines(runs)
    expect(Array.from(baseLine.y)).toEqual([30, 30, 30])
    expect(Array.from(nextLine.y)).toEqual([40, 40])
  })

  it('give each histogram as shares of its own responses, over the same bin edges', () => {
    const withBins = comparedRuns(
      { ...base, report: { ...base.report, latencyBins: [{ fromMs: 1, toMs: 1.259, count: 3 }, { fromMs: 1.259, toMs: 1.585, count: 1 }] } },
      { ...next, report: { ...next.report, latencyBins: [{ fromMs: 5.012, toMs: 6.31, count: 8 }] } }
    )
    const [baseCurve, nextCurve] = histogramLines(withBins)
    expect(Array.from(baseCurve.x)).toEqual([1, 1.259])
    expect(Array.from(baseCurve.y)).toEqual([75, 25])
    expect(Array.from(nextCurve.y)).toEqual([100])
  })
})
