import { describe, expect, it } from 'vitest'
import { htmlReport } from '../../src/shared/report/html-report'
import { markdownSummary } from '../../src/shared/report/markdown-summary'
import { buildRunReport, type RunReport } from '../../src/shared/report/run-report'
import { csvCell, seriesCsv } from '../../src/shared/report/series-csv'
import type { RunResult } from '../../src/shared/run-snapshot'
import { parseThreshold } from '../../src/shared/thresholds'
import { flowResult, LOGIN_STEPS, stepResult } from '../support/flow-results'
import { intervalOf } from '../support/intervals'
import { planOf } from '../support/plans'

/** The writers of the one report: CSV, Markdown and self-contained HTML, from the same RunReport. */
const latency = { min: 0.5, mean: 2, p50: 1.5, p90: 3, p99: 9, p999: 12, p9999: 14, max: 20 }
const points = [
  intervalOf(1, [1000, 2000, 3000], { due: 4, rawLatencyMs: { p50: 1, p90: 2, p99: 2, max: 2 }, health: { eventLoopDelayP99Ms: 1, eventLoopBusyPercent: 30, cpuPercent: 20, behindScheduleMs: 0 } }),
  intervalOf(2, [], { sent: 0, due: 5, failed: 2, responses: { ok: 0, clientOrServerError: 0 }, health: { eventLoopDelayP99Ms: 1, eventLoopBusyPercent: 99, cpuPercent: 100, behindScheduleMs: 120 } })
]
const result: RunResult = {
  runId: 1,
  total: 0,
  done: 5,
  statusCodes: { '200': 3 },
  errorKinds: { timeout: 2 },
  elapsedMs: 200,
  requestsPerSecond: 25,
  latencyMs: latency,
  ttfbMs: latency,
  rawLatencyMs: { ...latency, p99: 2 },
  bytesRead: 6,
  intervals: [],
  outcome: 'finished',
  series: { bucketMs: 100, points },
  latencyBins: [
    { fromMs: 1, toMs: 1.259, count: 1 },
    { fromMs: 1.259, toMs: 1.585, count: 0 },
    { fromMs: 1.585, toMs: 1.995, count: 2 }
  ],
  health: {
    verdict: 'generator-limited',
    generatorLimitedMs: 100,
    targetSlowMs: 0,
    judgedMs: 200,
    peak: { eventLoopDelayP99Ms: 1, eventLoopBusyPercent: 99, cpuPercent: 100, behindScheduleMs: 120 }
  }
}
const thresholds = ['p99<10ms', 'error_rate<1%'].map((text) => {
  const parsed = parseThreshold(text)
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.threshold
})
const url = 'http://127.0.0.1:8080/orders?a=1&b=<x>'
const report: RunReport = buildRunReport({
  plan: planOf({ url, ratePerSecond: 40, durationMs: 200, concurrency: 2 }),
  result,
  workers: 1,
  thresholds,
  startedAt: '2026-11-29T10:00:00.000Z'
})

describe('seriesCsv', () => {
  it('writes a header and one row per point, the open model’s columns filled, empty latency where none arrived', () => {
    const [header, ...rows] = seriesCsv(report).trimEnd().split('\n')
    const columns = header.split(',')
    expect(rows).toHaveLength(2)
    const cell = (row: number, name: string) => rows[row].split(',')[columns.indexOf(name)]

    expect(columns.slice(0, 4)).toEqual(['start_s', 'end_s', 'sent', 'due'])
    expect(columns.every((name) => /^[a-z0-9_]+$/.test(name))).toBe(true)
    expect(rows.every((row) => row.split(',').length === columns.length)).toBe(true)
    expect([cell(0, 'start_s'), cell(0, 'end_s'), cell(0, 'sent'), cell(0, 'due'), cell(0, 'ok')]).toEqual(['0', '0.1', '3', '4', '3'])
    expect(cell(0, 'rps')).toBe('30')
    expect(cell(0, 'latency_p50_ms')).toBe(String(points[0].latencyMs.p50))
    expect(cell(0, 'raw_latency_p99_ms')).toBe('2')
    expect([cell(1, 'failed'), cell(1, 'latency_p50_ms'), cell(1, 'ttfb_max_ms')]).toEqual(['2', '', ''])
    expect([cell(1, 'behind_schedule_ms'), cell(1, 'generator_limited'), cell(0, 'generator_limited')]).toEqual(['120', '1', '0'])
    expect(cell(0, 'target')).toBe('')
  })

  it('writes the shape’s target at each point’s end, to a thousandth', () => {
    const [header, ...rows] = seriesCsv(shapedConnections).trimEnd().split('\n')
    const column = header.split(',').indexOf('target')
    expect(header.split(',')[column - 1]).toBe('active_connections')
    expect(rows.map((row) => row.split(',')[column])).toEqual(['2.5', '3.333'])
  })
})

