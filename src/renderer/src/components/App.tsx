import { RunForm } from './RunForm'
import { RunNoticeBanner } from './RunNoticeBanner'
import { RunResults } from './RunResults'

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Stampede</h1>
        <p className="app-tagline">HTTP load tester</p>
      </header>
      <main className="app-main">
        <RunForm />
        <RunNoticeBanner />
        <RunResults />
      </main>
    </div>
  )
}
