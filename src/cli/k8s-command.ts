import { basename, dirname, relative, sep } from 'node:path'
import { dataFileReader } from '../control/data-file'
import { parseArgs } from 'node:util'
import { stringify } from 'yaml'
import { segmentsPossible } from '../control/plan-shares'
import { parseTestFile } from '../shared/test-file'
import { typedDurationMs } from '../shared/typed-seconds'
import { checkRunPlan } from '../shared/validation'
import { k8sUsageText } from './distributed-usage'
import { cpuCores, k8sManifests } from './k8s-manifests'

/**
 * `stampede k8s FILE --generators N [--image I] [--namespace NS] [--name NAME] [--cpu C --memory M]`:
 * prints the manifests (./k8s-manifests.ts) for `kubectl apply -f -`. Exit 0, or 2 with the reason.
 */

export interface K8sEnvironment {
  stdout(text: string): void
  stderr(text: string): void
  readTestFile(path: string): string
  /** This Stampede's version: the default image's tag. */
  version: string
}

const OPTIONS = {
  generators: { type: 'string' },
  image: { type: 'string' },
  namespace: { type: 'string' },
  name: { type: 'string' },
  cpu: { type: 'string' },
  memory: { type: 'string' },
  'barrier-timeout': { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const

/** The image .github/workflows/image.yml pushes, tagged with the version. */
export const IMAGE_REPOSITORY = 'ghcr.io/stampede-dev/stampede'
/** A ConfigMap holds at most 1 MiB (etcd's limit on an object): room is left for its metadata. */
export const CONFIG_MAP_MAX_BYTES = 1024 * 1024 - 16 * 1024
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/

export function runK8s(argv: string[], environment: K8sEnvironment): number {
  const refuse = (message: string): number => {
    environment.stderr(`stampede k8s: ${message}\nRun stampede k8s --help for usage.\n`)
    return 2
  }
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    return refuse((error as Error).message.replace(/\s*\n\s*/g, ' '))
  }
  const { values, positionals } = parsed
  if (values.help) {
    environment.stdout(k8sUsageText())
    return 0
  }
  if (positionals.length !== 1) return refuse('give one test file, such as stampede k8s checkout.stampede.yaml --generators 8.')
  const [file] = positionals
  const generators = Number(values.generators)
  if (values.generators === undefined || !Number.isInteger(generators) || generators < 1 || generators > 1000) {
    return refuse(`--generators: give a whole number of pods from 1 to 1000${values.generators === undefined ? '' : `, not "${values.generators}"`}.`)
  }
  let text: string
  try {
    text = environment.readTestFile(file)
  } catch (error) {
    return refuse(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`)
  }
  const read = parseTestFile(text, file, { readData: dataFileReader(file) })
  if (!read.ok) return refuse(read.message)
  const check = checkRunPlan(read.test.plan)
  if (!check.ok) return refuse(`${file}: ${Object.values(check.errors).join(' ')}`)
  const most = segmentsPossible(check.plan)
  if (generators > most) return refuse(`--generators: ${file} can be shared ${most} ways at most (by its connections, requests, iterations, data rows or rate): it cannot keep ${generators} generators busy.`)
  const files = [{ key: configKey(file), path: configKey(file), text }]
  const data = check.plan.flow?.data
  if (data) {
    // Beside the test file in the pod as here: the test names it relative to itself.
    const path = relative(dirname(file), data.file).split(sep).join('/')
    if (path.startsWith('../') || path.startsWith('/')) {
      return refuse(`the data file ${data.file} must be in ${file}'s folder or below it, to go into the ConfigMap beside it.`)
    }
    let dataText: string
    try {
      dataText = environment.readTestFile(data.file)
    } catch (error) {
      return refuse(`cannot read the data file ${data.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`)
    }
    files.push({ key: configKey(path), path, text: dataText })
  }
  const bytes = files.reduce((total, each) => total + Buffer.byteLength(each.text), 0)
  if (bytes > CONFIG_MAP_MAX_BYTES) return refuse(`${files.map((each) => each.path).join(' and ')} hold ${bytes} bytes: over a ConfigMap's 1 MiB.`)

  // A pod's hostname is NAME-INDEX: a DNS label, 63 characters at most.
  const maxName = 63 - 1 - String(generators - 1).length
  const name = values.name ?? defaultName(file, maxName)
  if (!DNS_LABEL.test(name) || name.length > maxName) {
    return refuse(`--name: "${name}" must be a DNS label of at most ${maxName} characters (lower-case letters, digits and -, starting and ending with a letter or digit).`)
  }
  if (values.namespace !== undefined && (!DNS_LABEL.test(values.namespace) || values.namespace.length > 63)) {
    return refuse(`--namespace: "${values.namespace}" is not a DNS label.`)
  }
  const cpu = values.cpu ?? '1'
  if (!/^(\d+(\.\d+)?|\d+m)$/.test(cpu) || !(cpuCores(cpu) > 0)) return refuse(`--cpu: give cores (1, 0.5) or millicores (500m), not "${cpu}".`)
  const memory = values.memory ?? '512Mi'
  if (!/^\d+(Ki|Mi|Gi|Ti|k|M|G|T)?$/.test(memory)) return refuse(`--memory: give a quantity such as 512Mi or 2Gi, not "${memory}".`)
  const barrierTimeoutMs = values['barrier-timeout'] === undefined ? 300_000 : typedDurationMs(values['barrier-timeout'])
  if (!(barrierTimeoutMs > 0)) return refuse(`--barrier-timeout: give a duration such as 300s or 5m, not "${values['barrier-timeout']}".`)

  const manifests = k8sManifests({
    name,
    ...(values.namespace ? { namespace: values.namespace } : {}),
    generators,
    image: values.image ?? `${IMAGE_REPOSITORY}:${environment.version}`,
    cpu,
    memory,
    barrierTimeoutMs,
    files,
    plan: check.plan
  })
  environment.stdout(manifests.map((manifest) => stringify(manifest, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n'))
  return 0
}

/** checkout.stampede.yaml → stampede-checkout. */
function defaultName(file: string, maxLength: number): string {
  const stem = basename(file).split('.')[0].toLowerCase().replace(/[^a-z0-9-]+/g, '-')
  return `stampede-${stem}`.slice(0, maxLength).replace(/-+$/, '')
}

/** A ConfigMap key: letters, digits, -, _ and . only. */
function configKey(file: string): string {
  return basename(file).replace(/[^-._a-zA-Z0-9]/g, '_')
}
