import { describe, expect, it } from 'vitest'
import type { FileDestinations, FileFilter } from '../../src/main/file-destinations'
import { createTestFileHandlers, testFileName } from '../../src/main/test-file-handlers'
import type { TestDefinition } from '../../src/shared/saved-test'
import { parseTestFile, TEST_FILE_MAX_BYTES } from '../../src/shared/test-file'
import { planOf } from '../support/plans'

const TEST: TestDefinition = {
  name: 'Checkout',
  plan: planOf({ url: 'http://127.0.0.1:8080/checkout', method: 'POST', body: '{"sku":42}', totalRequests: 20, concurrency: 2 }),
  thresholds: ['p99<250ms']
}

/** Dialogs that answer as told, and a disk that remembers what was written and serves what it holds. */
function fakeDestinations({ savePath, openPath, files = {} }: { savePath?: string; openPath?: string; files?: Record<string, string> }) {
  const saveDialogs: Array<{ defaultName: string; filters: FileFilter[] }> = []
  const openDialogs: FileFilter[][] = []
  const reads: Array<{ path: string; maxBytes: number }> = []
  const written = new Map<string, string>()
  const destinations: FileDestinations = {
    chooseSavePath: async (defaultName, filters) => {
      saveDialogs.push({ defaultName, filters })
      return savePath
    },
    chooseOpenPath: async (filters) => {
      openDialogs.push(filters)
      return openPath
    },
    writeFile: async (path, text) => {
      if (path.startsWith('/read-only/')) throw new Error('EACCES: permission denied')
      written.set(path, text)
    },
    readFile: async (path, maxBytes) => {
      reads.push({ path, maxBytes })
      const text = files[path]
      if (text === undefined) throw new Error(`ENOENT: no such file, open '${path}'`)
      return text
    },
    writeClipboard: () => {
      throw new Error('not used')
    }
  }
  return { destinations, saveDialogs, openDialogs, reads, written }
}

const YAML_AND_JSON: FileFilter[] = [
  { name: 'YAML test file', extensions: ['yaml', 'yml'] },
  { name: 'JSON test file', extensions: ['json'] }
]

describe('exportTestFile', () => {
  it('offers the test name as the file name and writes YAML that reads back as the test', async () => {
    const fakes = fakeDestinations({ savePath: '/tests/checkout.stampede.yaml' })
    const reply = await createTestFileHandlers(fakes.destinations).exportTestFile(TEST)

    expect(reply).toEqual({ ok: true, saved: '/tests/checkout.stampede.yaml' })
    expect(fakes.saveDialogs).toEqual([{ defaultName: 'checkout.stampede.yaml', filters: YAML_AND_JSON }])
    const text = fakes.written.get('/tests/checkout.stampede.yaml') ?? ''
    expect(text).toContain('stampede: 2\nname: Checkout\n')
    expect(parseTestFile(text, 'checkout.stampede.yaml')).toEqual({ ok: true, test: TEST })
  })

  it('writes JSON when the chosen name ends .json', async () => {
    const fakes = fakeDestinations({ savePath: '/tests/checkout.JSON' })
    await createTestFileHandlers(fakes.destinations).exportTestFile(TEST)

    const text = fakes.written.get('/tests/checkout.JSON') ?? ''
    expect(JSON.parse(text)).toMatchObject({ stampede: 2, name: 'Checkout', steps: [{ method: 'POST' }] })
    expect(parseTestFile(text, 'checkout.json')).toEqual({ ok: true, test: TEST })
  })

  it('writes nothing when the dialog is dismissed, and says nothing', async () => {
    const fakes = fakeDestinations({ savePath: undefined })
    expect(await createTestFileHandlers(fakes.destinations).exportTestFile(TEST)).toEqual({ ok: true })
    expect(fakes.written.size).toBe(0)
  })

  it('refuses an invalid test before any dialog, saying why', async () => {
    const fakes = fakeDestinations({ savePath: '/tests/x.yaml' })
    const handlers = createTestFileHandlers(fakes.destinations)
    const badPlan = { ...TEST, plan: { ...TEST.plan, concurrency: 0 } }

    expect(await handlers.exportTestFile(badPlan)).toEqual({ ok: false, message: 'The test was not exported: Concurrency must be at least 1.' })
    expect(await handlers.exportTestFile({ ...TEST, name: ' ' })).toEqual({ ok: false, message: 'The test was not exported: Give the test a name.' })
    expect(await handlers.exportTestFile('checkout.yaml')).toEqual({
      ok: false,
      message: 'The test was not exported: A test is an object with a name, a plan and thresholds.'
    })
    expect(fakes.saveDialogs).toEqual([])
  })

  it('says so when the file cannot be written', async () => {
    const fakes = fakeDestinations({ savePath: '/read-only/checkout.yaml' })
    expect(await createTestFileHandlers(fakes.destinations).exportTestFile(TEST)).toEqual({
      ok: false,
      message: 'checkout.yaml could not be written: EACCES: permission denied'
    })
  })

  it('refuses a stray second argument', async () => {
    const exportTestFile = createTestFileHandlers(fakeDestinations({}).destinations).exportTestFile as (...args: unknown[]) => Promise<unknown>
    await expect(exportTestFile(TEST, '/etc/passwd')).rejects.toThrow('exportTestFile takes 1 argument(s), got 2.')
  })
})

