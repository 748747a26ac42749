import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { COMPARE_EXIT, runCompare } from '../../src/cli/compare-command'
import type { StepResult } from '../../src/shared/flow/step-results'
import { buildRunReport, jsonOutput, reportJson } from '../../src/shared/report/run-report'
import { flowResult, LOGIN_STEPS, STEP_LATENCY } from '../support/flow-results'
import { planOf } from '../support/plans'
import { sampleReport } from '../support/reports'

/**
 * `stampede compare` in-process, on report files the real builder wrote: every kind of bad input and
 * its message. tests/cli/cli-compare.test.ts runs the built CLI on two real runs.
 */
const folder = mkdtempSync(join(tmpdir(), 'stampede-compare-command-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

function written(name: string, text: string): string {
  const path = join(folder, name)
  writeFileSync(path, text)
  return path
}

const report = sampleReport()
const baseFile = written('base.json', JSON.stringify(jsonOutput(report)))

function compare(...argv: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = ''
  let stderr = ''
  const status = runCompare(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) })
  return { status, stdout, stderr }
}

describe('runCompare: bad input exits 2, naming the file and what is wrong', () => {
  it.each([
    ['a file that is not there', () => join(folder, 'missing.json'), 'no such file.'],
    ['a folder', () => folder, 'it is a folder, not a file.'],
    ['an empty file', () => written('empty.json', ''), 'Not JSON: the file is empty.'],
    ['JSON that is not a report', () => written('plan.json', '{"url": "http://x/", "concurrency": 1}'), 'Not a Stampede run report: it has no requests or latencyMs'],
    [
      'a report with a broken field',
      () => written('broken.json', JSON.stringify({ ...report, latencyMs: { ...report.latencyMs, p99: 'slow' } })),
      'latencyMs.p99: expected a number, found "slow".'
    ]
  ])('%s', (_label, file, message) => {
    const path = file()
    const result = compare(baseFile, path)

    expect(result.status).toBe(COMPARE_EXIT.usage)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain(`stampede compare: ${path} (the new run): ${message}`)
    expect(result.stderr.endsWith('\nRun stampede compare --help for usage.\n')).toBe(true)
  })

  it('names the base run when the base file is the bad one', () => {
    const path = join(folder, 'no-base.json')
    expect(compare(path, baseFile).stderr).toContain(`${path} (the base run): no such file.`)
  })

  it.each([
    [['only-one.json'], "give two report files, the base run's and the new run's, such as baseline.json new.json (given 1: only-one.json)."],
    [[], "give two report files, the base run's and the new run's, such as baseline.json new.json (given none)."],
    [['a.json', 'b.json', '--fail-on', 'p99>=10%'], '--fail-on: "p99>=10%": use > or <'],
    [['a.json', 'b.json', '--fail-on', 'latency>+10%'], '--fail-on: "latency" is not a metric'],
    [['a.json', 'b.json', '--threshold', 'p99<1s'], "Unknown option '--threshold'"]
  ])('refuses %j', (argv, message) => {
    const result = compare(...argv)

    expect(result.status).toBe(COMPARE_EXIT.usage)
    expect(result.stderr).toContain(`stampede compare: ${message}`)
  })
})

describe('runCompare: a valid comparison', () => {
  it('reads a --json output and an exported report alike, and exits 0 for two runs alike', () => {
    const exported = written('exported.json', reportJson(report))
    const result = compare(baseFile, exported)

    expect(result).toMatchObject({ status: COMPARE_EXIT.passed, stderr: '' })
    expect(result.stdout).toContain('Settings: the same in both runs.')
  })

  it('never exits 1: a run that crashed is compared, and called suspect', () => {
    const crashed = written('crashed.json', JSON.stringify(sampleReport({ result: { outcome: 'crashed', message: 'The engine process stopped.' } })))
    const result = compare(baseFile, crashed)

    expect(result.status).toBe(COMPARE_EXIT.passed)
    expect(result.stdout).toContain('Warning: this comparison is suspect: the new run crashed')
  })

  it('prints its own help', () => {
    const result = compare('--help')

    expect(result.status).toBe(COMPARE_EXIT.passed)
    expect(result.stdout).toMatch(/^Usage: stampede compare BASE\.json NEW\.json/)
  })
})

describe('runCompare on two flows', () => {
  const plan = planOf({ url: 'http://127.0.0.1:8080/login', totalRequests: 300, concurrency: 10 })
  const flowFile = (name: string, steps: StepResult[]): string =>
    written(name, reportJson(buildRunReport({ plan, result: flowResult(steps), workers: 1 })))
  const base = flowFile('flow-base.json', [...LOGIN_STEPS])
  const slower = flowFile('flow-slower.json', [{ ...LOGIN_STEPS[0], latencyMs: { ...STEP_LATENCY, p99: 24 } }, ...LOGIN_STEPS.slice(1)])

  it("prints each step's deltas and exits 3 when a step's limit is exceeded, 0 when another step's holds", () => {
    const exceeded = compare(base, slower, '--fail-on', 'log in: p99>+10%')
    expect(exceeded.status).toBe(COMPARE_EXIT.exceeded)
    expect(exceeded.stdout).toMatch(/\nlog in\n(.*\n)* {2}p99 +12\.0 ms +24\.0 ms +\+12\.0 ms +\+100% +worse\n/)
    expect(exceeded.stdout).toMatch(/exceeded +log in: p99>\+10% +\(\+100%\)/)
    expect(compare(base, slower, '--fail-on', 'item: p99>+10%').status).toBe(COMPARE_EXIT.passed)
  })

  it('gives the steps in --json, and each limit with its step', () => {
    const output = JSON.parse(compare(base, slower, '--json', '--fail-on', 'log in: p99>+10%').stdout) as {
      steps: Array<{ name: string }>
      failOn: Array<{ step?: string; passed: boolean }>
    }
    expect(output.steps.map((step) => step.name)).toEqual(['log in', 'item', 'GET {{host}}/checkout'])
    expect(output.failOn).toMatchObject([{ step: 'log in', passed: false }])
  })

  it('refuses a limit on a step that is not in both runs, exit 2, naming it', () => {
    const result = compare(base, slower, '--fail-on', 'lgoin: p99>+10%')
    expect(result.status).toBe(COMPARE_EXIT.usage)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('stampede compare: --fail-on: "lgoin: p99>+10%": the step "lgoin" is not in both runs')
  })

  it('warns that the comparison is suspect when the steps differ', () => {
    const renamed = flowFile('flow-renamed.json', [LOGIN_STEPS[0], { ...LOGIN_STEPS[1], name: 'items' }, LOGIN_STEPS[2]])
    expect(compare(base, renamed).stdout).toContain('Warning: this comparison is suspect: the steps differ ("item" only in the base run; "items" only in the new run)')
  })
})
