import type { StampedeApi, Unsubscribe } from '../../../shared/ipc'
import { liveSeries, type LiveSeries } from '../charts/live-series'
import { useStampede } from './use-stampede'

/**
 * Main's messages enter the store here, outside React: each one is a single setState, and only the
 * components whose selected values changed re-render. The intervals go to the charts' series, which
 * is not React state at all: charts redraw from it on animation frames.
 */
export function listenToRunEvents(api: StampedeApi, series: LiveSeries = liveSeries): Unsubscribe {
  const { applyProgress, applyResult } = useStampede.getState()
  const stopProgress = api.onProgress((snapshot) => {
    series.addSnapshot(snapshot)
    applyProgress(snapshot)
  })
  const stopDone = api.onDone((result) => {
    series.showResult(result)
    applyResult(result)
    // Main stores a run before it sends its end, so the list read now holds it.
    const state = useStampede.getState()
    if (state.mainView === 'history') void state.refreshHistory()
  })
  return () => {
    stopProgress()
    stopDone()
  }
}
