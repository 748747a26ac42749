import { startTransition, StrictMode } from 'react'
import type { Root } from 'react-dom/client'
import { App } from './App'
import { listenToKeyboardShortcuts } from './keyboard-shortcuts'
import { listenToRunEvents } from './run-events'
import { useStampede } from './use-stampede'

/** Starts the window's app on its React root (see ./main.tsx for why this is a chunk of its own). */
export function startApp(root: Root): void {
  // Listeners start before the first render so no message of a run can slip past the store.
  listenToRunEvents(window.api)
  listenToKeyboardShortcuts(document)
  void useStampede.getState().restoreLastPlan()
  void useStampede.getState().loadTests()

  // The first render as a transition: React renders it in slices of a few milliseconds, yielding to
  // the page between them, rather than in one long task.
  startTransition(() => {
    root.render(
      <StrictMode>
        <App />
      </StrictMode>
    )
  })

  // The form's judge (zod and the plan schema) loads once the window has painted and is idle.
  requestIdleCallback(() => void useStampede.getState().loadPlanJudge(), { timeout: 1000 })
  // And the live charts' chunk (uPlot), later still: evaluated while idle, not when a run's results appear.
  requestIdleCallback(() => void import('../charts/LiveCharts'), { timeout: 5000 })
}
