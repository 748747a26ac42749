import { pinned } from './pinning.mjs'
import { runMeasured, stampedeJson } from './measured-run.mjs'
import { stampedeCliPath } from './tools.mjs'
import { ratio } from './stats.mjs'
import { CLOCK_TICKS } from './process-tree.mjs'

/**
 * Stampede's memory must not grow with the number of requests: a fixed set of workers pulls from a
 * counter, and latency goes into a fixed-size histogram. So the peak RSS of the whole generator tree
 * (the CLI and every engine child) is measured at 100k and at 1M requests; the goals are under
 * 150 MB in all, and 1M within 10% of 100k.
 */

export const MEMORY_REQUESTS = [100_000, 1_000_000]
const MEMORY_CONNECTIONS = 50
export const MEMORY_GOALS = { sumMb: 150, growth: 1.1 }

/**
 * @param {{ repo: string, url: string, cpus: string | undefined, log: (line: string) => void }} plan
 */
export async function measureMemory({ repo, url, cpus, log }) {
  const runs = []
  for (const requests of MEMORY_REQUESTS) {
    log(`memory: stampede -n ${requests} -c ${MEMORY_CONNECTIONS} -w 1`)
    const cliArgs = [stampedeCliPath(repo), '-n', String(requests), '-c', String(MEMORY_CONNECTIONS), '-w', '1', '--json', url]
    const [command, args] = pinned(cpus, process.execPath, cliArgs)
    // Bounded as if it managed only 5,000 requests a second.
    const measured = await runMeasured(command, args, 60_000 + requests / 5)
    const result = stampedeJson(measured, `stampede -n ${requests}`)
    const processes = measured.processes.map((p) => ({
      pid: p.pid,
      command: p.command,
      cpus: p.cpus,
      peakMb: p.peakKb / 1024,
      cpuSeconds: p.cpuTicks / CLOCK_TICKS
    }))
    runs.push({
      requests,
      completed: result.requests.completed,
      failed: result.requests.failed,
      rps: result.rps,
      durationMs: result.durationMs,
      processes,
      sumMb: processes.reduce((sum, p) => sum + p.peakMb, 0)
    })
  }
  return { connections: MEMORY_CONNECTIONS, runs, growth: ratio(runs[1].sumMb, runs[0].sumMb), goals: MEMORY_GOALS }
}
