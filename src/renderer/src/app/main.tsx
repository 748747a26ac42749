import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { listenToKeyboardShortcuts } from './keyboard-shortcuts'
import { listenToRunEvents } from './run-events'
import { useStampede } from './use-stampede'
import './styles.css'

// Listeners start before the first render so no message of a run can slip past the store.
listenToRunEvents(window.api)
listenToKeyboardShortcuts(document)
void useStampede.getState().restoreLastPlan()
void useStampede.getState().loadTests()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>
)
