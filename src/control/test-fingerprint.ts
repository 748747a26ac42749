import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { RunPlan } from '../shared/run-plan'

/**
 * Which test a result is of: a SHA-256 of the plan (header values and body included, hashed so none
 * is shown) and of its data file's contents, without what may differ between generators of one
 * test: the worker count, a flow's stripe of rows, and where the data file lies on each machine.
 * Keys are sorted, so the same test gives the same fingerprint however its file was written.
 * 16 hex digits: enough to tell tests apart, short enough to read.
 */
export function testFingerprint(plan: RunPlan, readData: (path: string) => Buffer = readFileSync): string {
  const { workers: _workers, flow, ...rest } = plan
  const test = flow
    ? { ...rest, flow: { ...flow, stripe: undefined, data: flow.data ? { ...flow.data, file: undefined } : undefined } }
    : rest
  const hash = createHash('sha256').update(canonicalJson(test))
  if (flow?.data) hash.update('\0').update(readData(flow.data.file))
  return hash.digest('hex').slice(0, 16)
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, each]) => each !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, each]) => `${JSON.stringify(key)}:${canonicalJson(each)}`).join(',')}}`
  }
  return JSON.stringify(value)
}
