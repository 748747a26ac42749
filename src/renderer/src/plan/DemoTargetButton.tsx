import { useState } from 'react'
import { selectRunIsActive } from '../run/run-selectors'
import { useStampede } from '../app/use-stampede'

/** For a first try without a server of one's own: main starts a local target and we fill its URL. */
export function DemoTargetButton() {
  const [busy, setBusy] = useState(false)
  const runIsActive = useStampede(selectRunIsActive)
  const fillWithDemoTarget = useStampede((state) => state.fillWithDemoTarget)

  const onClick = async (): Promise<void> => {
    setBusy(true)
    try {
      await fillWithDemoTarget()
    } finally {
      setBusy(false)
    }
  }
  return (
    <button
      type="button"
      className="link-button"
      disabled={runIsActive}
      aria-busy={busy || undefined}
      onClick={() => void onClick()}
    >
      Try it on a local demo target
    </button>
  )
}
