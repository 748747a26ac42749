import { lazy, Suspense } from 'react'
import { useStampede } from '../app/use-stampede'
import { ImportDropTarget } from './ImportDropTarget'

// The review and the import's builder: their own chunk, loaded when a recording is first reviewed.
const ImportReview = lazy(() => import('./ImportReview').then((module) => ({ default: module.ImportReview })))

/** Where the window takes imports: files dropped on it, and the review of a recording. */
export function ImportHost() {
  const reviewing = useStampede((state) => state.importReview !== undefined)
  return (
    <>
      <ImportDropTarget />
      {reviewing && (
        <Suspense fallback={null}>
          <ImportReview />
        </Suspense>
      )}
    </>
  )
}
