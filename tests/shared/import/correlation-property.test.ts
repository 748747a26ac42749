import fc from 'fast-check'
import { expect, test } from 'vitest'
import { buildImport } from '../../../src/shared/import/build-import'
import { importedTestFileText } from '../../../src/shared/import/imported-test-file'
import type { RecordedExchange } from '../../../src/shared/import/recording'
import { parseTestFile } from '../../../src/shared/test-file'

/**
 * For any journey where each response issues a token that later requests send back (in a header,
 * the query or a JSON body), the import leaves no issued token in any later step, captures each on
 * the step that issued it, and writes a test file that reads back: never one `stampede run` refuses.
 */
const token = fc.stringMatching(/^[A-Za-z0-9]{6}[0-9][A-Za-z0-9_-]{5,24}$/)
const place = fc.constantFrom('header', 'query', 'body')

test('every issued value sent back is correlated, and the file reads back', () => {
  fc.assert(
    fc.property(fc.uniqueArray(token, { minLength: 1, maxLength: 6 }), fc.array(place, { minLength: 6, maxLength: 6 }), (tokens, places) => {
      const exchanges: RecordedExchange[] = tokens.map((value, index) => {
        const previous = tokens[index - 1]
        const where = places[index]
        const headers: Array<[string, string]> = [['Accept', 'application/json']]
        let url = `https://app.example/api/step${index}`
        let body: string | undefined
        if (previous !== undefined && where === 'header') headers.push(['Authorization', `Bearer ${previous}`])
        if (previous !== undefined && where === 'query') url += `?t=${encodeURIComponent(previous)}`
        if (previous !== undefined && where === 'body') {
          body = JSON.stringify({ t: previous })
          headers.push(['Content-Type', 'application/json'])
        }
        return {
          request: { method: body === undefined ? 'GET' : 'POST', url, headers, ...(body === undefined ? {} : { body }) },
          response: { status: 200, headers: [['Content-Type', 'application/json']], mimeType: 'application/json', text: JSON.stringify({ next: { token: value } }) }
        }
      })
      const imported = buildImport({ exchanges })
      const steps = imported.flow.steps
      tokens.slice(0, -1).forEach((value, index) => {
        expect(steps[index].captures.map((capture) => capture.expression)).toContain('$.next.token')
        for (let later = index + 1; later < steps.length; later++) expect(JSON.stringify(steps[later])).not.toContain(value)
      })
      const file = importedTestFileText(imported)
      if (!file.ok) throw new Error(file.message)
      const read = parseTestFile(file.text, 'journey.stampede.yaml')
      if (!read.ok) throw new Error(read.message)
      expect(read.test.plan.flow?.steps).toHaveLength(tokens.length)
    }),
    { numRuns: 200 }
  )
})
