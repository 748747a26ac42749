import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tryOnce } from '../../src/control/try-once'
import type { StepDefinition } from '../../src/shared/flow/flow-definition'
import { checkRunPlan } from '../../src/shared/validation'
import type { RunPlan } from '../../src/shared/run-plan'
import { closedPortUrl, startTargetServer, type TargetServer } from '../support/target-server'
import { tokenService } from '../support/token-service'

const step = (fields: Partial<StepDefinition> & Pick<StepDefinition, 'url'>): StepDefinition => ({
  method: 'GET',
  headers: [],
  captures: [],
  checks: [],
  thresholds: [],
  ...fields
})

const servers: TargetServer[] = []
const folders: string[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function validPlan(input: unknown): RunPlan {
  const check = checkRunPlan(input)
  if (!check.ok) throw new Error(JSON.stringify(check.errors))
  return check.plan
}

function threeSteps(base: string, dataFile: string): RunPlan {
  return validPlan({
    url: `${base}login`,
    iterations: 50,
    concurrency: 1,
    flow: {
      variables: [['base', base]],
      data: { file: dataFile, order: 'sequential', columns: ['user'], rows: 2 },
      steps: [
        step({ name: 'log in', method: 'POST', url: '{{base}}login', captures: [{ variable: 'token', source: 'json', expression: '$.token' }], checks: ['status == 200'] }),
        step({
          name: 'profile',
          url: '{{base}}profile',
          headers: [
            ['Authorization', 'Bearer {{token}}'],
            ['X-User', '{{user}}']
          ],
          captures: [{ variable: 'session', source: 'header', expression: 'X-Session' }],
          checks: ['status == 200', 'json $.user == "nobody"']
        }),
        step({ name: 'orders', url: '{{base}}orders', headers: [['X-Session', '{{session}}']], checks: ['body contains "orders"'] })
      ]
    }
  })
}

describe('tryOnce', () => {
  it('sends one iteration, the first data row, and shows each request as sent, each capture and each check', async () => {
    const service = tokenService()
    const server = await startTargetServer(service.respond)
    servers.push(server)
    const folder = mkdtempSync(join(tmpdir(), 'stampede-try-once-'))
    folders.push(folder)
    const dataFile = join(folder, 'users.csv')
    writeFileSync(dataFile, 'user\nada\nbob\n')

    const outcome = await tryOnce(threeSteps(server.url, dataFile))
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems))
    const { result } = outcome

    // The server's count: three requests, each bringing a value it issued.
    expect(server.received).toBe(3)
    expect(service.fresh).toEqual({ '/login': 1, '/profile': 1, '/orders': 1 })
    expect(service.refused).toEqual({})
    expect(service.users).toEqual(['ada'])

    expect(result.dataRow).toEqual({ user: 'ada' })
    expect(result.stoppedEarly).toBeUndefined()
    expect(result.steps.map((tried) => tried.name)).toEqual(['log in', 'profile', 'orders'])
    const [login, profile, orders] = result.steps
    const token = login.captures[0].value
    expect(token).toMatch(/^[0-9a-f-]{36}$/)
    expect(login.response?.status).toBe(200)
    expect(login.checks).toEqual([{ check: 'status == 200', passed: true }])
    expect(profile.request.url).toBe(`${server.url}profile`)
    expect(profile.request.headers).toContainEqual(['Authorization', `Bearer ${token}`])
    expect(profile.request.headers).toContainEqual(['X-User', 'ada'])
    expect(profile.captures[0]).toMatchObject({ variable: 'session', capture: 'header X-Session' })
    expect(profile.response?.headers).toContainEqual(['x-session', profile.captures[0].value])
    // A check that fails is shown failed, and the iteration goes on.
    expect(profile.checks).toEqual([
      { check: 'status == 200', passed: true },
      { check: 'json $.user == "nobody"', passed: false }
    ])
    expect(orders.request.headers).toContainEqual(['X-Session', profile.captures[0].value])
    expect(orders.response).toMatchObject({ status: 200, body: '{"orders":[1,2,3]}', bodyCut: false })
  })

  it('stops at a capture that finds nothing, says why, and sends nothing after it', async () => {
    const server = await startTargetServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"other":1}'))
    servers.push(server)
    const plan = validPlan({
      url: server.url,
      iterations: 10,
      concurrency: 1,
      flow: {
        variables: [],
        steps: [
          step({ url: `${server.url}a`, captures: [{ variable: 'token', source: 'json', expression: '$.token' }] }),
          step({ url: `${server.url}b?t={{token}}` })
        ]
      }
    })
    const outcome = await tryOnce(plan)
    if (!outcome.ok) throw new Error('refused')
    expect(server.received).toBe(1)
    expect(outcome.result.steps).toHaveLength(1)
    expect(outcome.result.steps[0].captures).toEqual([{ variable: 'token', capture: 'json $.token', why: '$.token found nothing' }])
    expect(outcome.result.stoppedEarly).toMatch(/capture token found nothing/)
  })

  it('a step with no response says why and ends the iteration', async () => {
    const url = await closedPortUrl()
    const outcome = await tryOnce(validPlan({ url, totalRequests: 5, concurrency: 1 }))
    if (!outcome.ok) throw new Error('refused')
    expect(outcome.result.steps).toHaveLength(1)
    expect(outcome.result.steps[0].error).toMatch(/ECONNREFUSED/)
    expect(outcome.result.stoppedEarly).toMatch(/got no response/)
  })
})
