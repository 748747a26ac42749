import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DIALOG_FOLDERS_FILE, DialogFolders } from '../../src/main/dialog-folders'

let folder: string
let file: string
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'stampede-dialog-folders-'))
  file = join(folder, DIALOG_FOLDERS_FILE)
})
afterEach(() => rmSync(folder, { recursive: true, force: true }))

describe('DialogFolders', () => {
  it('remembers the folder of each kind apart, in its file', () => {
    const folders = new DialogFolders(file)
    expect(folders.last('report')).toBeUndefined()
    folders.remember('report', '/home/a/reports/run.html')
    folders.remember('test-file', '/home/a/tests/checkout.stampede.yaml')
    expect(folders.last('report')).toBe('/home/a/reports')
    expect(folders.last('result')).toBeUndefined()
    expect(new DialogFolders(file).last('test-file')).toBe('/home/a/tests')
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ report: '/home/a/reports', 'test-file': '/home/a/tests' })
  })

  it.each([
    ['not JSON', '{'],
    ['a relative folder', JSON.stringify({ report: '../../etc' })],
    ['an unknown kind', JSON.stringify({ secrets: '/home/a' })],
    ['not a string', JSON.stringify({ report: 42 })]
  ])('remembers nothing from a file that is %s', (_what, text) => {
    writeFileSync(file, text)
    const folders = new DialogFolders(file)
    expect([folders.last('report'), folders.last('test-file'), folders.last('result')]).toEqual([undefined, undefined, undefined])
  })
})
