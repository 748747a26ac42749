import { useMemo } from 'react'
import { stepName } from '../../../shared/flow/flow-definition'
import { secretWords } from '../../../shared/import/findings-text'
import { FORMAT_NAMES, importedTestOf } from '../../../shared/import/import-source'
import type { CorrelationProposal, DropReason } from '../../../shared/import/imported-test'
import { useStampede } from '../app/use-stampede'
import './import.css'

const DROP_WORDS: Record<DropReason, string> = {
  static: 'Static asset',
  otherHost: 'Another host',
  preflight: 'CORS preflight',
  notHttp: 'Not HTTP'
}

/**
 * The review of an import, before the test is created: the steps it makes, the hosts (kept or
 * not), the noise dropped, each correlation (accept or reject), the secrets and what was not
 * converted. Every choice rebuilds the test at once from the source main read.
 */
export function ImportReview() {
  const review = useStampede((state) => state.importReview)
  const keepImportHosts = useStampede((state) => state.keepImportHosts)
  const toggleCorrelation = useStampede((state) => state.toggleCorrelation)
  const setImportThinkTimes = useStampede((state) => state.setImportThinkTimes)
  const setImportUserAgent = useStampede((state) => state.setImportUserAgent)
  const cancelImport = useStampede((state) => state.cancelImport)
  const createImportedTest = useStampede((state) => state.createImportedTest)
  const source = review?.source
  const options = review?.options
  // Built again only when the source or a choice changes, not while a creation is under way.
  const imported = useMemo(() => (source && options ? importedTestOf(source, options) : undefined), [source, options])
  if (!review || !imported) return null
  const { flow, findings } = imported
  const recording = review.source.format !== 'postman'
  const keptHosts = findings.hosts.filter((host) => host.kept).map((host) => host.host)
  const stepLabel = (index: number | undefined) => (index === undefined ? 'The test' : `${index + 1}. ${stepName(flow.steps[index])}`)

  return (
    <div className="import-backdrop">
      <section className="import-review" role="dialog" aria-modal="true" aria-labelledby="import-review-title">
        <h2 id="import-review-title">Import “{imported.name}”</h2>
        <p className="import-hint">
          {FORMAT_NAMES[review.source.format]} {review.file}: {flow.steps.length} step{flow.steps.length === 1 ? '' : 's'}. Nothing is saved until you create the test.
        </p>

        <h3>Steps</h3>
        <ol className="import-steps" aria-label="Steps to keep">
          {flow.steps.map((step, index) => (
            <li key={index}>
              <code>{stepName(step)}</code>
              {step.captures.length > 0 && <span className="import-tag">captures {step.captures.map((capture) => capture.variable).join(', ')}</span>}
            </li>
          ))}
        </ol>
        {flow.steps.length === 0 && <p className="import-warning">No request is left: keep a host below.</p>}

        {recording && findings.hosts.length > 0 && (
          <fieldset className="import-hosts">
            <legend>Hosts</legend>
            {findings.hosts.map((host) => (
              <label key={host.host}>
                <input
                  type="checkbox"
                  checked={host.kept}
                  onChange={(event) => keepImportHosts(event.target.checked ? [...keptHosts, host.host] : keptHosts.filter((each) => each !== host.host))}
                />
                {host.host} ({host.requests} request{host.requests === 1 ? '' : 's'}){host.journey ? ', the journey’s' : ''}
                {host.analytics ? ', analytics or CDN' : ''}
              </label>
            ))}
          </fieldset>
        )}

        {recording && (
          <fieldset className="import-options">
            <legend>Replay</legend>
            <label>
              <input type="checkbox" checked={review.options.thinkTimes} onChange={(event) => setImportThinkTimes(event.target.checked)} />
              Pause after each step as the recording did
            </label>
            <label>
              <input type="checkbox" checked={review.options.keepUserAgent} onChange={(event) => setImportUserAgent(event.target.checked)} />
              Send the browser’s User-Agent
            </label>
          </fieldset>
        )}

        {findings.correlations.length > 0 && (
          <>
            <h3>Correlations</h3>
            <table className="import-table" aria-label="Correlations">
              <thead>
                <tr>
                  <th scope="col">Accept</th>
                  <th scope="col">Variable</th>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                </tr>
              </thead>
              <tbody>
                {findings.correlations.map((correlation) => (
                  <CorrelationRow key={correlation.id} correlation={correlation} stepLabel={stepLabel} onToggle={() => toggleCorrelation(correlation.id)} />
                ))}
              </tbody>
            </table>
          </>
        )}

        {findings.secrets.length > 0 && (
          <>
            <h3>Secrets</h3>
            <ul className="import-list" aria-label="Secrets">
              {findings.secrets.map((secret, index) => (
                <li key={index} className={secret.staysInFile ? 'import-warning' : undefined}>
                  {stepLabel(secret.step)}, {secret.where}: {secretWords(secret)}
                </li>
              ))}
            </ul>
          </>
        )}

        {findings.dropped.length > 0 && (
          <details>
            <summary>Dropped: {findings.dropped.length} request{findings.dropped.length === 1 ? '' : 's'}</summary>
            <ul className="import-list" aria-label="Dropped requests">
              {findings.dropped.map((dropped, index) => (
                <li key={index}>
                  {DROP_WORDS[dropped.reason]}: <code>{dropped.method} {dropped.url}</code>
                </li>
              ))}
            </ul>
            {findings.droppedHeaders.length > 0 && (
              <p className="import-hint">Headers taken off: {findings.droppedHeaders.map((header) => header.name).join(', ')}.</p>
            )}
          </details>
        )}

        {findings.notConverted.length > 0 && (
          <details open>
            <summary>Not converted: {findings.notConverted.length}</summary>
            <ul className="import-list" aria-label="Not converted">
              {findings.notConverted.map((item, index) => (
                <li key={index}>
                  {item.where}: <code>{item.text}</code> ({item.reason})
                </li>
              ))}
            </ul>
          </details>
        )}

        {review.message && (
          <p className="import-warning" role="alert">
            {review.message}
          </p>
        )}
        <div className="import-actions">
          <button type="button" className="button button-primary" disabled={review.creating || flow.steps.length === 0} onClick={() => void createImportedTest()}>
            Create test
          </button>
          <button type="button" className="link-button" onClick={cancelImport}>
            Cancel
          </button>
        </div>
      </section>
    </div>
  )
}

function CorrelationRow({
  correlation,
  stepLabel,
  onToggle
}: {
  correlation: CorrelationProposal
  stepLabel: (index: number) => string
  onToggle: () => void
}) {
  const uses = correlation.uses.map((use) => `step ${use.step + 1} ${use.where === 'header' ? `header ${use.name}` : use.where}`).join(', ')
  return (
    <tr>
      <td>
        <input type="checkbox" checked={correlation.accepted} aria-label={`Accept {{${correlation.variable}}}`} onChange={onToggle} />
      </td>
      <td>
        <code>{`{{${correlation.variable}}}`}</code>
      </td>
      <td>
        {stepLabel(correlation.step)}: <code>{correlation.source} {correlation.expression}</code> (recorded {correlation.preview})
      </td>
      <td>{uses}</td>
    </tr>
  )
}
