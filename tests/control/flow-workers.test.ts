import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { dataFileReader } from '../../src/control/data-file'
import { splitPlan } from '../../src/control/plan-shares'
import { RunController } from '../../src/control/run-controller'
import { decodeHistogram } from '../../src/engine/latency-histogram'
import type { RunPlan } from '../../src/shared/run-plan'
import { parseTestFile } from '../../src/shared/test-file'
import { engineSpawner } from '../support/child-processes'
import { JourneyTarget } from '../support/journey-target'
import { RunRecorder } from '../support/run-recorder'

/** A flow split between two real engine processes: rows dealt by the stripe, figures merged exactly. */

let controller: RunController | undefined
const targets: JourneyTarget[] = []
afterEach(async () => {
  await controller?.dispose()
  controller = undefined
  await Promise.all(targets.splice(0).map((target) => target.close()))
})

const folder = mkdtempSync(join(tmpdir(), 'stampede-flow-workers-'))

function planOf(yaml: string, users: string): RunPlan {
  writeFileSync(join(folder, 'users.csv'), users)
  const read = parseTestFile(yaml, 'flow.yaml', { readData: dataFileReader(join(folder, 'flow.yaml')) })
  if (!read.ok) throw new Error(read.message)
  return read.test.plan
}

const flow = (url: string, order: string, load: string): string => `stampede: 2
name: Unique users
data: { file: users.csv, order: ${order} }
steps:
  - name: log in
    method: POST
    url: "${url}/login"
    body: '{"user": "{{username}}"}'
    capture: { token: json $.token, session: header x-session }
    check: [status == 200]
  - name: item
    url: "${url}/items/{{$iteration}}"
    headers: { Authorization: "Bearer {{token}}", x-session: "{{session}}" }
    check: [status == 200]
load:
${load}
`

const users = (count: number): string => `username\n${Array.from({ length: count }, (_, index) => `user${index}`).join('\n')}\n`

async function runOnTwoWorkers(plan: RunPlan) {
  const spawner = engineSpawner()
  controller = new RunController({ spawnEngine: () => spawner.spawn(), workers: 2 })
  const recorder = new RunRecorder(controller)
  const reply = await controller.start(plan)
  if (!reply.ok) throw new Error(reply.message)
  return recorder.done(reply.runId)
}

describe('a flow on two workers', () => {
  it('uses each row of a unique data file exactly once across both, and ends the run when the rows run out', async () => {
    const target = await JourneyTarget.start()
    targets.push(target)
    const result = await runOnTwoWorkers(planOf(flow(target.url, 'unique', '  connections: 4\n  iterations: 1000'), users(7)))

    expect(result.outcome).toBe('finished')
    expect(target.counts.logins).toBe(7)
    expect([...target.counts.loginsByUser.values()]).toEqual([1, 1, 1, 1, 1, 1, 1])
    expect([...target.counts.loginsByUser.keys()].sort()).toEqual(['user0', 'user1', 'user2', 'user3', 'user4', 'user5', 'user6'])
    expect(result.iterations).toMatchObject({ started: 7, completed: 7, failed: 0, rowsUsedUp: true })
    expect(target.count(target.counts.valid, '/items')).toBe(7)
    expect(target.count(target.counts.stale, '/items')).toBe(0)
  })

  it("merges each step's counts, checks and histograms exactly: they add up to what the server saw", async () => {
    const target = await JourneyTarget.start({ itemsFailEvery: 4 })
    targets.push(target)
    const result = await runOnTwoWorkers(planOf(flow(target.url, 'sequential', '  connections: 4\n  iterations: 40'), users(3)))

    expect(result.iterations).toMatchObject({ started: 40, completed: 40 })
    expect(result.iterations?.rowsUsedUp).toBeUndefined()
    const [login, item] = result.steps ?? []
    expect(login).toMatchObject({ name: 'log in', done: 40, statusCodes: { '200': 40 } })
    const sent = target.counts.statusesSent.get('/items') ?? {}
    expect(item.statusCodes).toEqual(sent)
    expect(item.checks).toEqual([{ check: 'status == 200', passed: sent['200'], failed: sent['500'] }])
    expect(result.checks).toEqual({ passed: 40 + sent['200'], failed: sent['500'] })
    expect(decodeHistogram(item.histogram!).totalCount).toBe(40)
    expect(decodeHistogram(result.iterations!.histogram!).totalCount).toBe(40)
    // The run's request figures are the sum over the steps.
    expect(result.done).toBe(80)
  })
})

describe('splitPlan for a flow', () => {
  const plan = (iterations: number, rows: number): RunPlan =>
    planOf(flow('http://127.0.0.1:9', 'unique', `  connections: 10\n  iterations: ${iterations}`), users(rows))

  it('deals rows, iterations and virtual users by one stripe, nested inside a segment', () => {
    const shares = splitPlan(plan(10, 9), 3)
    expect(shares.map((share) => share.flow?.stripe)).toEqual([
      { offset: 0, step: 3 },
      { offset: 1, step: 3 },
      { offset: 2, step: 3 }
    ])
    expect(shares.map((share) => share.iterations)).toEqual([4, 3, 3])
    expect(shares.map((share) => share.concurrency)).toEqual([4, 3, 3])
    const segment = { ...plan(10, 9), flow: { ...plan(10, 9).flow!, stripe: { offset: 1, step: 2 } } }
    expect(splitPlan(segment, 2).map((share) => share.flow?.stripe)).toEqual([
      { offset: 1, step: 4 },
      { offset: 3, step: 4 }
    ])
  })

  it('never gives a worker no row', () => {
    expect(splitPlan(plan(10, 2), 4)).toHaveLength(2)
  })
})
