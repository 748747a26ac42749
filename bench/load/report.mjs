/**
 * Prints what the sections measured, as plain-text tables ready to paste into docs/benchmarks.md.
 * Holds no logic beyond formatting: the sections compute every figure.
 */

/** The one formatter of numbers: "n/a" for anything missing, so a skipped tool never reads as 0. */
const format = {
  count: (/** @type {number} */ n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a'),
  ms: (/** @type {number} */ n) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 3 : 1) : 'n/a'),
  mb: (/** @type {number} */ n) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a'),
  us: (/** @type {number} */ n) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a'),
  ratio: (/** @type {number} */ n) => (Number.isFinite(n) ? `${n.toFixed(2)}x` : 'n/a'),
  percent: (/** @type {number} */ n) => (Number.isFinite(n) ? `${Math.round(n)}%` : 'n/a')
}

/**
 * A table with the first column left-aligned and the others right-aligned.
 * @param {string[]} header
 * @param {string[][]} rows
 */
export function table(header, rows) {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => (row[i] ?? '').length)))
  const line = (/** @type {string[]} */ row) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd()
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

/**
 * @param {ReturnType<typeof import('./machine.mjs').describeMachine> & { busyBeforePercent: number }} machine
 * @param {{ kind: string, version: string, url: string }} target
 * @param {import('./pinning.mjs').Pinning} pinning
 */
export function machineText(machine, target, pinning) {
  const v = machine.versions
  return [
    `Machine: ${machine.cores} cores, ${machine.cpuModel}, ${machine.memoryGb} GB, Linux ${machine.kernel}`,
    `Node ${machine.node}; stampede ${v.stampede}; autocannon ${v.autocannon}; wrk ${v.wrk}`,
    `Target: ${target.kind} ${target.version} at ${target.url} ("ok\\n", keep-alive)`,
    `CPU: ${pinning.note}; other processes used ${format.percent(machine.busyBeforePercent)} of the machine in the second before the bench`
  ].join('\n')
}

/**
 * @param {Awaited<ReturnType<typeof import('./throughput.mjs').measureThroughput>>} throughput
 * @param {{ connections: number, durationS: number, rounds: number }} load
 */
export function throughputText(throughput, { connections, durationS, rounds }) {
  const lines = [
    `Throughput: ${connections} connections, ${durationS} s per run, ${rounds} round(s) round-robin; medians over the rounds`,
    summaryTable(throughput.summaries, rounds),
    `Stampede/autocannon rps: ${format.ratio(throughput.ratios.stampedeToAutocannon)}    Stampede/wrk rps: ${format.ratio(throughput.ratios.stampedeToWrk)}` +
      (Number.isFinite(throughput.ratios.stampedeToBaseline)
        ? `    Stampede/baseline build rps: ${format.ratio(throughput.ratios.stampedeToBaseline)}`
        : ''),
    'rps = completed responses / measured duration for every tool; autocannon latencies have 1 ms resolution;',
    'CPU columns: share of one core over the run (medians) for the tool\'s process tree, the target, and every',
    'other process on the machine; target near 100% means the target set the pace, other above a few % means noise.'
  ]
  for (const s of throughput.summaries) if (s.skipped) lines.push(`${s.tool} skipped: ${s.skipped}`)
  return lines.join('\n')
}

/**
 * @param {import('./throughput.mjs').ToolSummary[]} summaries
 * @param {number} rounds
 */
function summaryTable(summaries, rounds) {
  const rows = summaries.map((s) => [
    s.tool,
    s.skipped ? 'skipped' : format.count(s.rps),
    format.ms(s.p50Ms),
    format.ms(s.p99Ms),
    s.skipped ? '-' : format.count(s.errors),
    s.skipped ? '-' : format.percent(s.generatorCpuPercent),
    s.skipped ? '-' : format.percent(s.targetCpuPercent),
    s.skipped ? '-' : format.percent(s.otherCpuPercent),
    s.skipped ? '0' : `${s.runs}/${rounds}`
  ])
  return table(['tool', 'rps', 'p50 ms', 'p99 ms', 'errors', 'tool CPU', 'target CPU', 'other CPU', 'runs'], rows)
}

/** @param {Awaited<ReturnType<typeof import('./http2.mjs').measureHttp2>>} http2 */
export function http2Text(http2) {
  const lines = [
    `HTTP/2: ${http2.connections} connections × ${http2.streams} streams, ${http2.durationS} s per run, ${http2.rounds} round(s) round-robin, against ${http2.target.kind} ${http2.target.version}`
  ]
  for (const [protocol, measured] of Object.entries(http2.protocols)) {
    lines.push(
      '',
      protocol === 'h2' ? 'h2 (TLS, ALPN): stampede --http2 -k beside h2load on https://' : 'h2c (cleartext, prior knowledge): stampede --h2c beside h2load on http://',
      summaryTable(measured.summaries, http2.rounds),
      `Stampede/h2load rps (${protocol}): ${format.ratio(measured.stampedeToH2load)}    Stampede/node http2 loop: ${format.ratio(measured.stampedeToNodeHttp2)}`
    )
    for (const s of measured.summaries) if (s.skipped) lines.push(`${s.tool} skipped: ${s.skipped}`)
  }
  lines.push(
    'h2load reports no percentiles, the node http2 loop counts only completions (p50/p99 n/a); rps = completed',
    "responses / measured duration for all three. 'node http2' is a bare loop over Node's http2 client, which undici's",
    'HTTP/2 is built on: the floor of any Node generator.'
  )
  return lines.join('\n')
}

