import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { readImportText } from '../control/import/import-file'
import { formatBytes } from '../shared/format'
import { findingsText } from '../shared/import/findings-text'
import { IMPORT_MAX_BYTES } from '../shared/import/har-file'
import { importedTestOf, FORMAT_NAMES, type ImportSource } from '../shared/import/import-source'
import { importedTestFileText } from '../shared/import/imported-test-file'
import { importUsageText } from './usage'

/**
 * `stampede import FILE [-o TEST.yaml] [--host HOST]... [--environment ENV.json]`: a HAR recording,
 * a Postman collection or pasted cURL commands (told apart by the content) made into a version-2
 * test, written to -o or printed on stdout; what was dropped, correlated, kept secret and not
 * converted goes to stderr. Every correlation is applied (the window lets each be rejected).
 * Exit status: 0 written, 2 for bad arguments or a file that cannot be read or imported (naming
 * the file and what is wrong; nothing is written), 1 when the output cannot be written.
 */
export const IMPORT_EXIT = { imported: 0, failed: 1, usage: 2 } as const

export interface ImportOutput {
  stdout(text: string): void
  stderr(text: string): void
}

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  host: { type: 'string', multiple: true },
  environment: { type: 'string', short: 'e' },
  'think-times': { type: 'boolean' },
  'user-agent': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

export function runImport(argv: string[], output: ImportOutput): number {
  const usage = (problem: string): number => {
    output.stderr(`stampede import: ${problem}\nRun stampede import --help for usage.\n`)
    return IMPORT_EXIT.usage
  }
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    return usage((error as Error).message.replace(/\s*\n\s*/g, ' '))
  }
  const { values, positionals } = parsed
  if (values.help) {
    output.stdout(importUsageText())
    return IMPORT_EXIT.imported
  }
  if (positionals.length !== 1) return usage(`give one file to import: a HAR, a Postman collection or cURL commands (given ${positionals.length}).`)
  const [path] = positionals
  const text = readBounded(path)
  if (typeof text !== 'string') return usage(text.problem)
  let environment: { text: string; fileName: string } | undefined
  if (values.environment !== undefined) {
    const environmentText = readBounded(values.environment)
    if (typeof environmentText !== 'string') return usage(`--environment: ${environmentText.problem}`)
    environment = { text: environmentText, fileName: values.environment }
  }

  const read = readImportText(text, path, environment)
  if (!read.ok) return usage(read.message)
  if ('test' in read) return usage(`${path} is already a Stampede test file: run it with stampede run ${path}.`)
  if (environment && read.source.format !== 'postman') return usage('--environment goes with a Postman collection only.')
  const source = read.source
  const hosts = values.host ?? []
  const imported = importedTestOf(source, optionsOf(source, hosts, values))
  const unknownHost = hosts.find((host) => !imported.findings.hosts.some((choice) => choice.host === host.toLowerCase()))
  if (unknownHost !== undefined) {
    const known = imported.findings.hosts.map((choice) => choice.host).join(', ') || 'none'
    return usage(`--host ${unknownHost}: the recording sends nothing to it (its hosts: ${known}).`)
  }
  if (imported.flow.steps.length === 0) return usage(`${path}: no request is left once the noise is dropped; keep a host with --host.`)

  const file = importedTestFileText(imported)
  if (!file.ok) return usage(`${path}: the test it makes is not valid: ${file.message}`)
  const fileText = file.text
  if (values.output !== undefined) {
    try {
      writeFileSync(values.output, fileText)
    } catch (error) {
      output.stderr(`stampede import: ${values.output} could not be written: ${(error as Error).message}\n`)
      return IMPORT_EXIT.failed
    }
  } else {
    output.stdout(fileText)
  }
  const steps = imported.flow.steps.length
  output.stderr(
    `Imported ${basename(path)} (${FORMAT_NAMES[source.format]}): ${steps} step${steps === 1 ? '' : 's'}${values.output ? `, written to ${values.output}` : ''}.\n` +
      findingsText(imported.findings, imported.flow)
  )
  return IMPORT_EXIT.imported
}

/** --host keeps the journey's host and adds the others named. */
function optionsOf(source: ImportSource, hosts: string[], values: { 'think-times'?: boolean; 'user-agent'?: boolean }) {
  const options = { thinkTimes: values['think-times'] === true, keepUserAgent: values['user-agent'] === true }
  if (source.format === 'postman' || hosts.length === 0) return options
  const journey = importedTestOf(source, options).findings.hosts.filter((host) => host.kept).map((host) => host.host)
  return { ...options, hosts: [...journey, ...hosts.map((host) => host.toLowerCase())] }
}

/** The file's text, its size checked first so a huge recording is refused without being read. */
function readBounded(path: string): string | { problem: string } {
  try {
    const { size } = statSync(path)
    if (size > IMPORT_MAX_BYTES) {
      return { problem: `${path}: ${formatBytes(size)} is more than an import reads (${formatBytes(IMPORT_MAX_BYTES)}); record only the journey, without images and video.` }
    }
    return readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const what = code === 'ENOENT' ? 'no such file.' : code === 'EISDIR' ? 'it is a folder, not a file.' : code === 'EACCES' ? 'not readable (permission denied).' : `could not be read (${code ?? (error as Error).message}).`
    return { problem: `${path}: ${what}` }
  }
}
