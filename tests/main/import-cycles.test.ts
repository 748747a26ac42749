import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// src/main's files import one another without a circle (type imports count: a reader follows them
// too). Imports are read by TypeScript's own pre-processor, not by a pattern.
const MAIN = resolve(__dirname, '../../src/main')

function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(MAIN, file), 'utf8'), true, true)
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((name) => name.startsWith('./'))
    .map((name) => `${name.slice(2)}.ts`)
}

/** Every circle of imports, each as the files around it (the first one repeated at the end). */
function circlesIn(graph: Map<string, string[]>): string[][] {
  const circles: string[][] = []
  const done = new Set<string>()
  const visit = (file: string, path: string[]): void => {
    const at = path.indexOf(file)
    if (at >= 0) {
      circles.push([...path.slice(at), file])
      return
    }
    if (done.has(file)) return
    for (const next of graph.get(file) ?? []) visit(next, [...path, file])
    done.add(file)
  }
  for (const file of graph.keys()) visit(file, [])
  return circles
}

describe('src/main imports', () => {
  it('form no circle', () => {
    const files = readdirSync(MAIN).filter((name) => name.endsWith('.ts'))
    expect(importsOf('app-backend.ts')).toContain('request-handlers.ts')
    expect(circlesIn(new Map(files.map((file) => [file, importsOf(file)])))).toEqual([])
  })

  it('the search finds a planted circle, and only that', () => {
    const graph = new Map([
      ['a.ts', ['b.ts', 'd.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', []]
    ])
    expect(circlesIn(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']])
  })
})
