import { useEffect, useRef, type RefObject } from 'react'

/** Focuses `target` (the button that opened an inline form) when `open` turns false, so focus is not lost to the page. */
export function useFocusOnClose(open: boolean, target: RefObject<HTMLElement | null>): void {
  const wasOpen = useRef(open)
  useEffect(() => {
    if (wasOpen.current && !open) target.current?.focus()
    wasOpen.current = open
  }, [open, target])
}
