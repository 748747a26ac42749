import { useEffect, useState } from 'react'
import { useStampede } from '../app/use-stampede'

/** The most a dropped file may be: src/shared/import/har-file.ts's IMPORT_MAX_BYTES, checked again in main. */
const DROP_MAX_BYTES = 64 * 1024 * 1024

/**
 * A file dropped anywhere on the window is imported (a test file, a HAR, a Postman collection,
 * cURL commands): its size is checked before it is read, then main reads its text. Without this
 * the browser would open the file in place of the app.
 */
export function ImportDropTarget() {
  const importDroppedFile = useStampede((state) => state.importDroppedFile)
  const [over, setOver] = useState(false)
  const [refusal, setRefusal] = useState<string>()

  useEffect(() => {
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false
    const onDragOver = (event: DragEvent) => {
      if (!hasFiles(event)) return
      event.preventDefault()
      setOver(true)
    }
    const onDragLeave = (event: DragEvent) => {
      if (event.relatedTarget === null) setOver(false)
    }
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return
      event.preventDefault()
      setOver(false)
      const file = event.dataTransfer?.files[0]
      if (!file) return
      if (file.size > DROP_MAX_BYTES) {
        setRefusal(`${file.name} is ${(file.size / 1_000_000).toFixed(1)} MB: more than an import reads (${DROP_MAX_BYTES / 1_048_576} MB).`)
        return
      }
      setRefusal(undefined)
      void file.text().then(
        (text) => importDroppedFile(file.name, text),
        () => setRefusal(`${file.name} could not be read.`)
      )
    }
    window.addEventListener('dragover', onDragOver)
    window.addEventListener('dragleave', onDragLeave)
    window.addEventListener('drop', onDrop)
    return () => {
      window.removeEventListener('dragover', onDragOver)
      window.removeEventListener('dragleave', onDragLeave)
      window.removeEventListener('drop', onDrop)
    }
  }, [importDroppedFile])

  return (
    <>
      {over && (
        <div className="import-drop-hint" aria-hidden="true">
          Drop a test file, a HAR or a Postman collection to import it
        </div>
      )}
      {refusal && (
        <p className="import-drop-refusal" role="alert">
          {refusal}{' '}
          <button type="button" className="link-button" aria-label="Dismiss the message" onClick={() => setRefusal(undefined)}>
            ×
          </button>
        </p>
      )}
    </>
  )
}
