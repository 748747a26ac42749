import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { parseAllDocuments } from 'yaml'
import { builtCli } from './cli-process'

/**
 * A Kubernetes Indexed Job played on this machine from its own manifests (what `stampede k8s`
 * printed): each pod is the container's args and env run by the built CLI, with
 * JOB_COMPLETION_INDEX set, the ConfigMap's files written where its volume is mounted (under a
 * folder of the test's), and the barrier's address given as an IP (no DNS here): pod 0 answers on
 * a loopback address of its own, 127.0.0.2. Only for tests.
 */

export interface SimulatedPod {
  index: number
  stdout: string
  stderr: string
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Kills the pod: the CLI and its engines (a process group, as a container is). */
  kill(): void
}

export const POD_ADDRESS = '127.0.0.2'

/** The parts of the manifests the simulation reads (their whole shape is checked in tests/cli/k8s-manifests.test.ts). */
interface JobManifest {
  kind: 'Job'
  spec: {
    completions: number
    template: {
      spec: {
        containers: Array<{ args: string[]; env: Array<{ name: string; value: string }>; volumeMounts: Array<{ name: string; mountPath: string }> }>
        volumes: Array<{ name: string; configMap?: { name: string; items?: Array<{ key: string; path: string }> } }>
      }
    }
  }
}
interface ConfigMapManifest {
  kind: 'ConfigMap'
  metadata: { name: string }
  data: Record<string, string>
}

export function jobOf(manifestsYaml: string): { job: JobManifest; configMap: ConfigMapManifest } {
  const documents = parseAllDocuments(manifestsYaml).map((document) => document.toJS() as { kind: string })
  const job = documents.find((document): document is JobManifest => document.kind === 'Job')
  const configMap = documents.find((document): document is ConfigMapManifest => document.kind === 'ConfigMap')
  if (!job || !configMap) throw new Error('The manifests hold no Job or no ConfigMap.')
  return { job, configMap }
}

/** A port the OS gives out on POD_ADDRESS, free again for pod 0 to listen on. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, POD_ADDRESS, resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

export function startPods(
  manifestsYaml: string,
  { folder, barrierPort, indexes }: { folder: string; barrierPort: number; indexes?: number[] }
): SimulatedPod[] {
  const { job, configMap } = jobOf(manifestsYaml)
  const podSpec = job.spec.template.spec
  const [container] = podSpec.containers
  const mount = container.volumeMounts.find((each) => {
    const volume = podSpec.volumes.find((candidate) => candidate.name === each.name)
    return volume?.configMap?.name === configMap.metadata.name
  })
  if (!mount) throw new Error('No volume mounts the ConfigMap.')
  const items = podSpec.volumes.find((volume) => volume.name === mount.name)?.configMap?.items
  const filesFolder = join(folder, 'config')
  mkdirSync(filesFolder, { recursive: true })
  // Each key at its item's path, as the kubelet projects a ConfigMap volume (every key at its own name without items).
  for (const [key, text] of Object.entries(configMap.data)) {
    const path = join(filesFolder, items?.find((item) => item.key === key)?.path ?? key)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, text)
  }
  const all = Array.from({ length: job.spec.completions }, (_, index) => index)
  return (indexes ?? all).map((index) => {
    const env: Record<string, string> = {}
    for (const { name, value } of container.env) env[name] = value
    // The one change to the manifest: the barrier's address as an IP, since nothing resolves NAME-0.NAME here.
    env.STAMPEDE_BARRIER = `${POD_ADDRESS}:${barrierPort}`
    env.JOB_COMPLETION_INDEX = String(index)
    // Kubernetes expands $(VAR) in args from the container's env; so does this.
    const args = container.args.map((arg) =>
      arg.replace(/\$\(([A-Z_][A-Z0-9_]*)\)/g, (_, name: string) => env[name] ?? '').replace(mount.mountPath, filesFolder)
    )
    return startPod(index, args, env)
  })
}

function startPod(index: number, args: string[], env: Record<string, string>): SimulatedPod {
  const child: ChildProcess = spawn(process.execPath, [builtCli(), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', ...env },
    detached: true
  })
  const pod: SimulatedPod = {
    index,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal }))),
    kill: () => {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        // The group has already gone.
      }
    }
  }
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (pod.stdout += text))
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (pod.stderr += text))
  return pod
}

/** `stampede merge - ARGS` with `input` on its stdin. */
export function mergeFromStdin(input: string, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [builtCli(), 'merge', '-', ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
  child.stdin.end(input)
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })))
}

/** Writes a file and gives its path: the test file a test runs. */
export function writeTestFile(folder: string, name: string, text: string): string {
  const path = join(folder, name)
  writeFileSync(path, text)
  return path
}
