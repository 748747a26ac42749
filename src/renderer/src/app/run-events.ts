import type { StampedeApi, Unsubscribe } from '../../../shared/ipc'
import { useStampede } from './use-stampede'

/**
 * Main's messages enter the store here, outside React: each one is a single setState, and only the
 * components whose selected values changed re-render.
 */
export function listenToRunEvents(api: StampedeApi): Unsubscribe {
  const { applyProgress, applyResult } = useStampede.getState()
  const stopProgress = api.onProgress(applyProgress)
  const stopDone = api.onDone(applyResult)
  return () => {
    stopProgress()
    stopDone()
  }
}
