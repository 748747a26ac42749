import type { FormEvent } from 'react'
import { useStampede } from '../app/use-stampede'
import { RunButton } from '../run/RunButton'
import { ThresholdsEditor } from '../thresholds/ThresholdsEditor'
import { DemoTargetButton } from './DemoTargetButton'
import { PlanTextField } from './PlanTextField'

/** A real form, so Enter submits; the disabled Submit button keeps an invalid plan from going out. */
export function PlanForm() {
  const submitRun = useStampede((state) => state.submitRun)
  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    void submitRun()
  }
  return (
    <form className="panel plan-form" onSubmit={onSubmit} noValidate aria-label="Load test">
      <PlanTextField
        field="url"
        label="URL"
        placeholder="http://127.0.0.1:8080/health"
        inputMode="url"
        action={<DemoTargetButton />}
      />
      <div className="plan-form-row">
        <PlanTextField field="totalRequests" label="Number of requests" inputMode="numeric" />
        <PlanTextField field="concurrency" label="Concurrency" hint="connections" inputMode="numeric" />
        <RunButton />
      </div>
      <ThresholdsEditor />
    </form>
  )
}
