import { useState, type RefCallback } from 'react'

/**
 * For a table whose "Add" button appends a row: `focusRow(key)` marks the new row, and the ref
 * `refFor(key)` hands its first input focuses it once, so the keyboard goes on typing into it.
 */
export function useFocusOnce<Key>(): {
  focusRow(key: Key | undefined): void
  refFor(key: Key): RefCallback<HTMLInputElement> | undefined
} {
  const [rowToFocus, setRowToFocus] = useState<Key | undefined>()
  const focusOnce: RefCallback<HTMLInputElement> = (input) => {
    if (!input) return
    input.focus()
    setRowToFocus(undefined)
  }
  return {
    focusRow: setRowToFocus,
    refFor: (key) => (rowToFocus !== undefined && key === rowToFocus ? focusOnce : undefined)
  }
}
