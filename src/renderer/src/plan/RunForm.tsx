import type { FormEvent } from 'react'
import { useStampede } from '../app/stampede-store'
import { DemoTargetButton } from './DemoTargetButton'
import { FormField } from '../ui/FormField'
import { RunButton } from '../run/RunButton'

/** A real form, so Enter submits; the disabled Submit button keeps an invalid plan from going out. */
export function RunForm() {
  const submitRun = useStampede((state) => state.submitRun)
  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    void submitRun()
  }
  return (
    <form className="panel run-form" onSubmit={onSubmit} noValidate aria-label="Load test">
      <FormField
        field="url"
        label="URL"
        placeholder="http://127.0.0.1:8080/health"
        inputMode="url"
        action={<DemoTargetButton />}
      />
      <div className="run-form-row">
        <FormField field="totalRequests" label="Number of requests" inputMode="numeric" />
        <FormField field="concurrency" label="Concurrency" hint="connections" inputMode="numeric" />
        <RunButton />
      </div>
    </form>
  )
}
