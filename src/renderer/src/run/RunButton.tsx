import { selectPlanIsValid } from '../plan/plan-selectors'
import { selectThresholdsAreValid } from '../thresholds/threshold-selectors'
import { selectPhase } from './run-selectors'
import { isActivePhase } from './run-slice'
import { useStampede } from '../app/use-stampede'

/** One button, so focus stays put: Submit while idle, Cancel while a run goes on. */
export function RunButton() {
  const phase = useStampede(selectPhase)
  const planIsValid = useStampede(selectPlanIsValid)
  const thresholdsAreValid = useStampede(selectThresholdsAreValid)
  const cancelRun = useStampede((state) => state.cancelRun)

  if (!isActivePhase(phase)) {
    return (
      <button type="submit" className="button button-primary run-button" disabled={!planIsValid || !thresholdsAreValid}>
        Submit
      </button>
    )
  }
  // aria-disabled rather than disabled while cancelling: a disabled button would drop keyboard focus.
  const cancelling = phase === 'cancelling'
  return (
    <button
      type="button"
      className="button button-cancel run-button"
      aria-disabled={cancelling || undefined}
      aria-keyshortcuts="Escape"
      onClick={() => {
        if (!cancelling) void cancelRun()
      }}
    >
      Cancel
    </button>
  )
}
