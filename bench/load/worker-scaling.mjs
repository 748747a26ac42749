import { CLOCK_TICKS } from './process-tree.mjs'
import { runMeasured } from './measured-run.mjs'
import { stampedeCliPath } from './tools.mjs'
import { ratio } from './stats.mjs'

/**
 * Does -w 2 scale? With two cores, one of them the target's, a doubling of throughput cannot be
 * shown. What can be shown is the cost: if the generator's CPU time per request is the same with two
 * workers as with one, the workers do not get in each other's way, and throughput grows with the
 * cores they are given. The generator runs unpinned here so that -w 2 may use both cores.
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
    const { finished } = measured
    if (finished.timedOut || finished.code !== 0) {
      throw new Error(`stampede -w ${workers} ${finished.timedOut ? 'timed out' : `exited with ${finished.code ?? finished.signal}`}: ${finished.stderr.trim().slice(-500)}`)
    }
    const result = JSON.parse(finished.stdout.trim())
    const completed = result.requests.completed
    const microsPerRequest = (/** @type {number} */ ticks) => ((ticks / CLOCK_TICKS) * 1e6) / completed
    runs.push({
      workers,
      completed,
      rps: completed / (result.durationMs / 1000),
      processes: measured.processes.length,
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
    runs,
    rpsRatio: ratio(runs[1].rps, runs[0].rps),
    costRatio: ratio(runs[1].cpuUsPerRequest, runs[0].cpuUsPerRequest)
  }
}
