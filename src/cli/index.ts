import { readFileSync } from 'node:fs'
import { defaultWorkerCount } from '../control/worker-count'
import { parseCommandLine } from './arguments'
import { runHeadless } from './headless-run'
import { usageText } from './usage'
import { VERSION } from './version'

/**
 * `stampede`: the headless front end. Exit status 0 for a finished run, 2 for bad arguments (and
 * then nothing was started, let alone sent), 1 for everything else.
 */
async function main(argv: string[]): Promise<number> {
  const command = parseCommandLine(argv, {
    readBody: (path) => readFileSync(path, 'utf8'),
    defaultWorkers: defaultWorkerCount
  })
  switch (command.kind) {
    case 'help':
      process.stdout.write(usageText(defaultWorkerCount()))
      return 0
    case 'version':
      process.stdout.write(`${VERSION}\n`)
      return 0
    case 'usage-error':
      process.stderr.write(`${command.message}\nRun stampede --help for usage.\n`)
      return 2
    case 'run':
      return runHeadless(command)
  }
}

main(process.argv.slice(2)).then(
  (status) => exitWhenIdle(status),
  (error: unknown) => {
    process.stderr.write(`stampede: ${error instanceof Error ? error.message : String(error)}\n`)
    exitWhenIdle(1)
  }
)

/**
 * Lets stdout drain (a pipe is written asynchronously on some systems) rather than process.exit()
 * at once; should anything still hold the event loop, leaves anyway a little later.
 */
function exitWhenIdle(status: number): void {
  process.exitCode = status
  setTimeout(() => process.exit(status), 2000).unref()
}
