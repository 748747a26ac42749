import { createRoot } from 'react-dom/client'
import './styles.css'

// The window's first paint is index.html's header. React loads next; the app (its store and every
// component) is a chunk of its own, run with the root's creation in a later task, so the page's
// load is no one long task (docs/benchmarks.md).
void import('./start-app').then(({ startApp }) => startApp(createRoot(document.getElementById('root')!)))
