/**
 * Turns each tool's own output into one shape, so the tools are compared on the same definitions:
 * rps is completed responses divided by the measured duration (what wrk prints as Requests/sec),
 * latencies are in milliseconds, and errors count failed requests plus non-2xx responses.
 */

/**
 * @typedef {object} ToolResult
 * @property {number} completed  responses received
 * @property {number} durationS  the tool's own measure of the run's length
 * @property {number} rps        completed / durationS
 * @property {number} p50Ms
 * @property {number} p99Ms
 * @property {number} errors     failed requests and non-2xx responses
 * @property {number} [reportedRps] the tool's own rps figure, where it differs in definition
 */

/**
 * Stampede's CLI prints one JSON object (see the --json contract in the brief of src/cli).
 * @param {string} stdout
 * @returns {ToolResult}
 */
export function fromStampede(stdout) {
  const result = JSON.parse(stdout.trim())
  const completed = result.requests.completed
  const durationS = result.durationMs / 1000
  return {
    completed,
    durationS,
    rps: completed / durationS,
    p50Ms: result.latencyMs.p50,
    p99Ms: result.latencyMs.p99,
    errors: result.requests.failed + non2xx(result.statusCodes),
    reportedRps: result.rps
  }
}

/**
 * autocannon --json. Its requests.average is the mean of per-second samples, which leaves out the
 * part-second at the end; total / duration is the definition the other two tools use. Its latency
 * histogram has a resolution of 1 ms (integers), so sub-millisecond percentiles read 0 or 1.
 * @param {string} stdout
 * @returns {ToolResult}
 */
export function fromAutocannon(stdout) {
  const result = JSON.parse(stdout.trim())
  const completed = result.requests.total
  return {
    completed,
    durationS: result.duration,
    rps: completed / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    reportedRps: result.requests.average
  }
}

/**
 * wrk --latency prints text; the figures we need are its totals line, Requests/sec and the
 * 50% and 99% lines of the latency distribution.
 * @param {string} stdout
 * @returns {ToolResult}
 */
export function fromWrk(stdout) {
  const totals = /(\d+) requests in ([\d.]+)(us|ms|s|m|h),/.exec(stdout)
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(stdout)
  if (!totals || !rps) throw new Error(`unexpected wrk output: ${stdout.slice(0, 300)}`)
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout)
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(stdout)
  return {
    completed: Number(totals[1]),
    durationS: toMs(totals[2], totals[3]) / 1000,
    rps: Number(rps[1]),
    p50Ms: wrkPercentile(stdout, '50'),
    p99Ms: wrkPercentile(stdout, '99'),
    errors: (socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0) + Number(non2xx?.[1] ?? 0)
  }
}

/**
 * h2load (nghttp2) prints text: "finished in 10.00s, 45678.90 req/s", a requests line and a status
 * line. It gives no percentiles, only min/max/mean ("time for request"), so p50 and p99 are NaN
 * ("n/a" in the report) and the mean is kept beside them.
 * @param {string} stdout
 * @returns {ToolResult & { meanMs: number }}
 */
export function fromH2load(stdout) {
  const finished = /^finished in ([\d.]+)(us|ms|s|m|h), ([\d.]+) req\/s/m.exec(stdout)
  const requests = /^requests: \d+ total, \d+ started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored, (\d+) timeout/m.exec(stdout)
  const statuses = /^status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx/m.exec(stdout)
  const mean = /^time for request:\s+\S+\s+\S+\s+([\d.]+)(us|ms|s)\s/m.exec(stdout)
  if (!finished || !requests || !statuses) throw new Error(`unexpected h2load output: ${stdout.slice(-400)}`)
  const durationS = toMs(finished[1], finished[2]) / 1000
  const completed = Number(requests[1])
  const [failed, errored, timeout] = requests.slice(3, 6).map(Number)
  return {
    completed,
    durationS,
    rps: completed / durationS,
    p50Ms: NaN,
    p99Ms: NaN,
    meanMs: mean ? toMs(mean[1], mean[2]) : NaN,
    errors: failed + errored + timeout + Number(statuses[2]) + Number(statuses[3]) + Number(statuses[4]),
    reportedRps: Number(finished[3])
  }
}

/**
 * ./node-http2-client.mjs prints { completed, durationMs }: a throughput figure only.
 * @param {string} stdout
 * @returns {ToolResult}
 */
export function fromNodeHttp2(stdout) {
  const { completed, durationMs } = JSON.parse(stdout.trim())
  return { completed, durationS: durationMs / 1000, rps: completed / (durationMs / 1000), p50Ms: NaN, p99Ms: NaN, errors: 0 }
}

/**
 * @param {string} stdout
 * @param {string} percent
 */
function wrkPercentile(stdout, percent) {
  const line = new RegExp(`^\\s+${percent}%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$`, 'm').exec(stdout)
  if (!line) throw new Error(`wrk printed no ${percent}% latency line (was --latency given?)`)
  return toMs(line[1], line[2])
}

/**
 * @param {string} value
 * @param {string} unit
 */
function toMs(value, unit) {
  const perUnit = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }
  return Number(value) * perUnit[/** @type {keyof typeof perUnit} */ (unit)]
}

/**
 * Responses outside 2xx, from a status-code count keyed by code.
 * @param {Record<string, number> | undefined} statusCodes
 */
function non2xx(statusCodes) {
  return Object.entries(statusCodes ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .reduce((sum, [, count]) => sum + Number(count), 0)
}
