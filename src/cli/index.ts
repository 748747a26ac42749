import { accessSync, constants, readFileSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { readTextFileSync } from '../control/read-text-file'
import { defaultWorkerCount } from '../control/worker-count'
import { TEST_FILE_MAX_BYTES } from '../shared/test-file'
import { parseCommandLine } from './arguments'
import { runCompare } from './compare-command'
import { runImport } from './import-command'
import { runHeadless } from './headless-run'
import { runK8s } from './k8s-command'
import { runMerge, type MergeEnvironment } from './merge-command'
import { usageText } from './usage'
import { VERSION } from './version'

/**
 * `stampede`: the headless front end. Exit status 0 for a finished run whose thresholds all passed,
 * 3 for a finished run with a failed threshold, 2 for bad arguments (and then nothing was started,
 * let alone sent), 1 for everything else (cancelled, crashed, could not start). `stampede compare`
 * has its own (./compare-command.ts): 0, 3 when a --fail-on limit is exceeded, 2 for bad input.
 */
async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'merge') return runMerge(argv.slice(1), mergeEnvironment())
  if (argv[0] === 'k8s') return runK8s(argv.slice(1), { ...commandOutput, readTestFile: (path) => readTextFileSync(path, TEST_FILE_MAX_BYTES), version: VERSION })
  if (argv[0] === 'compare') return runCompare(argv.slice(1), commandOutput)
  if (argv[0] === 'import') return runImport(argv.slice(1), commandOutput)
  const command = parseCommandLine(argv, {
    readBody: (path) => readFileSync(path, 'utf8'),
    defaultWorkers: defaultWorkerCount,
    outputProblem,
    readTestFile: (path) => readTextFileSync(path, TEST_FILE_MAX_BYTES),
    env: (name) => process.env[name]
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

const commandOutput = { stdout: (text: string) => process.stdout.write(text), stderr: (text: string) => process.stderr.write(text) }

function mergeEnvironment(): MergeEnvironment {
  return {
    ...commandOutput,
    readFile: (path) => readFileSync(path, 'utf8'),
    readStdin: async () => {
      let text = ''
      for await (const chunk of process.stdin.setEncoding('utf8')) text += chunk as string
      return text
    },
    outputProblem
  }
}

/** Checked before the run, so a typo in a path is not found out only after the load was sent. */
function outputProblem(path: string): string | undefined {
  const folder = dirname(resolve(path))
  try {
    if (!statSync(folder).isDirectory()) return `${folder} is not a folder.`
    accessSync(folder, constants.W_OK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT' ? `the folder ${folder} does not exist.` : `the folder ${folder} is not writable (${code}).`
  }
  try {
    if (statSync(path).isDirectory()) return 'it is a folder.'
  } catch {
    // Not there yet: it will be created.
  }
  return undefined
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
