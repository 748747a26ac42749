/**
 * Calls `onReached` once the wall clock reads `atMs` (epoch ms) or later, never before: Node's
 * timers may fire a millisecond early, so each wake-up checks the clock and waits again for what
 * is left (the last stretch on setImmediate, under a millisecond). Returns a function that calls it
 * off. The wall clock, not performance.now(), because the instant is shared with other machines.
 */
export function atWallClock(atMs: number, onReached: () => void): () => void {
  let timer: NodeJS.Timeout | undefined
  let immediate: NodeJS.Immediate | undefined
  const check = (): void => {
    const left = atMs - Date.now()
    if (left <= 0) return onReached()
    if (left < 2) immediate = setImmediate(check)
    else timer = setTimeout(check, left - 1)
  }
  check()
  return () => {
    clearTimeout(timer)
    if (immediate) clearImmediate(immediate)
  }
}
