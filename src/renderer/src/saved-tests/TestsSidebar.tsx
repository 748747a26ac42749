import { useRef, useState } from 'react'
import { useStampede } from '../app/use-stampede'
import { selectRunIsActive } from '../run/run-selectors'
import {
  selectHasSavedTests,
  selectOpenTest,
  selectOpenTestId,
  selectOpenTestIsModified,
  selectTestSearch,
  selectVisibleTests
} from './saved-tests-selectors'
import { OpenTestQuestion } from './OpenTestQuestion'
import { TestListItem } from './TestListItem'
import { TestNameForm } from './TestNameForm'
import { TestsNoteLine } from './TestsNoteLine'
import { useFocusOnClose } from './use-focus-on-close'
import './saved-tests.css'

/** The saved tests: search, the list (the open one marked), a new test from the designer, test files. */
export function TestsSidebar() {
  const tests = useStampede(selectVisibleTests)
  const hasTests = useStampede(selectHasSavedTests)
  const search = useStampede(selectTestSearch)
  const openTestId = useStampede(selectOpenTestId)
  const openTestName = useStampede((state) => selectOpenTest(state)?.name)
  const modified = useStampede(selectOpenTestIsModified)
  const locked = useStampede(selectRunIsActive)
  const note = useStampede((state) => state.testsNote)
  const searchTests = useStampede((state) => state.searchTests)
  const createTest = useStampede((state) => state.createTest)
  const importTestFile = useStampede((state) => state.importTestFile)
  const dismissTestsNote = useStampede((state) => state.dismissTestsNote)
  const [naming, setNaming] = useState(false)
  const newTestButton = useRef<HTMLButtonElement>(null)
  useFocusOnClose(naming, newTestButton)

  return (
    <div className="tests-sidebar">
      <div className="tests-sidebar-head">
        <h2 className="sidebar-title">Tests</h2>
        <button ref={newTestButton} type="button" className="link-button" aria-expanded={naming} onClick={() => setNaming((open) => !open)}>
          New test
        </button>
      </div>
      {naming && (
        <div className="tests-new">
          <p className="tests-hint">Saves the plan and thresholds in the designer{openTestName ? ` as a test apart from “${openTestName}”` : ''}.</p>
          <TestNameForm
            label="Name of the new test"
            submitText="Save"
            submitLabel="Save the new test"
            cancelLabel="Discard the new test"
            onSubmit={createTest}
            onClose={() => setNaming(false)}
          />
        </div>
      )}
      <OpenTestQuestion />
      <input
        type="search"
        className="tests-search"
        aria-label="Search tests"
        placeholder="Search tests"
        value={search}
        onChange={(event) => searchTests(event.target.value)}
      />
      {tests.length > 0 ? (
        <ul className="tests-list" aria-label="Saved tests">
          {tests.map((test) => (
            <TestListItem key={test.id} test={test} open={test.id === openTestId} modified={modified} locked={locked} />
          ))}
        </ul>
      ) : (
        <p className="tests-hint">
          {hasTests ? `No test’s name holds “${search.trim()}”.` : 'No saved tests yet: type a plan, then New test.'}
        </p>
      )}
      <button type="button" className="link-button tests-import" onClick={() => void importTestFile()}>
        Import file…
      </button>
      <TestsNoteLine note={note} onDismiss={dismissTestsNote} />
    </div>
  )
}