describe('the shape’s target in the HTML report', () => {
  it('draws a closed-model shape’s target connections, dashed, beside the open ones; no such chart without a shape', () => {
    const page = htmlReport(shapedConnections)
    expect(page).toContain('<figcaption>Active connections (the shape’s target dashed)</figcaption>')
    expect(page).toMatch(/<span class="swatch dashed" style="border-color:#757575"><\/span>target<\/span>/)
    expect(htmlReport(buildRunReport({ plan: planOf({ url, totalRequests: 5, concurrency: 1 }), result, workers: 1 }))).not.toContain(
      'Active connections'
    )
  })
})

/** A closed-model run with a shape of connections: each point carries the shape's target at its end. */
const shapedConnections: RunReport = buildRunReport({
  plan: planOf({ url, concurrency: 1, stages: [{ durationMs: 300, target: 5 }] }),
  result: {
    ...result,
    rawLatencyMs: undefined,
    series: {
      bucketMs: 100,
      points: [intervalOf(1, [1000], { target: 2.5, activeConnections: 2 }), intervalOf(2, [1000], { target: 3.3333333, activeConnections: 3 })]
    }
  },
  workers: 1
})

/** An example message the network shaped: markup, Markdown, backticks and a line break, all to be shown as text. */
const hostileExample = 'bad <b>header</b> *value* `x` ``y``|\n[link](http://evil.test)'
const withExamples: RunReport = buildRunReport({
  plan: planOf({ url, totalRequests: 5, concurrency: 1 }),
  result: { ...result, errorKinds: { timeout: 2, reset: 1 }, errorExamples: { timeout: 'Request timed out after 10000 ms', reset: hostileExample } },
  workers: 1
})

describe('markdownSummary', () => {
  it('gives the verdicts, the totals and the percentile table, ready for a ticket', () => {
    const markdown = markdownSummary(report)
    expect(markdown).toContain(`### Stampede: GET \`${url}\` (finished)`)
    expect(markdown).toContain('open model at 40 req/s · 2 connections · pipelining 1 · 1 worker · 0.20 s')
    expect(markdown).toContain('| p50 | p90 | p99 | p99.9 | p99.99 | max | mean |')
    expect(markdown).toContain('| Latency | 1.50 ms | 3.00 ms | 9.00 ms | 12.0 ms | 14.0 ms | 20.0 ms | 2.00 ms |')
    expect(markdown).toContain('| Latency from the send (raw) |')
    expect(markdown).toContain('| Time to first byte |')
    expect(markdown).toContain('- ✅ `p99<10ms`: passed (9.00 ms)')
    expect(markdown).toContain('- ❌ `error_rate<1%`: failed (40.0%)')
    expect(markdown).toMatch(/\*\*Generator\*\*: Stampede, not the target, limited the run/)
  })

  it('gives one example message per error kind, in a code span nothing in the message can close', () => {
    const markdown = markdownSummary(withExamples)
    expect(markdown).toContain('**Errors**: reset: 1, timeout: 2')
    expect(markdown).toContain('- timeout, for example: `Request timed out after 10000 ms`')
    // The longest run of backticks inside is two: a fence of three, and the line break gone.
    expect(markdown).toContain('- reset, for example: ```bad <b>header</b> *value* `x` ``y``| [link](http://evil.test)```')
    expect(markdownSummary(report)).not.toContain('for example')
  })
})

