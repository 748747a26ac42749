import { SEGMENT_FORMAT, type SegmentReport } from '../shared/segment-result'

export interface SegmentLines {
  segments: SegmentReport[]
  /** Lines that looked like a segment's result but were not whole: named by source and line. */
  problems: string[]
}

/**
 * The segment results in a text that may hold other lines too: `kubectl logs` mixes each pod's
 * stderr with its stdout, and `--prefix` puts "[pod/NAME/stampede] " before each line. A segment's
 * result is one line of JSON whose `segment.format` is SEGMENT_FORMAT; every other line is passed
 * over, except one that names the format and is not whole (a pod killed while printing): that is
 * reported, never quietly dropped.
 */
export function readSegmentLines(text: string, source: string): SegmentLines {
  const segments: SegmentReport[] = []
  const problems: string[] = []
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.includes(SEGMENT_FORMAT)) return
    const at = `${source}, line ${index + 1}`
    const json = line.slice(line.indexOf('{'))
    let value: unknown
    try {
      value = JSON.parse(json)
    } catch {
      problems.push(`${at}: a segment's result that is cut off (${line.length} characters, not whole JSON).`)
      return
    }
    const wrong = segmentProblem(value)
    if (wrong) problems.push(`${at}: ${wrong}`)
    else segments.push(value as SegmentReport)
  })
  return { segments, problems }
}

/** Enough of the shape for the merge to rely on, each gap named by its key. */
function segmentProblem(value: unknown): string | undefined {
  const report = value as Partial<SegmentReport> | null
  const segment = report?.segment
  if (typeof segment !== 'object' || segment === null) return 'no segment object.'
  if (segment.format !== SEGMENT_FORMAT) return `segment.format is ${JSON.stringify(segment.format)}, expected ${SEGMENT_FORMAT}.`
  if (!Number.isInteger(segment.index) || !Number.isInteger(segment.count) || segment.count < 1) {
    return 'segment.index and segment.count must be whole numbers (K of N).'
  }
  if (typeof segment.test !== 'string') return 'segment.test is missing.'
  if (typeof segment.clock?.startedAtMs !== 'number') return 'segment.clock.startedAtMs is missing.'
  const result = segment.result
  if (typeof result !== 'object' || result === null) return 'segment.result is missing.'
  if (typeof result.statusCodes !== 'object' || typeof result.errorKinds !== 'object' || typeof result.elapsedMs !== 'number') {
    return 'segment.result has no counts (statusCodes, errorKinds, elapsedMs).'
  }
  if (typeof report?.requests?.sent !== 'number') return 'requests.sent is missing.'
  return undefined
}
