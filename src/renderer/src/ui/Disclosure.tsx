import type { ReactNode } from 'react'

interface DisclosureButtonProps {
  label: string
  /** What the folded section holds, in a few words, so it can stay folded. */
  summary: string
  expanded: boolean
  /** The id of the section it shows and hides. */
  controls: string
  onToggle(): void
}

/** A button that folds a section away and back (aria-expanded): Enter and Space work as on any button. */
export function DisclosureButton({ label, summary, expanded, controls, onToggle }: DisclosureButtonProps) {
  return (
    <button type="button" className="disclosure" aria-expanded={expanded} aria-controls={controls} onClick={onToggle}>
      <span className="disclosure-arrow" aria-hidden="true">
        ▸
      </span>
      <span className="disclosure-label">{label}</span>
      <span className="disclosure-summary">{summary}</span>
    </button>
  )
}

interface DisclosureSectionProps {
  id: string
  label: string
  expanded: boolean
  children: ReactNode
}

/**
 * The section a DisclosureButton shows: always in the page (aria-controls names it), hidden and
 * empty while folded, so the page opens without rendering what the simplest job does not use.
 */
export function DisclosureSection({ id, label, expanded, children }: DisclosureSectionProps) {
  return (
    <section id={id} className="plan-section" aria-label={label} hidden={!expanded}>
      {expanded && children}
    </section>
  )
}
