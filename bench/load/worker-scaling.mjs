import { availableParallelism } from 'node:os'
import { CLOCK_TICKS } from './process-tree.mjs'
import { runMeasured, stampedeJson } from './measured-run.mjs'
import { stampedeCliPath } from './tools.mjs'
import { ratio } from './stats.mjs'

/**
 * Does -w 2 scale? With two cores, one of them the target's, a doubling of throughput cannot be
 * shown. What can be shown is the cost: if the generator's CPU time per request is the same with two
 * workers as with one, the workers do not get in each other's way, and throughput grows with the
 * cores they are given. The generator runs unpinned here so that -w 2 may use both cores; on a
 * two-core machine its engines then share the cores with the target, and some of any extra cost is
 * that contention (more busy processes than cores) rather than the workers' own.
 */

/**
 * @param {{ repo: string, url: string, connections: number, durationS: number, log: (line: string) => void }} plan
 */
export async function measureWorkerScaling({ repo, url, connections, durationS, log }) {
  const runs = []
  for (const workers of [1, 2]) {
    log(`scaling: stampede -w ${workers} -c ${connections} -d ${durationS} (unpinned)`)
    const args = [stampedeCliPath(repo), '-c', String(connections), '-d', String(durationS), '-w', String(workers), '--json', url]
    const measured = await runMeasured(process.execPath, args, durationS * 1000 + 30_000)
    const result = stampedeJson(measured, `stampede -w ${workers}`)
    const completed = result.requests.completed
    const microsPerRequest = (/** @type {number} */ ticks) => ((ticks / CLOCK_TICKS) * 1e6) / completed
    runs.push({
      workers,
      completed,
      rps: completed / (result.durationMs / 1000),
      processes: measured.processes.map((p) => ({ pid: p.pid, command: p.command, cpuSeconds: p.cpuTicks / CLOCK_TICKS })),
      polledCpuTicks: measured.polledCpuTicks,
      reapedCpuTicks: measured.reapedCpuTicks,
      cpuUsPerRequest: microsPerRequest(measured.polledCpuTicks),
      reapedCpuUsPerRequest: microsPerRequest(measured.reapedCpuTicks)
    })
  }
  return {
    connections,
    durationS,
    clockTicks: CLOCK_TICKS,
    cores: availableParallelism(),
    runs,
    rpsRatio: ratio(runs[1].rps, runs[0].rps),
    costRatio: ratio(runs[1].cpuUsPerRequest, runs[0].cpuUsPerRequest)
  }
}
