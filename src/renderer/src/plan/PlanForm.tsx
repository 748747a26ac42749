import { useState, type ClipboardEvent, type FormEvent } from 'react'
import { useStampede } from '../app/use-stampede'
import { RunButton } from '../run/RunButton'
import { ThresholdsEditor } from '../thresholds/ThresholdsEditor'
import { selectRunIsActive } from '../run/run-selectors'
import { DisclosureButton, DisclosureSection } from '../ui/Disclosure'
import { CurlImportPanel, CurlImportReport } from './CurlImport'
import { DemoTargetButton } from './DemoTargetButton'
import { LoadSection } from './LoadSection'
import { PlanTextField } from './PlanTextField'
import { selectChoice, selectLoadSummary, selectRequestSummary, selectStopAfter } from './plan-selectors'
import { RequestSection } from './RequestSection'
import { FlowEditor } from '../flow/FlowEditor'

const REQUEST_SECTION_ID = 'plan-request-section'
const LOAD_SECTION_ID = 'plan-load-section'

/**
 * A real form, so Enter submits; the disabled Submit button keeps an invalid plan from going out.
 * The simplest job (URL, number of requests, Submit) is all that shows at first; the request and
 * the load fold out below, each summarised while folded.
 */
export function PlanForm() {
  const submitRun = useStampede((state) => state.submitRun)
  const importCurl = useStampede((state) => state.importCurl)
  const stopAfter = useStampede(selectStopAfter)
  const model = useStampede(selectChoice('model'))
  const shaped = useStampede(selectChoice('shaped'))
  const requestSummary = useStampede(selectRequestSummary)
  const loadSummary = useStampede(selectLoadSummary)
  const runIsActive = useStampede(selectRunIsActive)
  const planNote = useStampede((state) => state.planNote)
  const isFlow = useStampede((state) => state.fields.flow !== undefined)
  const addStep = useStampede((state) => state.addStep)
  const [requestOpen, setRequestOpen] = useState(false)
  const [loadOpen, setLoadOpen] = useState(false)
  const [curlOpen, setCurlOpen] = useState(false)

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    void submitRun()
  }
  // A cURL command pasted into the URL field fills the whole request; the request section opens to show it.
  const onUrlPaste = (event: ClipboardEvent<HTMLInputElement>): void => {
    const text = event.clipboardData.getData('text/plain')
    if (runIsActive || !/^\s*curl(\.exe)?\s/i.test(text)) return
    event.preventDefault()
    void importCurl(text).then((imported) => {
      if (imported) setRequestOpen(true)
    })
  }
  const count = stopAfter === 'requests' || stopAfter === 'both'
  const duration = stopAfter === 'duration' || stopAfter === 'both'
  const numberFields = [count, duration, model === 'open', true].filter(Boolean).length
  // With stages, the rate (open model) or the connections (closed) are where the shape starts.
  const startHint = shaped ? ' at the start' : ''

  return (
    <form className="panel plan-form" onSubmit={onSubmit} noValidate aria-label="Load test">
      {isFlow ? <FlowEditor /> : <PlanTextField
        field="url"
        label="URL"
        placeholder="http://127.0.0.1:8080/health, or paste a cURL command"
        inputMode="url"
        onPaste={onUrlPaste}
        action={
          <span className="field-actions">
            <DemoTargetButton />
            <button
              type="button"
              className="link-button"
              aria-expanded={curlOpen}
              disabled={runIsActive}
              onClick={() => setCurlOpen((open) => !open)}
            >
              Import cURL
            </button>
            <button type="button" className="link-button" disabled={runIsActive} onClick={addStep}>
              Add step
            </button>
          </span>
        }
      />}
      {curlOpen && (
        <CurlImportPanel
          onClose={(imported) => {
            setCurlOpen(false)
            if (imported) setRequestOpen(true)
          }}
        />
      )}
      <CurlImportReport />
      <div className={`plan-form-row plan-form-row-${numberFields}`}>
        {count && <PlanTextField field="totalRequests" label={isFlow ? 'Number of iterations' : 'Number of requests'} inputMode="numeric" />}
        {duration && <PlanTextField field="duration" label="Duration" hint="seconds" inputMode="decimal" />}
        {model === 'open' && (
          <PlanTextField field="ratePerSecond" label="Rate" hint={`requests a second${startHint}`} inputMode="numeric" />
        )}
        <PlanTextField
          field="concurrency"
          label="Concurrency"
          hint={model === 'closed' ? `connections${startHint}` : 'connections'}
          inputMode="numeric"
        />
        <RunButton />
        <div className="disclosures">
          {!isFlow && <DisclosureButton
            label="Request"
            summary={requestSummary}
            expanded={requestOpen}
            controls={REQUEST_SECTION_ID}
            onToggle={() => setRequestOpen((open) => !open)}
          />}
          <DisclosureButton
            label="Load"
            summary={loadSummary}
            expanded={loadOpen}
            controls={LOAD_SECTION_ID}
            onToggle={() => setLoadOpen((open) => !open)}
          />
        </div>
      </div>
      <DisclosureSection id={REQUEST_SECTION_ID} label="Request" expanded={requestOpen && !isFlow}>
        <RequestSection />
      </DisclosureSection>
      <DisclosureSection id={LOAD_SECTION_ID} label="Load" expanded={loadOpen}>
        <LoadSection />
      </DisclosureSection>
      <ThresholdsEditor />
      {planNote && <p className="plan-note">{planNote}</p>}
    </form>
  )
}
