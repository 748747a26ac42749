import { describe, expect, it } from 'vitest'
import { checkReport, parseReportText } from '../../src/shared/report/report-file'
import { jsonOutput, reportJson } from '../../src/shared/report/run-report'
import { sampleReport } from '../support/reports'

const report = sampleReport({
  plan: { ratePerSecond: 100, stages: [{ durationMs: 1000, target: 200 }], headers: [['X-Trace', '1']], body: 'abc' },
  result: {
    errorKinds: { timeout: 2 },
    rawLatencyMs: { min: 0, mean: 1, p50: 1, p90: 1, p99: 1, p999: 1, p9999: 1, max: 1 },
    health: {
      verdict: 'ok',
      generatorLimitedMs: 0,
      targetSlowMs: 0,
      judgedMs: 2000,
      peak: { eventLoopDelayP99Ms: 1, eventLoopBusyPercent: 10, cpuPercent: 10 }
    }
  }
})

/** The report's JSON with one field changed (`undefined` removes it), at a dotted path. */
function edited(path: string, value: unknown): string {
  const copy = JSON.parse(JSON.stringify(report)) as Record<string, unknown>
  const keys = path.split('.')
  let target = copy as Record<string, unknown>
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>
  if (value === undefined) delete target[keys.at(-1) as string]
  else target[keys.at(-1) as string] = value
  return JSON.stringify(copy)
}

describe('parseReportText', () => {
  it('reads back the exported report whole, series and latency bins included', () => {
    expect(parseReportText(reportJson(report))).toEqual({ ok: true, report })
  })

  it('reads back what --json prints, without series or latency bins', () => {
    const parsed = parseReportText(JSON.stringify(jsonOutput(report)))
    expect(parsed).toEqual({ ok: true, report: jsonOutput(report) })
    expect(parsed.ok && parsed.report.series).toBeUndefined()
  })

  it('keeps fields it does not know, so a report from a newer version passes whole', () => {
    const newer = { ...report, errorExamples: { timeout: 'Headers timeout after 30 s' }, futureField: { a: 1 } }
    expect(parseReportText(JSON.stringify(newer))).toEqual({ ok: true, report: newer })
  })

  it('accepts a byte-order mark before the JSON', () => {
    expect(parseReportText(`\uFEFF${reportJson(report)}`).ok).toBe(true)
  })

  it.each([
    ['a latency that is text', 'latencyMs.p99', '12', 'latencyMs.p99: expected a number, found "12".'],
    ['a missing percentile', 'ttfbMs.p50', undefined, 'ttfbMs.p50: missing (expected a number).'],
    ['a negative count', 'requests.sent', -1, 'requests.sent: cannot be negative, found -1.'],
    ['a fractional count', 'requests.failed', 1.5, 'requests.failed: expected a whole number, found 1.5.'],
    ['an error rate given in percent', 'errorRate', 25, 'errorRate: expected at most 1 (a rate is a fraction), found 25.'],
    ['an unknown outcome', 'outcome', 'done', 'outcome: expected one of "finished", "cancelled", "crashed", found "done".'],
    ['an unknown protocol', 'settings.protocol', 'h3', 'settings.protocol: expected one of "http1", "h2", "h2c", found "h3".'],
    ['header names that are not a list', 'settings.headerNames', 'X-Trace', 'settings.headerNames: expected a list, found "X-Trace".'],
    ['insecure as a word', 'settings.insecure', 'no', 'settings.insecure: expected true or false, found "no".'],
    ['a missing settings object', 'settings', undefined, 'settings: missing (expected an object).'],
    ['a threshold figure that is text', 'thresholds', [{ expression: 'p99<1s', metric: 'p99', passed: true, actual: '1' }], 'thresholds[0].actual: expected a number, found "1".'],
    ['an unknown threshold metric', 'thresholds', [{ expression: 'p42<1', metric: 'p42', passed: true, actual: 1 }], 'thresholds[0].metric: expected one of']
  ])('refuses %s, naming the field', (_label, path, value, message) => {
    const parsed = parseReportText(edited(path, value))
    expect(parsed.ok).toBe(false)
    expect(!parsed.ok && parsed.message).toContain(message)
  })

  it('names a field inside the series by its index', () => {
    const parsed = parseReportText(edited('series.points', [{ ...report.series?.points[0], tick: 'one' }]))
    expect(parsed).toEqual({ ok: false, message: 'series.points[0].tick: expected a number, found "one".' })
  })

  it('names at most three problems, and says how many more there are', () => {
    const broken = { ...report, url: 1, method: 2, rps: 'fast', durationMs: 'long', bytesRead: null }
    const parsed = parseReportText(JSON.stringify(broken))
    expect(parsed).toEqual({
      ok: false,
      message: 'url: expected text, found 1; method: expected text, found 2; durationMs: expected a number, found "long" (and 2 more).'
    })
  })

  it.each([
    ['a list', '[1, 2]', 'Not a Stampede run report: expected a JSON object, found a list.'],
    ['a number', '42', 'Not a Stampede run report: expected a JSON object, found 42.'],
    ['null', 'null', 'Not a Stampede run report: expected a JSON object, found null.'],
    [
      'a run plan',
      '{"url": "http://127.0.0.1/", "totalRequests": 10, "concurrency": 1}',
      'Not a Stampede run report: it has no requests or latencyMs (a report is what stampede --json prints, or the JSON the app exports).'
    ]
  ])('refuses JSON that is %s as no report at all', (_label, text, message) => {
    expect(parseReportText(text)).toEqual({ ok: false, message })
  })

  it.each([
    ['empty', '  \n', 'Not JSON: the file is empty.'],
    ['plain words', 'hello', 'Not JSON: unexpected text at line 1, column 1 near "hello".'],
    ['an HTML page', '<html><body>502</body></html>', 'Not JSON: unexpected text at line 1, column 1 near "<html><body>502<".'],
    ['a trailing comma', '{\n  "url": "x",\n}', 'Not JSON: expected a property name in double quotes at line 3, column 1 near "}".'],
    ['a missing comma', '{"a": 1\n "b": 2}', 'Not JSON: expected a comma at line 2, column 2 near "\\"b\\"".'],
    ['cut short', '{"url": "x", "rps": 1', 'Not JSON: expected } at line 1, column 22 (the text ends there).'],
    ['a comment', '{"a": 1 // note\n}', 'Not JSON: a comment (JSON has none) at line 1, column 9 near "// note".'],
    ['text after the object', '{"a": 1} {"b": 2}', 'Not JSON: expected the end of the text at line 1, column 10 near "{".']
  ])('says where text that is %s stops being JSON', (_label, text, message) => {
    expect(parseReportText(text)).toEqual({ ok: false, message })
  })
})

describe('checkReport', () => {
  it('judges a value already parsed, as parseReportText does', () => {
    expect(checkReport(JSON.parse(reportJson(report)))).toEqual({ ok: true, report })
    expect(checkReport('a report')).toEqual({ ok: false, message: 'Not a Stampede run report: expected a JSON object, found "a report".' })
  })
})
