import { runLengthMs, type RunPlan } from '../shared/run-plan'

/**
 * The manifests of a test run on Kubernetes (docs/distributed.md): a ConfigMap with the test file,
 * a headless Service for the start barrier, and an Indexed Job whose pod K - 1 runs segment K of N.
 * Plain objects, printed as YAML by ./k8s-command.ts and validated against Kubernetes' schemas in
 * tests/cli/k8s-manifests.test.ts.
 */

export interface K8sOptions {
  name: string
  namespace?: string
  generators: number
  image: string
  cpu: string
  memory: string
  barrierTimeoutMs: number
  /** The test file first, then its data file: each one's ConfigMap key, its path under the mount, its text. */
  files: Array<{ key: string; path: string; text: string }>
  plan: RunPlan
}

export const BARRIER_PORT = 7070
export const CONTAINER_NAME = 'stampede'
export const TEST_MOUNT = '/etc/stampede'
/** Time for images to pull and pods to schedule before the barrier's own wait: part of the Job's deadline. */
export const STARTUP_BUDGET_S = 300
/** With no duration to go by (a count of requests alone), the Job's deadline allows this long a run. */
export const UNBOUNDED_RUN_S = 3600
/** A finished Job and its pods' logs stay this long, to be collected. */
export const KEEP_FINISHED_S = 86_400

type Manifest = Record<string, unknown>

export function k8sManifests(options: K8sOptions): Manifest[] {
  const { name, generators } = options
  const labels = { 'app.kubernetes.io/name': 'stampede', 'app.kubernetes.io/instance': name }
  const metadata = { name, ...(options.namespace ? { namespace: options.namespace } : {}), labels }
  const lengthMs = runLengthMs(options.plan)
  const runS = lengthMs === undefined ? UNBOUNDED_RUN_S : Math.ceil(lengthMs / 1000)
  // The run, its last requests' timeout, the barrier's wait and the pods' start-up.
  const deadlineS = runS + Math.ceil(options.plan.timeoutMs / 1000) + Math.ceil(options.barrierTimeoutMs / 1000) + STARTUP_BUDGET_S
  const resources = { cpu: options.cpu, memory: options.memory }
  // One engine per whole CPU granted: Node counts the node's cores, not the pod's share of them.
  const workers = Math.max(1, Math.floor(cpuCores(options.cpu)))
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: Object.fromEntries(options.files.map((file) => [file.key, file.text])) }
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata,
    spec: {
      // Headless: NAME-0.NAME resolves to pod 0 (the Job sets each pod's hostname and subdomain).
      clusterIP: 'None',
      selector: { 'job-name': name },
      // Segment 1 answers before it is Ready: it has no readiness probe to pass.
      publishNotReadyAddresses: true,
      ports: [{ name: 'barrier', port: BARRIER_PORT, targetPort: BARRIER_PORT, protocol: 'TCP' }]
    }
  }
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata,
    spec: {
      completionMode: 'Indexed',
      completions: generators,
      parallelism: generators,
      // A retried generator would send its share twice: one try, and any failure fails the Job.
      backoffLimit: 0,
      podFailurePolicy: {
        rules: [
          { action: 'FailJob', onPodConditions: [{ type: 'DisruptionTarget' }] },
          { action: 'FailJob', onExitCodes: { containerName: CONTAINER_NAME, operator: 'NotIn', values: [0] } }
        ]
      },
      activeDeadlineSeconds: deadlineS,
      ttlSecondsAfterFinished: KEEP_FINISHED_S,
      template: {
        metadata: { labels },
        spec: {
          subdomain: name,
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'kubernetes.io/hostname',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: { 'job-name': name } }
            }
          ],
          containers: [
            {
              name: CONTAINER_NAME,
              image: options.image,
              args: [
                'run',
                `${TEST_MOUNT}/${options.files[0].path}`,
                '--segments',
                String(generators),
                '--barrier',
                '$(STAMPEDE_BARRIER)',
                '--barrier-timeout',
                `${Math.ceil(options.barrierTimeoutMs / 1000)}s`,
                '--workers',
                String(workers)
              ],
              env: [{ name: 'STAMPEDE_BARRIER', value: `${name}-0.${name}:${BARRIER_PORT}` }],
              ports: [{ name: 'barrier', containerPort: BARRIER_PORT, protocol: 'TCP' }],
              resources: { requests: resources, limits: resources },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                capabilities: { drop: ['ALL'] }
              },
              volumeMounts: [
                { name: 'test', mountPath: TEST_MOUNT, readOnly: true },
                { name: 'tmp', mountPath: '/tmp' }
              ]
            }
          ],
          volumes: [
            // Each file at its path: a data file may sit in a folder below the test file's.
            { name: 'test', configMap: { name, items: options.files.map(({ key, path }) => ({ key, path })) } },
            { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }
          ]
        }
      }
    }
  }
  return [configMap, service, job]
}

/** "500m" is half a core, "2" two. */
export function cpuCores(cpu: string): number {
  return cpu.endsWith('m') ? Number(cpu.slice(0, -1)) / 1000 : Number(cpu)
}
