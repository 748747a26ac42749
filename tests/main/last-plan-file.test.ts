import { mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LAST_PLAN_FILE_NAME, LastPlanFile } from '../../src/main/last-plan-file'
import { PLAN_LIMITS } from '../../src/shared/run-plan'
import { planOf } from '../support/plans'

let folder: string
let file: LastPlanFile

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'stampede-last-plan-'))
  file = new LastPlanFile(join(folder, 'user-data'))
})

afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

const plan = planOf({
  url: 'http://127.0.0.1:8080/api?x=1',
  method: 'PUT',
  headers: [['Content-Type', 'application/json']],
  body: '{"a":1}',
  durationMs: 5000,
  concurrency: 3,
  ratePerSecond: 200,
  workers: 2
})

const writeRaw = async (text: string): Promise<void> => {
  await mkdir(join(folder, 'user-data'), { recursive: true })
  await writeFile(file.path, text)
}

describe('LastPlanFile', () => {
  it('has nothing to say the first time: no file, no plan, no message', async () => {
    expect(await file.load()).toEqual({})
  })

  it('gives back the plan it saved, creating the folder, and leaves no partial file behind', async () => {
    await file.save(plan)
    expect(await file.load()).toEqual({ plan })
    expect(await readdir(join(folder, 'user-data'))).toEqual([LAST_PLAN_FILE_NAME])
  })

  it('keeps the last of several quick saves', async () => {
    const saves = [1, 2, 3].map((concurrency) => file.save({ ...plan, concurrency }))
    await Promise.all(saves)
    expect((await file.load()).plan?.concurrency).toBe(3)
  })

  const ignored: Array<[string, string, RegExp]> = [
    ['not JSON', '{"version": 1, "plan": {', /it is not valid JSON/],
    ['JSON but not an object', '"http://127.0.0.1/"', /not a plan saved by this version/],
    ['another version', JSON.stringify({ version: 99, plan }), /not a plan saved by this version/],
    ['a plan for a file: URL', JSON.stringify({ version: 1, plan: { ...plan, url: 'file:///etc/passwd' } }), /its plan is not valid: Only http:\/\/ and https:\/\//],
    [
      'a header that smuggles a second one',
      JSON.stringify({ version: 1, plan: { ...plan, headers: [['X-A', 'b\r\nHost: evil']] } }),
      /its plan is not valid: The value of X-A contains a line break/
    ],
    ['a key of its own', JSON.stringify({ version: 1, plan: { ...plan, __proto__: { polluted: true }, shell: 'rm -rf /' } }), /Unknown settings: shell/],
    ['too many workers', JSON.stringify({ version: 1, plan: { ...plan, workers: 100_000 } }), /Workers can be at most 256/]
  ]

  it.each(ignored)('ignores a file that is %s, saying why and where', async (_label, text, reason) => {
    await writeRaw(text)
    const reply = await file.load()
    expect(reply.plan).toBeUndefined()
    expect(reply.message).toMatch(reason)
    expect(reply.message).toContain(file.path)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('ignores a file far larger than any plan without reading it', async () => {
    await writeRaw('')
    await truncate(file.path, 4 * PLAN_LIMITS.bodyBytes + 1)
    expect((await file.load()).message).toMatch(/it is larger than any plan/)
  })

  it('ignores a path it cannot read as a file', async () => {
    await mkdir(file.path, { recursive: true })
    expect((await file.load()).message).toMatch(/it cannot be read \(EISDIR\)/)
  })

  it('leaves the previous plan whole when a save cannot be written', async () => {
    await file.save(plan)
    await mkdir(`${file.path}.partial`)
    await expect(file.save({ ...plan, concurrency: 9 })).rejects.toThrow()
    expect(JSON.parse(await readFile(file.path, 'utf8')).plan.concurrency).toBe(3)
  })
})
