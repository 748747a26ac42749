import type { ImportOptions } from '../../../shared/import/build-import'
import type { ImportSource } from '../../../shared/import/import-source'
import type { SliceCreator } from '../app/stampede-store'

/**
 * The review of an import (issue 18): the source main read (a HAR, a Postman collection, cURL
 * commands) and the user's choices on it: which hosts to keep, which correlations to reject, think
 * times and the User-Agent. The test itself is built from these each time it is shown
 * (src/shared/import/build-import.ts is quick and pure), and created through the saved-tests
 * slice's importTest.
 */
export interface ImportReview {
  source: ImportSource
  /** As main named it: the path picked, or a dropped file's name. */
  file: string
  options: Required<Pick<ImportOptions, 'keepUserAgent' | 'thinkTimes' | 'rejected'>> & Pick<ImportOptions, 'hosts'>
  /** Why the test could not be created, shown in the review. */
  message?: string
  creating: boolean
}

export interface ImportSlice {
  importReview: ImportReview | undefined
  reviewImport(source: ImportSource, file: string): void
  /** `hosts`: the hosts kept, as the review shows them checked. */
  keepImportHosts(hosts: string[]): void
  toggleCorrelation(id: string): void
  setImportThinkTimes(on: boolean): void
  setImportUserAgent(on: boolean): void
  cancelImport(): void
  /** Builds the test with the choices made and saves it as a new test; the review closes once it is saved. */
  createImportedTest(): Promise<void>
}

export const createImportSlice: SliceCreator<ImportSlice> = () => (set, get) => {
  const change = (update: (review: ImportReview) => Partial<ImportReview>): void => {
    const review = get().importReview
    if (review) set({ importReview: { ...review, ...update(review), message: undefined } })
  }
  return {
    importReview: undefined,
    reviewImport: (source, file) =>
      set({ importReview: { source, file, options: { keepUserAgent: false, thinkTimes: false, rejected: [] }, creating: false } }),
    keepImportHosts: (hosts) => change((review) => ({ options: { ...review.options, hosts } })),
    toggleCorrelation: (id) =>
      change((review) => {
        const rejected = review.options.rejected.includes(id) ? review.options.rejected.filter((each) => each !== id) : [...review.options.rejected, id]
        return { options: { ...review.options, rejected } }
      }),
    setImportThinkTimes: (on) => change((review) => ({ options: { ...review.options, thinkTimes: on } })),
    setImportUserAgent: (on) => change((review) => ({ options: { ...review.options, keepUserAgent: on } })),
    cancelImport: () => set({ importReview: undefined }),
    createImportedTest: async () => {
      const review = get().importReview
      if (!review || review.creating) return
      set({ importReview: { ...review, creating: true, message: undefined } })
      // Loaded with the review, not at start-up: the builder and the flow's compiler are only needed here.
      const [{ importedTestOf }, { importedTestInput }] = await Promise.all([
        import('../../../shared/import/import-source'),
        import('../../../shared/import/imported-test-input')
      ])
      const imported = importedTestOf(review.source, review.options)
      const saved = await get().importTest(importedTestInput(imported), review.file)
      const now = get().importReview
      if (now !== undefined && now.source === review.source) {
        set({ importReview: saved.ok ? undefined : { ...now, creating: false, message: saved.message } })
      }
    }
  }
}
