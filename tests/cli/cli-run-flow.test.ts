import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { runCli, stopAllClis } from '../support/cli-process'
import { JourneyTarget } from '../support/journey-target'

/** `stampede run FLOW.yaml`: the built CLI runs a flow file against the local shop, or refuses it having sent nothing. */

const folder = mkdtempSync(join(tmpdir(), 'stampede-cli-flow-'))
const targets: JourneyTarget[] = []
afterEach(async () => {
  await stopAllClis()
  await Promise.all(targets.splice(0).map((target) => target.close()))
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

async function shop(): Promise<JourneyTarget> {
  const target = await JourneyTarget.start()
  targets.push(target)
  return target
}

function write(name: string, text: string): string {
  const path = join(folder, name)
  writeFileSync(path, text)
  return path
}

const FLOW = (url: string, tokenVariable = 'token'): string => `stampede: 2
name: Log in and look
data: { file: users.csv }
steps:
  - name: log in
    method: POST
    url: "${url}/login"
    body: '{"user": "{{username}}"}'
    capture: { token: json $.token, session: header x-session }
  - name: item
    url: "${url}/items/1"
    headers: { Authorization: "Bearer {{${tokenVariable}}}", x-session: "{{session}}" }
    check: [status == 200]
load:
  connections: 2
  iterations: 4
`

describe('stampede run with a flow file', () => {
  it('runs the flow, -i replacing the iterations, with its data file beside it', async () => {
    const target = await shop()
    write('users.csv', 'username\nada\nbob\n')
    const exit = await runCli(['run', write('flow.yaml', FLOW(target.url)), '-i', '6', '--json'])

    expect(exit.code).toBe(0)
    expect(target.counts.logins).toBe(6)
    expect(target.count(target.counts.valid, '/items')).toBe(6)
    expect(target.count(target.counts.stale, '/items')).toBe(0)
  })

  it.each([
    ['an undefined variable', FLOW('URL', 'tokn'), 'users.csv', 'username\nada\n', /flow\.yaml, line 12, step 2 "item" \(steps\[1\]\.headers\.Authorization\): \{\{tokn\}\} is not defined/],
    ['a missing data file', FLOW('URL'), 'other.csv', 'username\nada\n', /flow\.yaml, line 3 \(data\.file\): cannot read the data file users\.csv: there is no such file\./],
    ['an empty data file', FLOW('URL'), 'users.csv', '', /flow\.yaml, line 3 \(data\.file\): users\.csv: the data file is empty\./],
    ['a broken data file', FLOW('URL'), 'users.csv', 'username,password\nada,1\nbob,2,3\n', /flow\.yaml, line 3 \(data\.file\): users\.csv, line 3: /]
  ])('exits 2 for %s, naming file, line, step and key, and sends nothing', async (_, flow, dataName, data, message) => {
    const target = await shop()
    const sub = mkdtempSync(join(folder, 'case-'))
    writeFileSync(join(sub, dataName), data)
    const path = join(sub, 'flow.yaml')
    writeFileSync(path, flow.replaceAll('URL', target.url))
    const exit = await runCli(['run', path])

    expect(exit.code).toBe(2)
    expect(exit.stdout).toBe('')
    expect(exit.stderr.split('\n')[0].replace(`${sub}/`, '')).toMatch(message)
    expect([...target.counts.received.values()].reduce((a, b) => a + b, 0)).toBe(0)
  })

  it('exits 2 for -H with a flow file: each step has its own headers', async () => {
    const target = await shop()
    write('users.csv', 'username\nada\n')
    const exit = await runCli(['run', write('flow-h.yaml', FLOW(target.url)), '-H', 'X: y'])
    expect(exit.code).toBe(2)
    expect(exit.stderr).toContain('-H: ')
    expect(target.counts.logins).toBe(0)
  })
})
