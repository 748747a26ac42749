import { PlanForm } from '../plan/PlanForm'
import { RunNoticeBanner } from '../run/RunNoticeBanner'
import { RunResults } from '../results/RunResults'

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Stampede</h1>
        <p className="app-tagline">HTTP load tester</p>
      </header>
      <main className="app-main">
        <PlanForm />
        <RunNoticeBanner />
        <RunResults />
      </main>
    </div>
  )
}
