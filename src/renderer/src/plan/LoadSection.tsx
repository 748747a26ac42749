import { useStampede } from '../app/use-stampede'
import { selectRunIsActive } from '../run/run-selectors'
import { ChoiceGroup } from '../ui/ChoiceGroup'
import type { LoadModel, StopAfter } from './plan-form'
import { PlanTextField } from './PlanTextField'
import { selectChoice } from './plan-selectors'

const STOP_CHOICES: ReadonlyArray<{ value: StopAfter; label: string }> = [
  { value: 'requests', label: 'A number of requests' },
  { value: 'duration', label: 'A duration' },
  { value: 'both', label: 'Whichever comes first' }
]

const MODEL_CHOICES: ReadonlyArray<{ value: LoadModel; label: string }> = [
  { value: 'closed', label: 'Closed: each connection sends when answered' },
  { value: 'open', label: 'Open: requests start at a set rate' }
]

/** How the load is driven: when it stops, closed or open model, pipelining, workers. */
export function LoadSection() {
  const stopAfter = useStampede(selectChoice('stopAfter'))
  const model = useStampede(selectChoice('model'))
  const runIsActive = useStampede(selectRunIsActive)
  const choose = useStampede((state) => state.choose)
  return (
    <>
      <div className="plan-section-row">
        <ChoiceGroup legend="Stop after" value={stopAfter} options={STOP_CHOICES} disabled={runIsActive} onChange={(value) => choose('stopAfter', value)} />
        <ChoiceGroup legend="Model" value={model} options={MODEL_CHOICES} disabled={runIsActive} onChange={(value) => choose('model', value)} />
      </div>
      <div className="plan-section-row">
        <PlanTextField field="pipelining" label="Pipelining" hint="requests in flight per connection" inputMode="numeric" />
        <PlanTextField field="workers" label="Workers" hint="engine processes; empty: one per core but one" inputMode="numeric" placeholder="auto" />
      </div>
    </>
  )
}
