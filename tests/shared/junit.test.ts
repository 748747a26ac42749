import { describe, expect, it } from 'vitest'
import { junitXml } from '../../src/shared/report/junit'
import { buildRunReport } from '../../src/shared/report/run-report'
import { flowResult, LOGIN_STEPS, stepResult } from '../support/flow-results'
import { planOf } from '../support/plans'
import { sampleReport } from '../support/reports'
import { thresholdOf } from '../support/thresholds'
import { parseXml, type XmlElement } from '../support/xml'

/**
 * JUnit XML as CI readers take it: read by a strict XML reader (any error fails the test), then
 * read the way GitHub's, GitLab's and Jenkins' readers do (suites, cases, failures and their counts).
 */
function parsed(xml: string): XmlElement {
  return parseXml(xml)
}

function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name)
}

function cases(root: XmlElement, suite: string): Array<{ name: string; classname: string; failure?: string; text?: string }> {
  const element = children(root, 'testsuite').find((candidate) => candidate.attributes.name === suite)
  if (!element) throw new Error(`no suite ${suite}`)
  return children(element, 'testcase').map((testCase) => {
    const [failure] = children(testCase, 'failure')
    return {
      name: testCase.attributes.name,
      classname: testCase.attributes.classname,
      ...(failure ? { failure: failure.attributes.message, text: failure.text } : {})
    }
  })
}

const plan = planOf({ url: 'http://127.0.0.1:8080/login?a=1&b=2', totalRequests: 300, concurrency: 10 })

describe('junitXml', () => {
  const report = buildRunReport({
    plan,
    result: flowResult(),
    workers: 1,
    thresholds: [thresholdOf('p99<250ms'), thresholdOf('item: p99<250ms'), thresholdOf('checks>99%')],
    startedAt: '2026-12-08T01:02:03.456Z'
  })
  const root = parsed(junitXml(report))

  it('has a case per threshold, named as typed, its class the step it judges, the figures in each failure', () => {
    expect(cases(root, 'thresholds')).toEqual([
      { name: 'the run finished', classname: 'run' },
      { name: 'p99<250ms', classname: 'thresholds' },
      { name: 'item: p99<250ms', classname: 'item', failure: 'item: p99<250ms failed on the step item: 300 ms', text: 'item: p99<250ms failed on the step item: 300 ms' },
      { name: 'checks>99%', classname: 'thresholds', failure: 'checks>99% failed on the run: 98.6%', text: 'checks>99% failed on the run: 98.6%' }
    ])
  })

  it('has a case per check of each step, failed with how many responses failed it', () => {
    expect(cases(root, 'checks')).toEqual([
      { name: 'status == 200', classname: 'log in' },
      {
        name: 'body contains "price"',
        classname: 'item',
        failure: 'body contains "price" failed for 3 of 98 responses of item (96.9% passed)',
        text: 'body contains "price" failed for 3 of 98 responses of item (96.9% passed)'
      },
      { name: 'latency < 300ms', classname: 'item', failure: 'latency < 300ms failed for 1 of 98 responses of item (98.9% passed)', text: 'latency < 300ms failed for 1 of 98 responses of item (98.9% passed)' }
    ])
  })

  it('counts the cases and failures of each suite and of the whole, as the readers total them', () => {
    expect(['tests', 'failures', 'errors', 'time'].map((name) => root.attributes[name])).toEqual(['7', '4', '0', '2.000'])
    expect(root.attributes.name).toBe('Stampede: GET http://127.0.0.1:8080/login?a=1&b=2')
    const suites = children(root, 'testsuite').map((suite) => ['name', 'tests', 'failures', 'skipped', 'timestamp'].map((name) => suite.attributes[name]))
    expect(suites).toEqual([
      ['thresholds', '4', '2', '0', '2026-12-08T01:02:03'],
      ['checks', '3', '2', '0', '2026-12-08T01:02:03']
    ])
  })

  it('keeps the XML readable whatever a step or check holds: markup escaped, characters XML cannot hold removed', () => {
    const hostile = stepResult({ name: 'a<b>&"c\'\u0001\ud800', checks: [{ check: 'body contains "]]></failure><x>"\n\t', passed: 0, failed: 2 }] })
    const xml = junitXml(buildRunReport({ plan, result: flowResult([hostile]), workers: 1, thresholds: [thresholdOf('a<b>&"c\': max<1ms')] }))
    const hostileRoot = parsed(xml)
    const [check] = cases(hostileRoot, 'checks')
    expect(check.classname).toBe('a<b>&"c\'')
    expect(check.name).toBe('body contains "]]></failure><x>"\n\t')
    expect(cases(hostileRoot, 'thresholds')[1].classname).toBe('a<b>&"c\'')
  })

  it('fails "the run finished" for a cancelled run, so a partial result never reads as all green', () => {
    const cancelled = buildRunReport({ plan, result: flowResult(LOGIN_STEPS, { outcome: 'cancelled' }), workers: 1 })
    expect(cases(parsed(junitXml(cancelled)), 'thresholds')[0].failure).toBe(
      'The run was cancelled: Cancelled (Ctrl-C) before the run finished: these are the results until then.'
    )
  })

  it('has only the thresholds suite for a one-request run', () => {
    const oneRequest = parsed(junitXml(sampleReport()))
    expect(children(oneRequest, 'testsuite').map((suite) => suite.attributes.name)).toEqual(['thresholds'])
  })
})

describe('parseXml, the reader these tests trust', () => {
  it.each([['<a><b></a>'], ['<a x="1&2"/>'], ['<a>\u0001</a>'], ['<a/><b/>']])('refuses %j', (xml) => {
    expect(() => parseXml(xml)).toThrow()
  })
})
