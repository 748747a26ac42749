import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigMap, Service } from 'kubernetes-models/v1'
import { Job } from 'kubernetes-models/batch/v1'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { runK8s } from '../../src/cli/k8s-command'

const TEST_FILE = `stampede: 1
name: Checkout
request:
  url: http://127.0.0.1:8080/
load:
  connections: 40
  duration: 2m
thresholds: ['p99<250ms']
`

// Manifests as read back from YAML: the schema validators below are what vouch for their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Manifest = Record<string, any>

function k8s(argv: string[], file = TEST_FILE): { status: number; stdout: string; stderr: string; documents: Manifest[] } {
  let stdout = ''
  let stderr = ''
  const status = runK8s(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readTestFile: () => file,
    version: '1.2.3'
  })
  const documents = status === 0 ? parseAllDocuments(stdout).map((document) => document.toJS() as Manifest) : []
  return { status, stdout, stderr, documents }
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/

describe('stampede k8s', () => {
  const { status, documents } = k8s(['checkout.stampede.yaml', '--generators', '8', '--namespace', 'load', '--cpu', '2', '--memory', '1Gi'])
  const [configMap, service, job] = documents

  it('prints a ConfigMap, a headless Service and a Job that Kubernetes schemas accept', () => {
    expect(status).toBe(0)
    expect(documents.map((document) => document.kind)).toEqual(['ConfigMap', 'Service', 'Job'])
    // validate() throws with the schema's own message on anything Kubernetes would refuse.
    expect(() => new ConfigMap(configMap as never).validate()).not.toThrow()
    expect(() => new Service(service as never).validate()).not.toThrow()
    expect(() => new Job(job as never).validate()).not.toThrow()
  })

  it('the schema check can fail: a Job with a count written as text is refused', () => {
    const broken = { ...job, spec: { ...job.spec, completions: 'eight' } }
    expect(() => new Job(broken as never).validate()).toThrow(/completions/)
  })

  it('keeps the project rules: DNS-label names, a ConfigMap under 1 MiB holding the test, completions = parallelism, Never restarted', () => {
    for (const document of documents) {
      expect(document.metadata.name).toMatch(DNS_LABEL)
      expect(document.metadata.namespace).toBe('load')
    }
    // A pod's hostname is NAME-INDEX: still a DNS label for the highest index.
    expect(`${job.metadata.name}-7`.length).toBeLessThanOrEqual(63)
    expect(Buffer.byteLength(JSON.stringify(configMap))).toBeLessThan(1024 * 1024)
    expect(configMap.data['checkout.stampede.yaml']).toBe(TEST_FILE)
    const spec = job.spec
    expect(spec).toMatchObject({ completionMode: 'Indexed', completions: 8, parallelism: 8, backoffLimit: 0 })
    expect(spec.template.spec.restartPolicy).toBe('Never')
    expect(spec.podFailurePolicy.rules.length).toBeGreaterThan(0)
    // Two minutes of test, the 10 s request timeout, the 300 s barrier and the start-up budget.
    expect(spec.activeDeadlineSeconds).toBe(120 + 10 + 300 + 300)
    expect(spec.ttlSecondsAfterFinished).toBeGreaterThanOrEqual(3600)
  })

  it('runs locked down: non-root, read-only root, no escalation, no capabilities, no token, requests = limits, spread over nodes', () => {
    const pod = job.spec.template.spec
    const [container] = pod.containers
    expect(pod.automountServiceAccountToken).toBe(false)
    expect(pod.securityContext.runAsNonRoot).toBe(true)
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] }
    })
    expect(container.resources.requests).toEqual({ cpu: '2', memory: '1Gi' })
    expect(container.resources.limits).toEqual(container.resources.requests)
    expect(pod.topologySpreadConstraints[0]).toMatchObject({ topologyKey: 'kubernetes.io/hostname', maxSkew: 1 })
    expect(pod.topologySpreadConstraints[0].labelSelector.matchLabels).toEqual(service.spec.selector)
  })

  it('gives the barrier a headless Service whose name is the pods\' subdomain, and the pods its address', () => {
    expect(service.spec.clusterIP).toBe('None')
    expect(job.spec.template.spec.subdomain).toBe(service.metadata.name)
    const [container] = job.spec.template.spec.containers
    expect(container.env).toContainEqual({ name: 'STAMPEDE_BARRIER', value: `${job.metadata.name}-0.${service.metadata.name}:7070` })
    expect(container.args).toEqual(expect.arrayContaining(['--segments', '8', '--barrier', '$(STAMPEDE_BARRIER)', '--workers', '2']))
    expect(container.volumeMounts[0].mountPath + '/checkout.stampede.yaml').toBe(container.args[1])
  })

  it.each([
    [['t.yaml'], /--generators/],
    [['t.yaml', '--generators', '0'], /--generators/],
    [['t.yaml', '--generators', '41'], /can be shared 40 ways at most/],
    [['t.yaml', '--generators', '2', '--name', 'Load_Test'], /--name: "Load_Test" must be a DNS label/],
    [['t.yaml', '--generators', '2', '--cpu', 'lots'], /--cpu/],
    [['t.yaml', '--generators', '2', '--memory', '1 GB'], /--memory/]
  ])('%j is refused with exit 2, naming the flag', (argv, message) => {
    const run = k8s(argv)
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(message)
  })

  it('refuses a test file over a ConfigMap\'s 1 MiB', () => {
    const big = `${TEST_FILE}# ${'x'.repeat(1024 * 1024)}\n`
    const run = k8s(['big.yaml', '--generators', '2'], big)
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/1 MiB/)
  })

  it('puts a flow\'s data file into the ConfigMap beside the test file, at the path the test names it by', () => {
    const folder = mkdtempSync(join(tmpdir(), 'stampede-k8s-'))
    try {
      mkdirSync(join(folder, 'data'))
      writeFileSync(join(folder, 'data', 'users.csv'), 'user\nann\nbob\n')
      const flow = `stampede: 2\nname: Users\ndata:\n  file: data/users.csv\n  order: unique\nsteps:\n  - url: http://127.0.0.1:8080/u/{{user}}\n    check: ['status == 200']\nload:\n  connections: 2\n  iterations: 2\n`
      const file = join(folder, 'users.yaml')
      writeFileSync(file, flow)
      let stdout = ''
      let stderr = ''
      const status = runK8s([file, '--generators', '2'], {
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text),
        readTestFile: (path) => readFileSync(path, 'utf8'),
        version: '1.2.3'
      })
      expect(status, stderr).toBe(0)
      const [configMap, , job] = parseAllDocuments(stdout).map((document) => document.toJS() as Manifest)
      expect(configMap.data).toEqual({ 'users.yaml': flow, 'users.csv': 'user\nann\nbob\n' })
      const volume = job.spec.template.spec.volumes.find((each: Manifest) => each.configMap)
      expect(volume.configMap.items).toEqual([
        { key: 'users.yaml', path: 'users.yaml' },
        { key: 'users.csv', path: 'data/users.csv' }
      ])
      expect(() => new Job(job as never).validate()).not.toThrow()
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
})
