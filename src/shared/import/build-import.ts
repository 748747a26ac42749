import type { StepDefinition } from '../flow/flow-definition'
import { TEST_NAME_MAX_LENGTH } from '../test-name'
import { correlate } from './correlation'
import { emptyFindings, type DroppedHeader, type HostChoice, type ImportedTest } from './imported-test'
import { droppedHeaderReason, hostOf, isAnalyticsOrCdn, noiseReason } from './noise'
import type { RecordedExchange, Recording } from './recording'
import { secretsOf } from './secrets'

/**
 * A recording (HAR, or pasted cURL commands) made into a test: noise dropped, browser headers
 * taken off, values correlated, secrets found. Pure and quick, so the review screen builds it again
 * with every choice the user changes (a host kept, a correlation rejected) rather than patch a
 * built test.
 */
export interface ImportOptions {
  /** Hosts whose requests become steps; absent: the journey's host alone. */
  hosts?: readonly string[]
  /** Send the recorded User-Agent. */
  keepUserAgent?: boolean
  /** Pauses after each step as long as the recording's gaps. */
  thinkTimes?: boolean
  /** Ids of correlation proposals rejected: their values stay as recorded. */
  rejected?: readonly string[]
}

/** A gap shorter than this is the browser's own pace, not a person's pause. */
const MIN_THINK_MS = 50

export function buildImport(recording: Recording, options: ImportOptions = {}): ImportedTest {
  const findings = emptyFindings()
  const candidates: RecordedExchange[] = []
  for (const exchange of recording.exchanges) {
    const reason = noiseReason(exchange)
    if (reason) findings.dropped.push({ method: exchange.request.method, url: exchange.request.url, reason })
    else candidates.push(exchange)
  }

  findings.hosts = hostChoices(candidates, recording.firstPageHost, options.hosts)
  const keptHosts = new Set(findings.hosts.filter((host) => host.kept).map((host) => host.host))
  const kept = candidates.filter((exchange) => {
    if (keptHosts.has(hostOf(exchange.request.url))) return true
    findings.dropped.push({ method: exchange.request.method, url: exchange.request.url, reason: 'otherHost' })
    return false
  })

  const droppedHeaders = new Map<string, DroppedHeader>()
  const steps = kept.map((exchange, index): StepDefinition => {
    const headers: StepDefinition['headers'] = []
    for (const [name, value] of exchange.request.headers) {
      const lower = name.toLowerCase()
      const reason = droppedHeaderReason(lower, options.keepUserAgent ?? false)
      if (reason === undefined) {
        headers.push([name, value])
        continue
      }
      const dropped = droppedHeaders.get(lower) ?? { name: lower, reason, steps: 0 }
      dropped.steps++
      droppedHeaders.set(lower, dropped)
      if (lower === 'cookie') findings.secrets.push({ step: index, kind: 'cookie', where: `header ${name}`, staysInFile: false })
    }
    for (const part of exchange.request.unsentParts ?? []) {
      findings.notConverted.push({ where: `${exchange.request.method} ${exchange.request.url}`, text: part, reason: 'a file in a form-data body is not sent.' })
    }
    const status = exchange.response?.status ?? 0
    const step: StepDefinition = {
      method: exchange.request.method,
      url: exchange.request.url,
      headers,
      captures: [],
      checks: status > 0 ? [`status == ${status}`] : [],
      thresholds: []
    }
    if (exchange.request.body !== undefined && exchange.request.body !== '') step.body = exchange.request.body
    return step
  })
  findings.droppedHeaders = [...droppedHeaders.values()]

  findings.correlations = correlate(
    steps,
    kept.map((exchange) => exchange.response),
    new Set(options.rejected ?? []),
    kept.map((exchange) => recording.exchanges.indexOf(exchange))
  )
  if (options.thinkTimes) addThinkTimes(steps, kept)
  const variables = hostVariable(steps, findings.hosts)
  findings.secrets.push(...secretsOf(steps))
  findings.secrets.sort((a, b) => (a.step ?? -1) - (b.step ?? -1))

  const journey = findings.hosts.find((host) => host.journey)?.host
  const name = (recording.title?.trim() || (journey ? `Journey on ${journey}` : 'Imported journey')).slice(0, TEST_NAME_MAX_LENGTH)
  return { name, flow: { variables, steps }, findings }
}

/**
 * Every host with its count of requests that are not static assets; the journey's is the one most
 * go to, the first page's on a tie. Analytics and CDNs are never the journey and never kept by default.
 */
function hostChoices(exchanges: RecordedExchange[], firstPageHost: string | undefined, chosen: readonly string[] | undefined): HostChoice[] {
  const counts = new Map<string, number>()
  for (const exchange of exchanges) {
    const host = hostOf(exchange.request.url)
    counts.set(host, (counts.get(host) ?? 0) + 1)
  }
  const eligible = [...counts].filter(([host]) => !isAnalyticsOrCdn(host))
  const most = Math.max(0, ...eligible.map(([, count]) => count))
  const tied = eligible.filter(([, count]) => count === most).map(([host]) => host)
  const journey = firstPageHost !== undefined && tied.includes(firstPageHost.toLowerCase()) ? firstPageHost.toLowerCase() : tied[0]
  const keep = chosen ? new Set(chosen.map((host) => host.toLowerCase())) : new Set(journey ? [journey] : [])
  return [...counts].map(([host, requests]) => ({
    host,
    requests,
    kept: keep.has(host),
    analytics: isAnalyticsOrCdn(host),
    journey: host === journey
  }))
}

function addThinkTimes(steps: StepDefinition[], exchanges: RecordedExchange[]): void {
  for (let index = 0; index + 1 < steps.length; index++) {
    const { startedMs, durationMs } = exchanges[index]
    const next = exchanges[index + 1].startedMs
    if (startedMs === undefined || next === undefined) continue
    const gap = Math.round(next - (startedMs + (durationMs ?? 0)))
    if (gap >= MIN_THINK_MS) steps[index].think = { minMs: gap, maxMs: gap }
  }
}

/**
 * `{{host}}` for the journey's origin in every step's URL, so the test runs against another
 * environment by changing one variable.
 */
function hostVariable(steps: StepDefinition[], hosts: HostChoice[]): Array<[string, string]> {
  const journey = hosts.find((host) => host.journey && host.kept)?.host
  const first = steps.find((step) => hostOf(step.url) === journey)
  if (!journey || !first) return []
  const origin = new URL(first.url).origin
  for (const step of steps) {
    // The origin, then its end: a path, a query, a {{variable}} (a captured Location's path), or nothing.
    if (step.url.startsWith(origin) && /^([/?{]|$)/.test(step.url.slice(origin.length))) {
      step.url = `{{host}}${step.url.slice(origin.length)}`
    }
    // Origin and Referer name the journey's origin too: against another environment they follow it.
    step.headers = step.headers.map(([name, value]) =>
      /^(origin|referer)$/i.test(name) && value.startsWith(origin) && /^([/?]|$)/.test(value.slice(origin.length)) ? [name, `{{host}}${value.slice(origin.length)}`] : [name, value]
    )
  }
  return [['host', origin]]
}
