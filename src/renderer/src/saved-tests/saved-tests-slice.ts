import type { ImportTestReply } from '../../../shared/ipc'
import type { SavedTest, TestDefinition } from '../../../shared/saved-test'
import { testNameProblem } from '../../../shared/test-name'
import type { SliceCreator } from '../app/stampede-store'
import { isActivePhase } from '../run/run-slice'
import { selectDesignerContent, selectOpenTest, selectOpenTestIsModified } from './saved-tests-selectors'
import { sameTestName, unusedTestName } from '../../../shared/test-name'
import type { TestContent } from './test-content'

/** What a change typed somewhere (a name) came to: its message is shown where it was typed. */
export type TestChange = { ok: true } | { ok: false; message: string }

/** A line about the last action on tests: where a file went, or why something failed. */
export interface TestsNote {
  tone: 'success' | 'error'
  text: string
}

/**
 * The saved tests (issue 12): the list main keeps, the one open in the designer, and the actions on
 * them. The designer's plan and thresholds stay the plan and thresholds slices' own: opening a test
 * goes through their loadPlan and loadThresholds.
 */
export interface SavedTestsSlice {
  /** As main last listed them, by name. */
  savedTests: SavedTest[]
  /** What the sidebar's search box holds. */
  testSearch: string
  /** The test the designer shows, whose runs are filed under it; null for a plan of no test. */
  openTestId: number | null
  /**
   * The designer's plan and thresholds as the open test was opened or last saved: what "unsaved
   * changes" compares with (the form's reading of the test, which may add what the form always sends).
   */
  openTestContent: TestContent | undefined
  /** A test asked to open while the open one had unsaved changes: waits for the user's answer. */
  pendingOpenTestId: number | null
  /** The sidebar's line (the list, an import). */
  testsNote: TestsNote | undefined
  /** The designer's line about the open test (Save, an export). */
  openTestNote: TestsNote | undefined
  /** Lists the tests anew: after each change, and when a run ends. */
  loadTests(): Promise<void>
  searchTests(text: string): void
  /** Saves the designer's plan and thresholds as a new test named `name`, and opens it. */
  createTest(name: string): Promise<TestChange>
  renameTest(testId: number, name: string): Promise<TestChange>
  duplicateTest(testId: number): Promise<void>
  /** Its runs stay in the history; the designer keeps what it shows, as a plan of no test. */
  deleteTest(testId: number): Promise<void>
  /** Opens a test in the designer, or asks first (pendingOpenTestId) when the open one has unsaved changes. */
  requestOpenTest(testId: number): void
  /** The answers to that question. */
  confirmOpenTest(): void
  cancelOpenTest(): void
  /** Writes the designer's plan and thresholds over the open test. */
  saveOpenTest(): Promise<void>
  /** Main asks where, and writes the open test as the designer shows it to a test file. */
  exportOpenTest(): Promise<void>
  /**
   * Main asks for a file; a test file's test is saved as a new test (its name made unique) and
   * opened; a recording (HAR, Postman, cURL) goes to the import's review first (../import).
   */
  importTestFile(): Promise<void>
  /** The same for a file dropped on the window, read by the page (../import/ImportDropTarget.tsx). */
  importDroppedFile(fileName: string, text: string): Promise<void>
  /** Saves a test from a file or an import's review as a new test (its name made unique) and opens it. */
  importTest(test: TestDefinition, file: string): Promise<TestChange>
  dismissTestsNote(): void
}

const PLAN_HAS_MISTAKES = 'The plan has mistakes, marked in the form: fix them first. Nothing was saved.'

