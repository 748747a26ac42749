import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { listenToKeyboardShortcuts } from './keyboard-shortcuts'
import { listenToRunEvents } from './run-events'
import './styles.css'

// Listeners start before the first render so no message of a run can slip past the store.
listenToRunEvents(window.api)
listenToKeyboardShortcuts(document)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>
)