describe('importTestFile', () => {
  const YAML = 'stampede: 1\nname: Health\nrequest:\n  url: http://127.0.0.1:8080/health\nload:\n  requests: 100\n'

  it('reads the chosen file with a size cap and answers with its test and the file', async () => {
    const fakes = fakeDestinations({ openPath: '/repo/health.stampede.yaml', files: { '/repo/health.stampede.yaml': YAML } })
    const reply = await createTestFileHandlers(fakes.destinations).importTestFile()

    expect(reply).toEqual({
      ok: true,
      file: '/repo/health.stampede.yaml',
      test: { name: 'Health', plan: planOf({ url: 'http://127.0.0.1:8080/health', totalRequests: 100, concurrency: 50 }), thresholds: [] }
    })
    expect(fakes.openDialogs).toEqual([YAML_AND_JSON])
    expect(fakes.reads).toEqual([{ path: '/repo/health.stampede.yaml', maxBytes: TEST_FILE_MAX_BYTES }])
    expect(TEST_FILE_MAX_BYTES).toBe(1024 * 1024)
  })

  it('answers a bad file with its message, naming the file, the line and the key', async () => {
    const fakes = fakeDestinations({ openPath: '/repo/health.yaml', files: { '/repo/health.yaml': YAML.replace('requests: 100', 'requests: 0') } })
    expect(await createTestFileHandlers(fakes.destinations).importTestFile()).toEqual({
      ok: false,
      message: 'health.yaml, line 6 (load.requests): Number of requests must be at least 1.'
    })
  })

  it('says so when the file cannot be read (missing, or too large to be a test file)', async () => {
    const fakes = fakeDestinations({ openPath: '/repo/gone.yaml' })
    expect(await createTestFileHandlers(fakes.destinations).importTestFile()).toEqual({
      ok: false,
      message: "gone.yaml could not be read: ENOENT: no such file, open '/repo/gone.yaml'"
    })
  })

  it('reads nothing when the dialog is dismissed, and says nothing', async () => {
    const fakes = fakeDestinations({ openPath: undefined })
    expect(await createTestFileHandlers(fakes.destinations).importTestFile()).toEqual({ ok: true })
    expect(fakes.reads).toEqual([])
  })

  it('refuses any argument: the page names no path', async () => {
    const importTestFile = createTestFileHandlers(fakeDestinations({}).destinations).importTestFile as (...args: unknown[]) => Promise<unknown>
    await expect(importTestFile('/etc/passwd')).rejects.toThrow('importTestFile takes 0 argument(s), got 1.')
  })
})

describe('testFileName', () => {
  it.each([
    ['Checkout', 'checkout.stampede.yaml'],
    ['Checkout: p99 under load!', 'checkout-p99-under-load.stampede.yaml'],
    ['Café crème', 'cafe-creme.stampede.yaml'],
    ['../../etc/passwd', 'etc-passwd.stampede.yaml'],
    ['日本語', 'test.stampede.yaml']
  ])('names the file for %j: %s', (name, fileName) => {
    expect(testFileName(name)).toBe(fileName)
  })
})
