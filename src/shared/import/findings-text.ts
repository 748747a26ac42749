import { stepName, type FlowDefinition } from '../flow/flow-definition'
import type { CorrelationUse, DropReason, ImportFindings, SecretFinding } from './imported-test'

/**
 * The findings as lines for a terminal (`stampede import` prints them on stderr): what was dropped,
 * what was correlated, which steps carry secrets, and what was not converted. Steps are numbered
 * from 1, as the test file's messages number them.
 */

const DROP_WORDS: Record<DropReason, string> = {
  static: 'static asset',
  otherHost: 'another host',
  preflight: 'CORS preflight',
  notHttp: 'not HTTP'
}

export function findingsText(findings: ImportFindings, flow: FlowDefinition): string {
  const lines: string[] = []
  const stepLabel = (index: number | undefined): string => (index === undefined ? 'the test' : `step ${index + 1} (${stepName(flow.steps[index])})`)

  if (findings.hosts.length > 0) {
    lines.push('Hosts:')
    for (const host of findings.hosts) {
      const notes = [host.journey ? "the journey's" : '', host.analytics ? 'analytics or CDN' : ''].filter(Boolean).join(', ')
      lines.push(`  ${host.kept ? 'kept   ' : 'dropped'} ${host.host}: ${host.requests} request${host.requests === 1 ? '' : 's'}${notes ? ` (${notes})` : ''}`)
    }
    if (findings.hosts.some((host) => !host.kept)) lines.push('  Keep another host with --host HOST.')
  }
  if (findings.dropped.length > 0) {
    lines.push(`Dropped ${findings.dropped.length} request${findings.dropped.length === 1 ? '' : 's'}:`)
    for (const dropped of findings.dropped) lines.push(`  ${DROP_WORDS[dropped.reason].padEnd(14)} ${dropped.method} ${dropped.url}`)
  }
  if (findings.droppedHeaders.length > 0) {
    lines.push('Headers taken off:')
    for (const header of findings.droppedHeaders) lines.push(`  ${header.name} (${header.steps} step${header.steps === 1 ? '' : 's'}): ${header.reason}`)
  }
  const accepted = findings.correlations.filter((correlation) => correlation.accepted)
  if (findings.correlations.length > 0) {
    lines.push(`Correlated ${accepted.length} value${accepted.length === 1 ? '' : 's'}:`)
    for (const correlation of findings.correlations) {
      const uses = correlation.uses.map((use) => `step ${use.step + 1} ${useWhere(use)}`).join(', ')
      lines.push(
        `  ${correlation.accepted ? '' : '(rejected) '}{{${correlation.variable}}} = ${correlation.source} ${correlation.expression} of ${stepLabel(correlation.step)}, recorded ${correlation.preview}; sent in ${uses}`
      )
    }
  }
  if (findings.secrets.length > 0) {
    lines.push('Secrets:')
    for (const secret of findings.secrets) lines.push(`  ${stepLabel(secret.step)} ${secret.where}: ${secretWords(secret)}`)
  }
  if (findings.notConverted.length > 0) {
    lines.push('Not converted:')
    for (const item of findings.notConverted) lines.push(`  ${item.where}: ${item.text} (${item.reason})`)
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`
}

function useWhere(use: CorrelationUse): string {
  return use.where === 'header' ? `header ${use.name}` : use.where
}

export function secretWords(secret: SecretFinding): string {
  if (secret.kind === 'cookie') return "not replayed (each virtual user's cookie jar sends its own)."
  return secret.staysInFile ? 'STAYS IN THE FILE as recorded: a live secret; replace it before you commit the file.' : 'a {{variable}}: the recorded value left the file.'
}