describe('htmlReport', () => {
  const html = htmlReport(report)

  it('refers to nothing outside itself: no URL in any src, href, url() or import, and a policy that forbids fetching', () => {
    expect(html).not.toMatch(/\b(src|href|action|poster|data|srcset|xlink:href)\s*=/i)
    expect(html).not.toMatch(/url\s*\(/i)
    expect(html).not.toMatch(/@import/i)
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i)
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`)
    // The one http: in the file is the tested URL, as text.
    expect(html.match(/https?:/g)).toEqual(['http:', 'http:'])
  })

  it('escapes what the user typed', () => {
    expect(html).toContain('http://127.0.0.1:8080/orders?a=1&amp;b=&lt;x&gt;')
    expect(html).not.toContain('<x>')
  })

  it('draws its charts inline, and lists the thresholds, the percentiles and the generator’s verdict', () => {
    expect(html.match(/<svg /g)).toHaveLength(6)
    expect(html).toMatch(/<path d="M[\d.]+ [\d.]+L/)
    expect(html).toContain('Thresholds: 1 of 2 failed')
    expect(html).toContain('<th>p99.99</th>')
    expect(html).toContain('Latency from the send (raw)')
    expect(html).toContain('Stampede, not the target, limited the run')
  })

  it('lists each error kind with its count and example message, escaped', () => {
    const page = htmlReport(withExamples)
    expect(page).toContain('<table class="errors">')
    expect(page).toContain('<tr><th scope="row">timeout</th><td>2</td><td><code>Request timed out after 10000 ms</code></td></tr>')
    expect(page).toContain(
      '<td><code>bad &lt;b&gt;header&lt;/b&gt; *value* `x` ``y``| [link](http://evil.test)</code></td>'
    )
    expect(page).not.toContain('<b>')
    // A kind whose message was not kept keeps its row, with the example cell empty.
    expect(html).toContain('<tr><th scope="row">timeout</th><td>2</td><td></td></tr>')
  })

  it('says so when no response arrived, rather than charting zeros as latency', () => {
    const refused = htmlReport(
      buildRunReport({
        plan: planOf({ url, totalRequests: 5, concurrency: 1 }),
        result: { ...result, statusCodes: {}, errorKinds: { refused: 5 }, series: undefined, latencyBins: undefined },
        workers: 1
      })
    )
    expect(refused).toContain('None: no response arrived.')
    expect(refused).not.toContain('<svg')
  })
})

describe("a flow's sections in every writer", () => {
  const flowPlan = planOf({ url: 'http://127.0.0.1:8080/login', totalRequests: 300, concurrency: 10 })
  const hostile = stepResult({
    name: '=HYPERLINK("http://evil.test","x"),<b>',
    statusCodes: { '200': 10 },
    checks: [{ check: 'body contains "<script>"', passed: 9, failed: 1 }],
    captures: { failed: 1, example: 'csrf: regex found nothing in <form action=x>`|' }
  })
  const steps = [...LOGIN_STEPS, hostile, stepResult({ name: '@SUM(1)' }), stepResult({ name: '\tcmd', statusCodes: {}, errorKinds: { refused: 4 } })]
  const flowReport = buildRunReport({ plan: flowPlan, result: flowResult(steps, { series: { bucketMs: 100, points } }), workers: 1 })

  it('adds a CSV section with a row per step after the series, text a spreadsheet would run written as text', () => {
    const [series, section, ...rest] = seriesCsv(flowReport).split('\n\n')
    expect(rest).toEqual([])
    expect(series.split('\n')).toHaveLength(points.length + 1)
    const [header, ...rows] = section.trimEnd().split('\n')
    expect(header).toBe(
      'step,sent,completed,ok,client_or_server_error,failed,aborted,error_rate,rps,latency_p50_ms,latency_p90_ms,latency_p99_ms,latency_max_ms,' +
        'ttfb_p50_ms,ttfb_p90_ms,ttfb_p99_ms,ttfb_max_ms,checks_passed,checks_failed,captures_failed'
    )
    expect(rows[1]).toBe('item,98,98,95,3,0,0,0.030612,49,4,8,300,400,2,8,300,400,192,4,0')
    expect(rows[3].startsWith(`"'=HYPERLINK(""http://evil.test"",""x""),<b>",10,`)).toBe(true)
    expect(rows[4].startsWith("'@SUM(1),")).toBe(true)
    // A step with no response has empty latency cells, not zeros.
    expect(rows[5]).toBe("'\tcmd,4,0,0,0,4,0,1,2,,,,,,,,,0,0,0")
  })

  it('quotes each cell as RFC 4180 does, and leaves numbers and ordinary text alone', () => {
    expect(csvCell(-5)).toBe('-5')
    expect(csvCell('log in')).toBe('log in')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"\nthere')).toBe('"say ""hi""\nthere"')
    expect(csvCell('-1+2')).toBe("'-1+2")
    expect(csvCell('+x')).toBe("'+x")
    expect(csvCell('\rx')).toBe(`"'\rx"`)
  })

  it("keeps a one-request run's CSV the series alone", () => {
    expect(seriesCsv(report)).not.toContain('\n\n')
  })

  it('gives Markdown the iterations, the checks, a step table and the problems, the untrusted text in code spans', () => {
    const markdown = markdownSummary(flowReport)
    expect(markdown).toContain('**Iterations**: 100 started, 98 completed, 2 failed (a capture found nothing: 2)  \n')
    expect(markdown).toContain('**Checks**: 301 passed, 5 failed (98.3% passed)  \n')
    expect(markdown).toContain('| Step | Sent | 2xx–3xx | 4xx–5xx | Failed | p50 | p99 | max | req/s | Checks |\n')
    expect(markdown).toContain('| `item` | 98 | 95 | 3 | 0 | 4.00 ms | 300 ms | 400 ms | 49.0 | 97.9% passed |\n')
    expect(markdown).toContain('- `item`: check `body contains "price"` failed 3 of 98\n')
    expect(markdown).toContain('- `=HYPERLINK("http://evil.test","x"),<b>`: 1 captures found nothing, for example: ``csrf: regex found nothing in <form action=x>`|``\n')
  })

  it('gives the HTML report a Steps section, everything the file or the target wrote escaped', () => {
    const html = htmlReport(flowReport)
    expect(html).toContain('<h2>Steps</h2>')
    expect(html).toContain('<tr><th scope="row">item</th><td>98</td><td>95</td><td>3</td><td>0</td><td>4.00 ms</td><td>300 ms</td><td>400 ms</td><td>49.0</td><td>97.9% passed</td></tr>')
    expect(html).toContain('<th scope="row">=HYPERLINK(&quot;http://evil.test&quot;,&quot;x&quot;),&lt;b&gt;</th>')
    expect(html).toContain('check <code>body contains &quot;&lt;script&gt;&quot;</code> failed 1 of 10')
    expect(html).not.toMatch(/<(script|b|form)\b/)
    expect(htmlReport(report)).not.toContain('<h2>Steps</h2>')
  })
})
