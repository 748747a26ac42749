import { selectRunIsActive } from '../run/run-selectors'
import { useStampede } from './use-stampede'

/** Escape stops a run from wherever focus is (Enter needs nothing here: the form submits itself). */
export function listenToKeyboardShortcuts(target: Document): () => void {
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return
    const state = useStampede.getState()
    if (!selectRunIsActive(state)) return
    event.preventDefault()
    void state.cancelRun()
  }
  target.addEventListener('keydown', onKeyDown)
  return () => target.removeEventListener('keydown', onKeyDown)
}
