import { useStampede } from '../app/use-stampede'
import { selectRunIsActive } from '../run/run-selectors'
import { CheckboxField } from '../ui/CheckboxField'
import { ChoiceGroup } from '../ui/ChoiceGroup'
import type { LoadModel, StopAfter } from './plan-form'
import { PlanTextField } from './PlanTextField'
import { selectChoice, selectStopAfter } from './plan-selectors'
import { StagesEditor } from './StagesEditor'

const STOP_CHOICES: ReadonlyArray<{ value: StopAfter; label: string }> = [
  { value: 'requests', label: 'A number of requests' },
  { value: 'duration', label: 'A duration' },
  { value: 'both', label: 'Whichever comes first' }
]

/** With stages, the shape's end is a stop of its own (and always one: a count or duration may come first). */
const SHAPED_STOP_CHOICES: ReadonlyArray<{ value: StopAfter; label: string }> = [
  { value: 'shape', label: 'The end of the stages' },
  ...STOP_CHOICES
]

const MODEL_CHOICES: ReadonlyArray<{ value: LoadModel; label: string }> = [
  { value: 'closed', label: 'Closed: each connection sends when answered' },
  { value: 'open', label: 'Open: requests start at a set rate' }
]

/** How the load is driven: when it stops, closed or open model, its shape, pipelining or streams, workers. */
export function LoadSection() {
  const stopAfter = useStampede(selectStopAfter)
  const model = useStampede(selectChoice('model'))
  const shaped = useStampede(selectChoice('shaped'))
  const protocol = useStampede(selectChoice('protocol'))
  const runIsActive = useStampede(selectRunIsActive)
  const choose = useStampede((state) => state.choose)
  return (
    <>
      <div className="plan-section-row">
        <ChoiceGroup legend="Stop after" value={stopAfter} options={shaped ? SHAPED_STOP_CHOICES : STOP_CHOICES} disabled={runIsActive} onChange={(value) => choose('stopAfter', value)} />
        <ChoiceGroup legend="Model" value={model} options={MODEL_CHOICES} disabled={runIsActive} onChange={(value) => choose('model', value)} />
      </div>
      <CheckboxField
        label="Shape the load with stages"
        hint={
          model === 'open'
            ? 'The rate ramps from stage to stage, starting from the Rate above.'
            : 'The connections ramp from stage to stage, starting from the Concurrency above.'
        }
        checked={shaped}
        message={undefined}
        disabled={runIsActive}
        onChange={(checked) => choose('shaped', checked)}
      />
      {shaped && <StagesEditor />}
      <div className="plan-section-row">
        {/* With HTTP/2 the same number is streams per connection, as the engine uses it. */}
        {protocol === 'http1' ? (
          <PlanTextField field="pipelining" label="Pipelining" hint="requests in flight per connection" inputMode="numeric" />
        ) : (
          <PlanTextField field="pipelining" label="Streams" hint="HTTP/2 streams per connection" inputMode="numeric" />
        )}
        <PlanTextField field="workers" label="Workers" hint="engine processes; empty: one per core but one" inputMode="numeric" placeholder="auto" />
      </div>
    </>
  )
}
