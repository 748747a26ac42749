import type { TriedStep } from '../../../shared/flow/try-once-result'
import { formatLatency } from '../../../shared/format'
import { useStampede } from '../app/use-stampede'
import { selectRunIsActive } from '../run/run-selectors'

/** Try once: one iteration, each step as sent and answered, with its captures and checks. */
export function TryOncePanel() {
  const tryOnce = useStampede((state) => state.tryOnce)
  const tryFlowOnce = useStampede((state) => state.tryFlowOnce)
  const runIsActive = useStampede(selectRunIsActive)
  const ready = useStampede((state) => state.planCheck.ok)
  return (
    <section className="try-once" aria-label="Try once">
      <div className="rows-heading">
        <h3>Try once</h3>
        <button
          type="button"
          className="button button-secondary"
          disabled={runIsActive || tryOnce.phase === 'trying' || !ready}
          title={ready ? 'Sends one iteration, with the data file’s first row' : 'Fix the marked cells first'}
          onClick={() => void tryFlowOnce()}
        >
          {tryOnce.phase === 'trying' ? 'Trying…' : 'Try once'}
        </button>
      </div>
      {tryOnce.phase === 'refused' && <p className="field-message">{tryOnce.message}</p>}
      {tryOnce.phase === 'tried' && (
        <>
          {tryOnce.result.dataRow && (
            <p className="try-once-row">
              Data row: {Object.entries(tryOnce.result.dataRow).map(([column, value]) => `${column} = ${value}`).join(', ')}
            </p>
          )}
          <ol className="try-once-steps">
            {tryOnce.result.steps.map((step) => (
              <TriedStepView key={step.index} step={step} />
            ))}
          </ol>
          {tryOnce.result.stoppedEarly && <p className="field-message">{tryOnce.result.stoppedEarly}</p>}
        </>
      )}
    </section>
  )
}

function TriedStepView({ step }: { step: TriedStep }) {
  const { request, response } = step
  return (
    <li className="try-once-step" aria-label={`Tried step ${step.index + 1}: ${step.name}`}>
      <h4>
        {step.index + 1}. {step.name}
      </h4>
      <p className="try-once-request">
        <strong>{request.method}</strong> <code>{request.url}</code>
      </p>
      {request.headers.length > 0 && (
        <pre className="try-once-pre" aria-label="Request headers">
          {request.headers.map(([name, value]) => `${name}: ${value}`).join('\n')}
        </pre>
      )}
      {request.body !== undefined && (
        <pre className="try-once-pre" aria-label="Request body">
          {request.body}
        </pre>
      )}
      {step.error && <p className="field-message">No response: {step.error}</p>}
      {response && (
        <>
          <p className="try-once-status">
            Status <strong>{response.status}</strong> in {formatLatency(response.latencyMs)}
          </p>
          <pre className="try-once-pre" aria-label="Response headers">
            {response.headers.map(([name, value]) => `${name}: ${value}`).join('\n')}
          </pre>
          <pre className="try-once-pre" aria-label="Response body">
            {response.body}
            {response.bodyCut ? '\n…' : ''}
          </pre>
        </>
      )}
      {step.captures.length > 0 && (
        <ul className="try-once-captures" aria-label="Captures">
          {step.captures.map((capture) => (
            <li key={capture.variable}>
              <code>{capture.variable}</code> ({capture.capture}): {capture.value !== undefined ? <code>{capture.value}</code> : <span className="field-message">found nothing: {capture.why}</span>}
            </li>
          ))}
        </ul>
      )}
      {step.checks.length > 0 && (
        <ul className="try-once-checks" aria-label="Checks">
          {step.checks.map((check) => (
            <li key={check.check} className={check.passed ? 'check-passed' : 'check-failed'}>
              {check.passed ? 'passed' : 'failed'}: <code>{check.check}</code>
              {check.note ? ` (${check.note})` : ''}
            </li>
          ))}
        </ul>
      )}
    </li>
  )
}
