import { readFileSync } from 'node:fs'
import { availableParallelism, release, totalmem } from 'node:os'
import { spawnSync } from 'node:child_process'

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
