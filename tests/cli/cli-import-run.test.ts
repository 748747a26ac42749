import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseJsonOutput, runCli, stopAllClis } from '../support/cli-process'
import { RecordedShop } from '../support/recorded-shop'
import { recordShopJourney } from '../support/recordings/shop-recording'
import { startTargetServer, type TargetServer } from '../support/target-server'

/**
 * The import's end-to-end proof: a journey recorded against a local shop that issues a fresh CSRF
 * value, token, session and cookie on every log-in, with the noise a page has (its script and
 * logo, an analytics beacon on another host), imported by the built CLI and run for several
 * iterations. The shop counts every later request of the run that carried values of a log-in of
 * the run (fresh) and every one that carried a recorded or foreign value (stale); the beacon's
 * server counts what reached it.
 */
const ITERATIONS = 5
const folder = mkdtempSync(join(tmpdir(), 'stampede-import-run-'))
let shop: RecordedShop
let beacon: TargetServer

beforeEach(async () => {
  shop = await RecordedShop.start()
  beacon = await startTargetServer()
})
afterEach(async () => {
  await stopAllClis()
  await shop.close()
  await beacon.close()
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** The journey recorded, its HAR written into the test's folder. */
async function recordJourney(): Promise<string> {
  const path = join(folder, 'shop.har')
  writeFileSync(path, JSON.stringify(await recordShopJourney(shop, beacon.url)))
  return path
}

describe('a HAR recorded against the shop, imported and run', () => {
  it(`sends a fresh value in every later request of ${ITERATIONS} iterations, never a recorded one, and nothing to the noise`, async () => {
    const har = await recordJourney()
    const beaconBefore = beacon.received
    const testFile = join(folder, 'shop.stampede.yaml')
    const imported = await runCli(['import', har, '-o', testFile])
    expect(imported.code, imported.stderr).toBe(0)
    expect(imported.stderr).toContain('Correlated 5 values:')

    shop.phase = 'run'
    const run = await runCli(['run', testFile, '-i', String(ITERATIONS), '--json'])
    expect(run.code, run.stderr).toBe(0)

    // The shop's own counts: each iteration logged in anew, and each later request carried that log-in's values.
    expect(shop.runLogins).toBe(ITERATIONS)
    for (const route of ['/login', '/api/orders', '/api/orders/:id']) {
      expect(shop.count(shop.fresh, route), route).toBe(ITERATIONS)
      expect(shop.count(shop.stale, route), route).toBe(0)
    }
    expect(shop.count(shop.runRequests, '/static')).toBe(0)
    expect(beacon.received - beaconBefore).toBe(0)
    // What the CLI says of the run agrees: the four steps of each iteration sent and answered.
    const result = parseJsonOutput<{ requests: { sent: number }; responses: { ok: number } }>(run)
    expect(result.requests.sent).toBe(4 * ITERATIONS)
    expect(result.responses.ok).toBe(4 * ITERATIONS)
    expect(readFileSync(testFile, 'utf8')).not.toMatch(/tok-\d|sess-\d|ck-\d/)
  })

  it('the same recording with its correlations left out would be refused by the shop: the proof can fail', async () => {
    const har = await recordJourney()
    const recorded = readFileSync(har, 'utf8')
    // A HAR with no response bodies or headers: nothing to correlate, the recorded values replayed.
    const stripped = JSON.parse(recorded) as { log: { entries: Array<{ response: { headers: unknown[]; content: { text?: string } } }> } }
    for (const entry of stripped.log.entries) {
      entry.response.headers = []
      delete entry.response.content.text
    }
    writeFileSync(har, JSON.stringify(stripped))
    const testFile = join(folder, 'literal.stampede.yaml')
    expect((await runCli(['import', har, '-o', testFile])).code).toBe(0)
    shop.phase = 'run'
    const run = await runCli(['run', testFile, '-i', '2', '--json'])
    expect(run.code).toBe(0)
    expect(shop.count(shop.stale, '/login')).toBe(2)
    expect(shop.count(shop.fresh, '/api/orders')).toBe(0)
  })
})

describe('a Postman collection whose log-in script sets the token, imported and run', () => {
  it("sends the token and session of each iteration's own log-in", async () => {
    const collection = {
      info: { name: 'Shop API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      variable: [{ key: 'baseUrl', value: shop.url }],
      item: [
        {
          name: 'Log in',
          event: [{ listen: 'test', script: { exec: ["pm.environment.set('token', pm.response.json().data.token);", "pm.environment.set('session', pm.response.headers.get('X-Session'));", 'pm.response.to.have.status(200);'] } }],
          request: { method: 'POST', header: [{ key: 'Content-Type', value: 'application/json' }], body: { mode: 'raw', raw: '{"user": "alice"}' }, url: '{{baseUrl}}/api/login' }
        },
        {
          name: 'Profile',
          event: [{ listen: 'test', script: { exec: ['pm.expect(pm.response.code).to.eql(200);', "pm.expect(pm.response.text()).to.include('alice');"] } }],
          request: { auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}' }] }, method: 'GET', header: [{ key: 'X-Session', value: '{{session}}' }], url: '{{baseUrl}}/api/profile' }
        }
      ]
    }
    const path = join(folder, 'shop.postman_collection.json')
    writeFileSync(path, JSON.stringify(collection))
    const testFile = join(folder, 'postman.stampede.yaml')
    const imported = await runCli(['import', path, '-o', testFile])
    expect(imported.code, imported.stderr).toBe(0)

    shop.phase = 'run'
    const run = await runCli(['run', testFile, '-i', String(ITERATIONS), '--json'])
    expect(run.code, run.stderr).toBe(0)
    expect(shop.runLogins).toBe(ITERATIONS)
    expect(shop.count(shop.fresh, '/api/profile')).toBe(ITERATIONS)
    expect(shop.count(shop.stale, '/api/profile')).toBe(0)
    const result = parseJsonOutput<{ requests: { sent: number }; responses: { ok: number } }>(run)
    expect(result.responses.ok).toBe(2 * ITERATIONS)
  })
})