/** @param {Awaited<ReturnType<typeof import('./baseline.mjs').measureAgainstBaseline>>} baseline */
export function baselineText(baseline, /** @type {{ connections: number, durationS: number, rounds: number }} */ { connections, durationS, rounds }) {
  const lines = [
    `Constant HTTP/1.1 run, closed model, ${connections} connections, ${durationS} s per run, ${rounds} round(s) round-robin:`,
    `this build, the baseline (${baseline.baselineCli ?? 'none'}), and this build with the load as one flat stage`,
    summaryTable(baseline.summaries, rounds),
    `this/baseline rps: ${format.ratio(baseline.ratios.thisToBaseline)}    flat stage/constant rps: ${format.ratio(baseline.ratios.stagesToConstant)}`
  ]
  for (const s of baseline.summaries) if (s.skipped) lines.push(`${s.tool} skipped: ${s.skipped}`)
  return lines.join('\n')
}

/** @param {Awaited<ReturnType<typeof import('./memory.mjs').measureMemory>>} memory */
export function memoryText(memory) {
  const lines = [`Memory: peak RSS (VmHWM) of the whole generator tree, closed model, -c ${memory.connections} -w 1`]
  for (const run of memory.runs) {
    lines.push(
      `-n ${format.count(run.requests)}: ${format.count(run.completed)} completed, ${format.count(run.failed)} failed, ${format.count(run.rps)} rps`
    )
    const rows = run.processes.map((p) => [String(p.pid), p.command, p.cpus, format.mb(p.peakMb), p.cpuSeconds.toFixed(2)])
    rows.push(['', 'sum', '', format.mb(run.sumMb), run.processes.reduce((sum, p) => sum + p.cpuSeconds, 0).toFixed(2)])
    lines.push(table(['pid', 'process', 'cpus', 'peak MB', 'CPU s'], rows))
  }
  const [small, large] = memory.runs
  const underCap = large.sumMb < memory.goals.sumMb && small.sumMb < memory.goals.sumMb
  const flat = memory.growth <= memory.goals.growth
  lines.push(
    `1M / 100k: ${format.ratio(memory.growth)} (goal <= ${format.ratio(memory.goals.growth)}: ${flat ? 'met' : 'NOT met'}); ` +
      `sum < ${memory.goals.sumMb} MB: ${underCap ? 'met' : 'NOT met'}`
  )
  return lines.join('\n')
}

/**
 * @param {Awaited<ReturnType<typeof import('./worker-scaling.mjs').measureWorkerScaling>>} scaling
 * @param {import('./pinning.mjs').Pinning} pinning
 */
export function scalingText(scaling, pinning) {
  const rows = scaling.runs.map((run) => [
    `-w ${run.workers}`,
    format.count(run.rps),
    format.count(run.completed),
    String(run.processes.length),
    format.us(run.cpuUsPerRequest),
    format.us(run.reapedCpuUsPerRequest)
  ])
  const cost = scaling.costRatio
  const change = Math.round((cost - 1) * 100)
  const verdict =
    Math.abs(cost - 1) <= 0.05
      ? `-w 2 costs the same CPU per request as -w 1 (${change >= 0 ? '+' : ''}${change}%): the workers are independent, so throughput grows with the cores they are given.`
      : `-w 2 costs ${Math.abs(change)}% ${change > 0 ? 'more' : 'less'} CPU per request than -w 1` +
        (scaling.runs[1].workers + 1 > scaling.cores
          ? `; its ${scaling.runs[1].workers} engines and the target share ${scaling.cores} cores, so part of that may be contention.`
          : '.')
  return [
    `Worker scaling: -c ${scaling.connections} in all, ${scaling.durationS} s each, generator unpinned${pinning.used ? ` (target still on CPU ${pinning.targetCpus})` : ''}`,
    table(['workers', 'rps', 'completed', 'processes', 'CPU us/req (polled)', 'CPU us/req (reaped)'], rows),
    `-w 2 / -w 1: rps ${format.ratio(scaling.rpsRatio)}, CPU per request ${format.ratio(cost)}`,
    verdict,
    `CPU = utime + stime of the CLI and its engine children (/proc/<pid>/stat, ${scaling.clockTicks} ticks/s), polled every 50 ms; "reaped" is the exact figure from this process's cutime + cstime.`
  ].join('\n')
}