export const createSavedTestsSlice: SliceCreator<SavedTestsSlice> = (api) => (set, get) => {
  /** Main saves a test; the plan's refusals, if any, are marked on the form's fields. */
  const saveTest = async (test: { id?: number; name: string } & TestContent) => {
    const reply = await answerOf(() => api.saveTest(test))
    if (!reply.ok && 'errors' in reply && reply.errors) get().markRefused(reply.errors)
    return reply
  }

  /** Puts a test main just saved into the list at once, so the designer's comparison sees it before the reload. */
  const adopt = async (test: SavedTest): Promise<void> => {
    set((state) => ({ savedTests: [...state.savedTests.filter((other) => other.id !== test.id), test] }))
    await get().loadTests()
  }

  /** The name's problem, judged as main will, plus one main cannot see: another test has it. */
  const nameProblem = (name: string, testId?: number): string | undefined => {
    const problem = testNameProblem(name)
    if (problem) return problem
    const clash = get().savedTests.find((test) => test.id !== testId && sameTestName(test.name, name))
    return clash ? `A test named “${clash.name}” already exists.` : undefined
  }

  /** The designer's test content, or undefined (and every mistake shown in the form) when it has mistakes. */
  const designerContentOrMark = () => {
    const state = get()
    const content = selectDesignerContent(state)
    if (!content) state.touchAllFields()
    return content
  }

  /** main's answer to an import: a refusal shown, a test saved, a recording sent to the review. */
  const receiveImport = async (reply: ImportTestReply | { ok: false; message: string }): Promise<void> => {
    if (!reply.ok) {
      set({ testsNote: { tone: 'error', text: reply.message } })
      return
    }
    if (reply.source) get().reviewImport(reply.source, reply.file ?? reply.source.fileName)
    else if (reply.test) await get().importTest(reply.test, reply.file ?? 'the file')
  }

  const openNow = (testId: number): void => {
    const state = get()
    const test = state.savedTests.find((candidate) => candidate.id === testId)
    if (!test) return
    state.loadPlan(test.plan)
    state.loadThresholds(test.thresholds)
    set({ openTestId: test.id, openTestContent: selectDesignerContent(get()), pendingOpenTestId: null, openTestNote: undefined })
  }

  return {
    savedTests: [],
    testSearch: '',
    openTestId: null,
    openTestContent: undefined,
    pendingOpenTestId: null,
    testsNote: undefined,
    openTestNote: undefined,

    loadTests: async () => {
      try {
        const savedTests = await api.listTests()
        // A test deleted elsewhere is no longer open; the designer keeps what it shows.
        set((state) => ({
          savedTests,
          openTestId: savedTests.some((test) => test.id === state.openTestId) ? state.openTestId : null
        }))
      } catch (error) {
        set({ testsNote: { tone: 'error', text: `The saved tests could not be listed: ${reasonOf(error)}` } })
      }
    },

    searchTests: (text) => set({ testSearch: text }),

    createTest: async (name) => {
      const problem = nameProblem(name)
      if (problem) return { ok: false, message: problem }
      const content = designerContentOrMark()
      if (!content) return { ok: false, message: PLAN_HAS_MISTAKES }
      const saved = await saveTest({ name: name.trim(), ...content })
      if (!saved.ok) return saved
      set({ openTestId: saved.test.id, openTestContent: content, openTestNote: undefined })
      await adopt(saved.test)
      return { ok: true }
    },

    renameTest: async (testId, name) => {
      const test = get().savedTests.find((candidate) => candidate.id === testId)
      if (!test) return { ok: false, message: 'That test is no longer there.' }
      if (name.trim() === test.name) return { ok: true }
      const problem = nameProblem(name, testId)
      if (problem) return { ok: false, message: problem }
      // Only the name changes: the test keeps what was saved, whatever the designer shows.
      const saved = await saveTest({ id: testId, name: name.trim(), plan: test.plan, thresholds: test.thresholds })
      if (!saved.ok) return saved
      await adopt(saved.test)
      return { ok: true }
    },

    duplicateTest: async (testId) => {
      const reply = await answerOf(() => api.duplicateTest(testId))
      if (reply.ok) await adopt(reply.test)
      else set({ testsNote: { tone: 'error', text: reply.message } })
    },

    deleteTest: async (testId) => {
      const reply = await answerOf(() => api.deleteTest(testId))
      if (!reply.ok) {
        set({ testsNote: { tone: 'error', text: reply.message } })
        return
      }
      set((state) => ({
        savedTests: state.savedTests.filter((test) => test.id !== testId),
        openTestId: state.openTestId === testId ? null : state.openTestId,
        pendingOpenTestId: state.pendingOpenTestId === testId ? null : state.pendingOpenTestId
      }))
      await get().loadTests()
    },

    requestOpenTest: (testId) => {
      const state = get()
      // The form is read-only while a run goes; a test opens once it has ended.
      if (isActivePhase(state.phase)) return
      if (selectOpenTestIsModified(state)) set({ pendingOpenTestId: testId })
      else openNow(testId)
    },

    confirmOpenTest: () => {
      const { pendingOpenTestId } = get()
      if (pendingOpenTestId !== null) openNow(pendingOpenTestId)
    },

    cancelOpenTest: () => set({ pendingOpenTestId: null }),

    saveOpenTest: async () => {
      const test = selectOpenTest(get())
      if (!test) return
      const content = designerContentOrMark()
      if (!content) {
        set({ openTestNote: { tone: 'error', text: PLAN_HAS_MISTAKES } })
        return
      }
      const saved = await saveTest({ id: test.id, name: test.name, ...content })
      if (!saved.ok) {
        set({ openTestNote: { tone: 'error', text: saved.message } })
        return
      }
      set({ openTestContent: content, openTestNote: { tone: 'success', text: `Saved “${saved.test.name}”.` } })
      await adopt(saved.test)
    },

    exportOpenTest: async () => {
      const test = selectOpenTest(get())
      if (!test) return
      const content = designerContentOrMark()
      if (!content) {
        set({ openTestNote: { tone: 'error', text: 'The plan has mistakes, marked in the form: fix them first. Nothing was written.' } })
        return
      }
      const reply = await answerOf(() => api.exportTestFile({ name: test.name, ...content }))
      if (!reply.ok) {
        if (reply.message) set({ openTestNote: { tone: 'error', text: reply.message } })
        return
      }
      // No path: the dialog was dismissed, which needs no word.
      if (reply.saved) set({ openTestNote: { tone: 'success', text: `Saved to ${reply.saved}` } })
    },

    importTestFile: async () => receiveImport(await answerOf(() => api.importTestFile())),
    importDroppedFile: async (fileName, text) => receiveImport(await answerOf(() => api.importDroppedFile(fileName, text))),

    importTest: async (test, file) => {
      const name = unusedTestName(test.name, get().savedTests.map((each) => each.name))
      const saved = await saveTest({ ...test, name })
      if (!saved.ok) {
        set({ testsNote: { tone: 'error', text: `${file}: ${saved.message}` } })
        return saved
      }
      await adopt(saved.test)
      set({ testsNote: { tone: 'success', text: `Imported “${name}” from ${file}.` } })
      get().requestOpenTest(saved.test.id)
      return { ok: true }
    },

    dismissTestsNote: () => set({ testsNote: undefined })
  }
}

/** main's reply, or a refusal saying why the request itself failed: every action ends with a message. */
async function answerOf<Reply>(request: () => Promise<Reply>): Promise<Reply | { ok: false; message: string }> {
  try {
    return await request()
  } catch (error) {
    return { ok: false, message: `Could not reach the saved tests: ${reasonOf(error)}` }
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
