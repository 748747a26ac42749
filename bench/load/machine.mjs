import { readFileSync } from 'node:fs'
import { availableParallelism, release, totalmem } from 'node:os'
import { spawnSync } from 'node:child_process'
import { CLOCK_TICKS } from './process-tree.mjs'

/** What the figures were measured on, printed with them and kept in the results file. */

/**
 * @param {{ autocannon: string, stampede: string, repo: string }} paths
 */
export function describeMachine(paths) {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8')
  return {
    cores: availableParallelism(),
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    versions: {
      stampede: stampedeVersion(paths.repo),
      autocannon: firstLine(process.execPath, [paths.autocannon, '--version']).replace(/^autocannon /, ''),
      wrk: firstLine('wrk', ['-v']).replace(/^wrk /, '').replace(/ Copyright.*$/, '')
    }
  }
}

/**
 * CPU ticks the whole machine has spent busy (user, nice, system, irq, softirq in /proc/stat). The
 * interrupt columns count because, without IRQ time accounting, the kernel also charges that time to
 * whichever process was running, so the sum of process times is comparable with this one.
 */
export function machineTaskTicks() {
  const [user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
  return user + nice + system + irq + softirq
}

/**
 * How busy the machine is without the bench, over one second: the figures mean little if something
 * else is using the cores (a build, another test run).
 */
export async function backgroundBusyPercent() {
  const before = machineTaskTicks()
  await new Promise((resolve) => setTimeout(resolve, 1000))
  return ((machineTaskTicks() - before) / CLOCK_TICKS / availableParallelism()) * 100
}

/** @param {string} repo */
function stampedeVersion(repo) {
  const { version } = JSON.parse(readFileSync(`${repo}/package.json`, 'utf8'))
  const commit = firstLine('git', ['-C', repo, 'rev-parse', '--short', 'HEAD'])
  const dirty = spawnSync('git', ['-C', repo, 'status', '--porcelain'], { encoding: 'utf8' }).stdout?.trim()
  return `${version}${commit === 'absent' ? '' : ` (${commit}${dirty ? ', uncommitted changes' : ''})`}`
}

/**
 * The first line a command prints on stdout or stderr ('absent' if it cannot run).
 * @param {string} command
 * @param {string[]} args
 */
function firstLine(command, args) {
  const { error, stdout, stderr } = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 })
  if (error) return 'absent'
  return `${stdout}${stderr}`.trim().split('\n')[0] ?? ''
}
