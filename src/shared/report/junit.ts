import { formatCount, formatPercent } from '../format'
import { formatThresholdActual } from '../thresholds'
import type { RunReport, ThresholdResult } from './run-report'

/**
 * The report as JUnit XML (`--junit FILE`), for the CI dashboards QA teams already read: GitHub
 * (the test-reporter actions), GitLab (`artifacts:reports:junit`) and Jenkins (the JUnit plugin).
 * There is no one standard; this keeps to what all three read, the Jenkins/Ant schema
 * (junit-4.xsd): `<testsuites>` of `<testsuite name tests failures errors skipped time timestamp>`
 * of `<testcase name classname>`, a failed case holding one `<failure message type>`.
 *
 * - Suite "thresholds": one case per threshold, its classname `thresholds` or the step it judges;
 *   and a case "the run finished", failed when it was cancelled or crashed, so a partial run never
 *   reads as green.
 * - Suite "checks": one case per check of each step, its classname the step (GitLab shows the
 *   classname as the suite), failed when any response failed it.
 * GitLab ignores a failure's message attribute, so the figures are in its text as well.
 */
export function junitXml(report: RunReport): string {
  const suites = [thresholdSuite(report), ...(report.steps ? [checkSuite(report)] : [])]
  const tests = suites.reduce((sum, suite) => sum + suite.cases.length, 0)
  const failures = suites.reduce((sum, suite) => sum + failedCount(suite.cases), 0)
  const seconds = secondsOf(report.durationMs)
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attribute(`Stampede: ${report.method} ${report.url}`)}" tests="${tests}" failures="${failures}" errors="0" time="${seconds}">`,
    ...suites.flatMap((suite) => suiteLines(suite, report, seconds)),
    '</testsuites>'
  ]
  return `${lines.join('\n')}\n`
}

interface TestCase {
  name: string
  classname: string
  /** Absent: the case passed. */
  failure?: string
}

interface Suite {
  name: string
  cases: TestCase[]
}

function thresholdSuite(report: RunReport): Suite {
  const finished: TestCase = {
    name: 'the run finished',
    classname: 'run',
    ...(report.outcome === 'finished' ? {} : { failure: `The run ${report.outcome === 'cancelled' ? 'was cancelled' : 'crashed'}: ${report.error ?? report.outcome}` })
  }
  return { name: 'thresholds', cases: [finished, ...report.thresholds.map(thresholdCase)] }
}

function thresholdCase(threshold: ThresholdResult): TestCase {
  const actual = formatThresholdActual(threshold.metric, threshold.actual)
  const where = threshold.step === undefined ? 'the run' : `the step ${threshold.step}`
  return {
    name: threshold.expression,
    classname: threshold.step ?? 'thresholds',
    ...(threshold.passed ? {} : { failure: `${threshold.expression} failed on ${where}: ${actual}` })
  }
}

function checkSuite(report: RunReport): Suite {
  const cases = (report.steps ?? []).flatMap((step) =>
    step.checks.map((check): TestCase => {
      const judged = check.passed + check.failed
      const failure = `${check.check} failed for ${formatCount(check.failed)} of ${formatCount(judged)} responses of ${step.name} (${formatPercent(check.passed, judged)} passed)`
      return { name: check.check, classname: step.name, ...(check.failed > 0 ? { failure } : {}) }
    })
  )
  return { name: 'checks', cases }
}

function suiteLines(suite: Suite, report: RunReport, seconds: string): string[] {
  const timestamp = report.startedAt ? ` timestamp="${attribute(junitTimestamp(report.startedAt))}"` : ''
  return [
    `  <testsuite name="${attribute(suite.name)}" tests="${suite.cases.length}" failures="${failedCount(suite.cases)}" errors="0" skipped="0" time="${seconds}"${timestamp}>`,
    ...suite.cases.flatMap(caseLines),
    '  </testsuite>'
  ]
}

function caseLines({ name, classname, failure }: TestCase): string[] {
  const open = `    <testcase name="${attribute(name)}" classname="${attribute(classname)}"`
  if (failure === undefined) return [`${open}/>`]
  return [`${open}>`, `      <failure message="${attribute(failure)}" type="failure">${text(failure)}</failure>`, '    </testcase>']
}

function failedCount(cases: readonly TestCase[]): number {
  return cases.filter((testCase) => testCase.failure !== undefined).length
}

function secondsOf(ms: number): string {
  return (Math.round(ms) / 1000).toFixed(3)
}

/** junit-4.xsd's timestamp has no zone and no fraction: the UTC time to the second. */
function junitTimestamp(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 19)
}

/**
 * Characters XML 1.0 cannot hold at all (control characters but tab and line breaks, lone
 * surrogates, U+FFFE and U+FFFF): a step name or check from a file could carry them, and one would
 * make the whole file unreadable to every CI. Removed, as no escape can write them.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this removes.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

function text(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** An attribute's value, in double quotes: its line breaks and tabs kept as character references. */
function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')
}
