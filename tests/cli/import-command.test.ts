import { mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, ftruncateSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { runImport, IMPORT_EXIT } from '../../src/cli/import-command'
import { parseTestFile } from '../../src/shared/test-file'
import { IMPORT_MAX_BYTES } from '../../src/shared/import/har-file'
import { harOf } from '../support/recordings/har-builder'
import { collectionV21, environmentFile } from '../support/recordings/postman-collections'
import { SHOP_JOURNEY, TOKEN } from '../support/recordings/shop-journey'

/** `stampede import` as its function runs it: what it writes, prints and exits with. */
const folder = mkdtempSync(join(tmpdir(), 'stampede-import-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

function run(...argv: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = ''
  let stderr = ''
  const status = runImport(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) })
  return { status, stdout, stderr }
}

function file(name: string, content: string | object): string {
  const path = join(folder, name)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

describe('a HAR', () => {
  const har = file('shop.har', harOf('chrome', SHOP_JOURNEY))

  test('prints a version-2 test that reads back as the flow, and the findings on stderr', () => {
    const { status, stdout, stderr } = run(har)
    expect(status).toBe(IMPORT_EXIT.imported)
    const read = parseTestFile(stdout, 'shop.stampede.yaml')
    if (!read.ok) throw new Error(read.message)
    expect(read.test.plan.flow?.steps).toHaveLength(4)
    expect(read.test.plan.iterations).toBe(1)
    expect(stdout).not.toContain(TOKEN)
    expect(stderr).toContain('Imported shop.har (HAR recording): 4 steps.')
    expect(stderr).toContain('dropped www.google-analytics.com: 1 request (analytics or CDN)')
    expect(stderr).toContain('static asset   GET https://shop.example/static/app.js?v=3')
    expect(stderr).toContain('Correlated 5 values:')
    expect(stderr).toContain('{{token}} = json $.token of step 2 (POST {{host}}/login)')
    expect(stderr).toMatch(/step 2 \(POST \{\{host\}\}\/login\) body password: STAYS IN THE FILE/)
  })

  test('-o writes the file; --host keeps another host as well as the journey', () => {
    const output = join(folder, 'out.stampede.yaml')
    const { status, stdout } = run(har, '-o', output, '--host', 'www.google-analytics.com')
    expect(status).toBe(0)
    expect(stdout).toBe('')
    const read = parseTestFile(readFileSync(output, 'utf8'), 'out.stampede.yaml')
    if (!read.ok) throw new Error(read.message)
    expect(read.test.plan.flow?.steps.map((step) => step.url)).toContain('https://www.google-analytics.com/g/collect?v=2&tid=G-12345678')
  })

  test('a --host the recording never talks to is refused, listing its hosts', () => {
    expect(run(har, '--host', 'api.other.example')).toMatchObject({ status: 2, stdout: '', stderr: expect.stringContaining('--host api.other.example: the recording sends nothing to it (its hosts: shop.example, www.google-analytics.com).') })
  })
})

test('a Postman collection with its environment', () => {
  const collection = file('shop.postman_collection.json', collectionV21('http://127.0.0.1:9'))
  const environment = file('staging.json', environmentFile())
  const { status, stdout, stderr } = run(collection, '--environment', environment)
  expect(status).toBe(0)
  const read = parseTestFile(stdout, 'x.yaml')
  if (!read.ok) throw new Error(read.message)
  expect(read.test.plan.flow?.steps.map((step) => step.name)).toEqual(['Log in', 'Create order', 'Get order', 'Upload receipt', 'Admin report'])
  expect(stderr).toContain("Log in: postman.setNextRequest('Orders') (this script line is not translated.)")
})

describe('what it refuses with exit 2, naming the file and what is wrong, writing nothing', () => {
  test.each([
    ['missing.har', undefined, 'missing.har: no such file.'],
    ['broken.har', '{"log": {"entries": [', 'broken.har: Not JSON:'],
    ['other.json', '{"hello": 1}', 'other.json: JSON, but not a HAR file'],
    ['test.yaml', 'stampede: 2\nname: x\n', 'is already a Stampede test file'],
    ['notes.txt', 'just words', 'notes.txt: not a HAR file, a Postman collection, cURL commands or a test file.']
  ])('%s', (name, content, message) => {
    const path = content === undefined ? join(folder, name) : file(name, content)
    const output = join(folder, `${name}.out.yaml`)
    const { status, stderr } = run(path, '-o', output)
    expect(status).toBe(IMPORT_EXIT.usage)
    expect(stderr).toContain(message)
    expect(() => readFileSync(output)).toThrow()
  })

  test('a file past the limit is refused by its size, never read', () => {
    const path = join(folder, 'huge.har')
    const handle = openSync(path, 'w')
    // A sparse file: the size is there, the bytes are not, so nothing but a stat could read it quickly.
    ftruncateSync(handle, IMPORT_MAX_BYTES + 1)
    closeSync(handle)
    const { status, stderr } = run(path)
    expect(status).toBe(2)
    expect(stderr).toContain('is more than an import reads')
  })

  test('bad arguments', () => {
    expect(run().status).toBe(2)
    expect(run('a', 'b').stderr).toContain('give one file to import')
    expect(run('--nope', 'a').stderr).toContain("Unknown option '--nope'")
  })
})
